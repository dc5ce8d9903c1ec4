import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';
import type { JobContext, JobRun, Jobs } from './job.js';
import { createJobQueue, queueName, type JobQueue } from './queue.js';

export interface JobSchedulerOptions {
  orm: MikroORM;
  jobs: Jobs;
  logger: Logger;
  /** How often each replica looks for jobs that became due. */
  pollMs: number;
  /** Handed to every run (default: no services, process.env). */
  services?: unknown;
  env?: Record<string, string | undefined>;
}

export interface JobScheduler {
  /** Runs every job that is due now, one after the other; resolves with what ran. */
  runDue(): Promise<JobRun[]>;
  /** Works the queue until stop(). */
  start(): void;
  /** Stops and waits for the run in flight. */
  stop(): Promise<void>;
}

const MAX_ERROR_LENGTH = 2_000;
/** A recurring job is retried (with the queue's back-off) until it succeeds. */
const MAX_ATTEMPTS = 32_767;

export const taskOfJob = (name: string) => `job:${name}`;

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

function assertJobs(jobs: Jobs) {
  for (const [name, job] of Object.entries(jobs)) {
    if (!name || name.length > 100) throw new Error(`a job name must have 1 to 100 characters, got "${name}"`);
    if (!Number.isFinite(job.everyMs) || job.everyMs <= 0) throw new Error(`job ${name}: everyMs must be positive`);
  }
}

/**
 * Runs a subgraph's jobs on the job queue (queue.ts). Each job is one queued entry under the job key of its
 * name, so however many replicas there are, one run is pending and one replica takes it. A successful run
 * queues the next, `everyMs` later, in its own transaction: the run's writes and its next turn commit
 * together. A failed run rolls back and is retried by the queue with back-off (the error stays on the queued
 * entry). `now` is the database's time at the start of the run's transaction.
 */
export function createJobScheduler(options: JobSchedulerOptions): JobScheduler {
  const { orm, jobs, logger } = options;
  assertJobs(jobs);
  const context: JobContext = { services: options.services, env: options.env ?? process.env, logger };
  let ran: JobRun[] = [];

  const queue: JobQueue = createJobQueue({
    orm,
    logger,
    pollMs: options.pollMs,
    tasks: Object.fromEntries(
      Object.entries(jobs).map(([name, job]) => [
        taskOfJob(name),
        async () => {
          try {
            await orm.em.fork().transactional(async (em) => {
              const schema = orm.config.get('schema')!;
              const [{ now }] = await em.execute<{ now: Date }[]>('select now() as now');
              await job.run(em, new Date(now), context);
              await em.execute(
                `select ${queueName(schema, 'add_job')}(?, '{}'::json, run_at => now() + ? * interval '1 millisecond',
                   max_attempts => ?, job_key => ?)`,
                [taskOfJob(name), job.everyMs, MAX_ATTEMPTS, taskOfJob(name)],
              );
            });
            ran.push({ name, error: null });
          } catch (failure) {
            ran.push({ name, error: errorText(failure) });
            logger.error({ err: failure, job: name }, 'scheduled job failed; the queue retries it');
            throw failure;
          }
        },
      ]),
    ),
    // Each job's first turn, due at once, unless it is already queued (or running) from an earlier start.
    prepare: async (client, schema) => {
      for (const name of Object.keys(jobs)) {
        await client.query(
          `select ${queueName(schema, 'add_job')}($1, '{}'::json, max_attempts => $2, job_key => $1)
            where not exists (select 1 from ${queueName(schema, '_private_jobs')} where key = $1)`,
          [taskOfJob(name), MAX_ATTEMPTS],
        );
      }
    },
  });

  return {
    async runDue() {
      ran = [];
      await queue.runDue();
      const done = ran;
      ran = [];
      return done;
    },
    start: () => queue.start(),
    stop: () => queue.stop(),
  };
}
