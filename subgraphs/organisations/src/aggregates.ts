import { jurisdiction } from './jurisdiction/index.js';
import { organisation } from './organisation/index.js';
import { account } from './account/index.js';
import { calendar } from './calendar/index.js';
import { jointMeeting } from './joint-meeting/index.js';
import { notification } from './notification/index.js';
import { annualSummary } from './annual-summary/index.js';
import { relative } from './relative/index.js';
import { webhook } from './webhook/index.js';

/** The organisations subgraph, aggregate by aggregate: its entities, schema and loaders are built from this list. */
export const aggregates = [
  jurisdiction,
  organisation,
  account,
  calendar,
  jointMeeting,
  notification,
  annualSummary,
  relative,
  webhook,
] as const;
