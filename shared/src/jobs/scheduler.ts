import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger.js';
import type { JobContext, JobRun, Jobs } from './job.js';
import { queueName, type JobOutcome, type QueueTasks } from './queue.js';

export interface ScheduledJobsOptions {
  orm: MikroORM;
  jobs: Jobs;
  logger: Logger;
  /** Handed to every run (default: no services, process.env). */
  services?: unknown;
  env?: Record<string, string | undefined>;
}

/** A recurring job is retried (with the queue's back-off) until it succeeds. */
const MAX_ATTEMPTS = 32_767;

export const taskOfJob = (name: string) => `job:${name}`;

const JOB_TASK = /^job:(.*)$/;
/** The scheduled runs among what the queue ran. */
export const jobRunsOf = (outcomes: JobOutcome[]): JobRun[] =>
  outcomes.flatMap(({ task, error }) => {
    const name = JOB_TASK.exec(task)?.[1];
    return name === undefined ? [] : [{ name, error }];
  });

function assertJobs(jobs: Jobs) {
  for (const [name, job] of Object.entries(jobs)) {
    if (!name || name.length > 100) throw new Error(`a job name must have 1 to 100 characters, got "${name}"`);
    if (!Number.isFinite(job.everyMs) || job.everyMs <= 0) throw new Error(`job ${name}: everyMs must be positive`);
  }
}

/**
 * A subgraph's jobs on its job queue (queue.ts). Each job is one queued entry under the job key of its
 * name, so however many replicas there are, one run is pending and one replica takes it. A successful run
 * queues the next, `everyMs` later, in its own transaction: the run's writes and its next turn commit
 * together (a job with `ownTransactions` commits its own steps, and queues its next turn once it has
 * succeeded). A failed run rolls back and is retried by the queue with back-off (the error stays on the
 * queued entry). `now` is the database's time at the start of the run's transaction.
 */
export function scheduledJobs(options: ScheduledJobsOptions): QueueTasks {
  const { orm, jobs, logger } = options;
  assertJobs(jobs);
  const context: JobContext = { services: options.services, env: options.env ?? process.env, logger };

  return {
    tasks: Object.fromEntries(
      Object.entries(jobs).map(([name, job]) => [
        taskOfJob(name),
        async () => {
          const turn = async (em: EntityManager) => {
            const schema = orm.config.get('schema')!;
            const [{ now }] = await em.execute<{ now: Date }[]>('select now() as now');
            await job.run(em, new Date(now), context);
            await em.execute(
              `select ${queueName(schema, 'add_job')}(?, '{}'::json, run_at => now() + ? * interval '1 millisecond',
                 max_attempts => ?, job_key => ?)`,
              [taskOfJob(name), job.everyMs, MAX_ATTEMPTS, taskOfJob(name)],
            );
          };
          // A job with its own transactions runs outside one; its next turn is queued once it has succeeded.
          if (job.ownTransactions) await turn(orm.em.fork());
          else await orm.em.fork().transactional(turn);
        },
      ]),
    ),
    // Each job's first turn, due at once, unless it is already queued or running (unsafe_dedupe) from an earlier start.
    prepare: async (client, schema) => {
      for (const name of Object.keys(jobs)) {
        await client.query(
          `select ${queueName(schema, 'add_job')}($1, '{}'::json, max_attempts => $2, job_key => $1,
             job_key_mode => 'unsafe_dedupe')`,
          [taskOfJob(name), MAX_ATTEMPTS],
        );
      }
    },
  };
}
