import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';

/** What a run may need besides its transaction: what the subgraph's setup() made, and its environment. */
export interface JobContext {
  services: unknown;
  env: Record<string, string | undefined>;
  logger: Logger;
}

/** A job a subgraph runs on a schedule (SubgraphDefinition.jobs), queued under its name (scheduler.ts). */
export interface Job {
  /** Time between the end of one successful run and the next; a failed run is retried with back-off. */
  everyMs: number;
  /**
   * One run, inside its own transaction: everything it writes commits or rolls back together. `now` is the
   * database's time when the run started (the same clock for every replica).
   */
  run(em: EntityManager, now: Date, context: JobContext): Promise<unknown>;
  /**
   * The run opens its own short transactions instead of running inside one: `em` is then a fork outside any
   * transaction, and the next turn is queued after the run. For a run that reads over the network or takes minutes
   * (the screening of a county): a transaction held that long pins a connection and its locks and blocks vacuum.
   */
  ownTransactions?: boolean;
}

/** A subgraph's jobs by name, the key of their queued entry. */
export type Jobs = Record<string, Job>;

/** What one run did: `error` is null when it succeeded. */
export interface JobRun {
  name: string;
  error: string | null;
}
