import { pollingLoop } from '../polling.js';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { inBackground } from '../database/orm.js';
import type { Logger } from '../logger.js';
import type { JobContext, JobRun, Jobs } from './job.js';

export interface JobSchedulerOptions {
  orm: MikroORM;
  jobs: Jobs;
  logger: Logger;
  /** How often each replica looks for due jobs. */
  pollMs: number;
  /** Handed to every run (default: no services, process.env). */
  services?: unknown;
  env?: Record<string, string | undefined>;
}

export interface JobScheduler {
  /** Claims and runs every job that is due now, one after the other; resolves with what ran. */
  runDue(): Promise<JobRun[]>;
  /** Polls every pollMs until stop(). */
  start(): void;
  /** Stops polling and waits for the run in flight. */
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 2_000;

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

function assertJobs(jobs: Jobs) {
  for (const [name, job] of Object.entries(jobs)) {
    if (!name || name.length > 100) throw new Error(`a job name must have 1 to 100 characters, got "${name}"`);
    if (!Number.isFinite(job.everyMs) || job.everyMs <= 0) throw new Error(`job ${name}: everyMs must be positive`);
    if (job.leaseMs !== undefined && (!Number.isFinite(job.leaseMs) || job.leaseMs <= 0))
      throw new Error(`job ${name}: leaseMs must be positive`);
  }
}

/**
 * Runs a subgraph's jobs on a schedule kept in PostgreSQL (the scheduled_job table), so any number of replicas
 * can poll and each due run happens once. A replica claims a job in a short transaction — the row is locked
 * FOR UPDATE SKIP LOCKED only while it is due and unclaimed, and stamped `locked_until = now() + lease` — then
 * runs it in a transaction of its own, then releases it: due again `everyMs` later, or, when the run failed,
 * at the next poll, with the error kept in `last_error`. Times come from the database's clock, never a
 * replica's. A failing job never keeps the others from running.
 */
export function createJobScheduler(options: JobSchedulerOptions): JobScheduler {
  const { orm, jobs, logger } = options;
  assertJobs(jobs);
  const table = `"${orm.config.get('schema')}"."scheduled_job"`;
  const context: JobContext = { services: options.services, env: options.env ?? process.env, logger };

  // Each job's row, made once per process; a replica finding it made by another leaves it as it is.
  let registered: Promise<void> | undefined;
  const register = async () => {
    const em = orm.em.fork();
    for (const name of Object.keys(jobs)) {
      await em.execute(
        `insert into ${table} (name, next_run_at, runs) values (?, now(), 0) on conflict (name) do nothing`,
        [name],
      );
    }
  };

  /** The database's time of the claim, or null when the job is not due or another replica holds it. */
  const claim = (name: string, token: string, leaseMs: number) =>
    orm.em.fork().transactional(async (em) => {
      const [due] = await em.execute<{ now_ms: number }[]>(
        `select (extract(epoch from now()) * 1000)::float8 as now_ms from ${table}
          where name = ? and next_run_at <= now() and (locked_until is null or locked_until < now())
          for update skip locked`,
        [name],
      );
      if (!due) return null;
      await em.execute(
        `update ${table} set locked_until = now() + ? * interval '1 millisecond', locked_by = ? where name = ?`,
        [leaseMs, token, name],
      );
      return new Date(Math.floor(due.now_ms));
    });

  /** Releases the claim; a run that failed stays due, so the next poll tries it again. */
  const release = async (name: string, token: string, startedAt: Date, error: string | null, everyMs: number) => {
    const next = error === null ? `now() + ? * interval '1 millisecond'` : 'next_run_at';
    const released = await orm.em.fork().execute(
      `update ${table}
          set next_run_at = ${next}, locked_until = null, locked_by = null, last_run_at = ?, last_error = ?,
              runs = runs + 1
        where name = ? and locked_by = ?`,
      [...(error === null ? [everyMs] : []), startedAt, error, name, token],
      'run',
    );
    if (!(released as { affectedRows?: number }).affectedRows)
      logger.warn({ job: name }, 'the job ran past its lease; another replica may have run it too');
  };

  async function runOne(name: string): Promise<JobRun | null> {
    const job = jobs[name];
    const token = randomUUID();
    const startedAt = await claim(name, token, job.leaseMs ?? DEFAULT_LEASE_MS);
    if (!startedAt) return null;
    let error: string | null = null;
    try {
      await orm.em.fork().transactional((em) => job.run(em, startedAt, context));
    } catch (failure) {
      error = errorText(failure);
      logger.error({ err: failure, job: name }, 'scheduled job failed; it runs again at the next poll');
    }
    await release(name, token, startedAt, error, job.everyMs);
    return { name, error };
  }

  const runDue = () =>
    inBackground(async () => {
      registered ??= register().catch((error) => {
        registered = undefined;
        throw error;
      });
      await registered;
      const ran: JobRun[] = [];
      for (const name of Object.keys(jobs)) {
        try {
          const run = await runOne(name);
          if (run) ran.push(run);
        } catch (error) {
          // The claim or the release failed (the database, not the job): the others still get their turn.
          logger.error({ err: error, job: name }, 'could not claim or release a scheduled job; will try again');
        }
      }
      return ran;
    });

  return {
    runDue,
    ...pollingLoop(runDue, options.pollMs, (error) =>
      logger.error({ err: error }, 'job scheduler failed; will try again'),
    ),
  };
}
