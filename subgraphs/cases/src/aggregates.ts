import { caseFace } from './case/index.js';
import { referral } from './referral/index.js';
import { task } from './task/index.js';
import { visit } from './visit/index.js';
import { notice } from './notice/index.js';
import { followUp } from './follow-up/index.js';
import { emergency } from './emergency/index.js';
import { timeline } from './timeline/index.js';
import { inbox } from './inbox/index.js';
import { household } from './household/index.js';
import { organisation } from './organisation/index.js';
import { deadline } from './deadline/index.js';
import { relief } from './relief/index.js';
import { reminder } from './reminder/index.js';
import { statistics } from './statistics/index.js';
import { ledger } from './ledger/index.js';
import { discovery } from './discovery/index.js';
import { economicCheck } from './economic-check/index.js';
import { complaint } from './complaint/index.js';
import { document } from './document/index.js';

/** The cases subgraph, aggregate by aggregate: its entities, schema and loaders are built from this list. */
export const aggregates = [
  caseFace,
  referral,
  task,
  visit,
  notice,
  followUp,
  emergency,
  timeline,
  inbox,
  household,
  organisation,
  deadline,
  relief,
  reminder,
  statistics,
  ledger,
  discovery,
  economicCheck,
  complaint,
  document,
] as const;
