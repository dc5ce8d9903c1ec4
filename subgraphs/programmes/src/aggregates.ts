import { programme } from './programme/index.js';
import { version } from './version/index.js';
import { standard } from './standard/index.js';
import { benefit } from './benefit/index.js';
import { eligibility } from './eligibility/index.js';
import { household } from './household/index.js';
import { organisation } from './organisation/index.js';
import { jurisdiction } from './jurisdiction/index.js';
import { deadline } from './deadline/index.js';
import { statistics } from './statistics/index.js';
import { screening } from './screening/index.js';
import { payment } from './payment/index.js';
import { appraisal } from './appraisal/index.js';

/** The programmes subgraph, aggregate by aggregate: its entities, schema and loaders are built from this list. */
export const aggregates = [
  programme,
  version,
  standard,
  benefit,
  eligibility,
  household,
  organisation,
  jurisdiction,
  deadline,
  statistics,
  screening,
  payment,
  appraisal,
] as const;
