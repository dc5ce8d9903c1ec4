import type { PersonalDataVault, SubgraphQuery } from '@doudi/shared';

/** What the households subgraph's code reaches beyond its own tables, made once at start (setup.ts). */
export interface Services {
  vault: PersonalDataVault;
  /** Asks the organisations subgraph (e.g. which jurisdiction codes exist), as the current caller. */
  organisations: SubgraphQuery;
  /** Asks the programmes subgraph (the local standards), as the current caller: remote/programmes.ts. */
  programmes: SubgraphQuery;
}
