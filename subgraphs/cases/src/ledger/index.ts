import { aggregate } from '@doudi/shared';
import { ledgerEntities } from './ledger.entity.js';
import { LedgerResolver } from './ledger.resolver.js';

/**
 * The monthly ledgers (台账) of 河鱼府发【2021】39号 二(四): each office's, the township's and its classified summary;
 * submitted, frozen, corrected by revision, exported (the sweep job is wired in ../index.ts).
 */
export const ledger = aggregate({ entities: ledgerEntities, resolvers: [LedgerResolver] });

export { LEDGER_SWEEP_JOB, ledgerSweepJob } from './ledger.job.js';
