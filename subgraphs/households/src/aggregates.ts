import { household } from './household/index.js';
import { person } from './person/index.js';
import { history } from './history/index.js';
import { income } from './income/index.js';
import { consent } from './consent/index.js';
import { obligor } from './obligor/index.js';
import { householdImport } from './import/index.js';
import { statistics } from './statistics/index.js';
import { dataPush } from './push/index.js';

/** The households subgraph, aggregate by aggregate: its entities, schema and loaders are built from this list. */
export const aggregates = [
  household,
  person,
  history,
  income,
  consent,
  obligor,
  householdImport,
  statistics,
  dataPush,
] as const;
