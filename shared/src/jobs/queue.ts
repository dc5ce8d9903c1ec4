import { EventEmitter } from 'node:events';
import pg from 'pg';
import {
  Logger as WorkerLogger,
  run,
  runMigrations,
  runOnce,
  type JobHelpers,
  type RunnerOptions,
  type Runner,
  type TaskList,
  type WorkerEvents,
} from 'graphile-worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import { inBackground } from '../database/orm.js';
import type { Logger } from '../logger.js';

/**
 * The job queue under events and scheduled jobs: graphile-worker, chosen over pg-boss because a job is added
 * with one SQL function (add_job) on the caller's own connection, so it commits or rolls back with the
 * caller's transaction; it retries with exponential back-off, de-duplicates on a job key, takes each job
 * with FOR UPDATE SKIP LOCKED (any number of replicas), wakes on LISTEN/NOTIFY, and keeps its tables in the
 * schema it is given — here the subgraph's own, owned by the subgraph's role (no superuser, no CREATE on the
 * database: its `create schema` is skipped by making its bookkeeping table first). Its 0.17 line runs on the
 * Node version this project uses.
 */

/** Quoted `"schema".name` of a queue table or function in the subgraph's schema. */
export const queueName = (schema: string, name: string) => `"${schema.replace(/"/g, '""')}".${name}`;

/** One user of a subgraph's queue (the outbox's deliveries, the scheduled jobs): its tasks and its set-up. */
export interface QueueTasks {
  tasks: TaskList;
  /** SQL run once the queue is installed, before any job: registrations, triggers. */
  prepare?: (client: pg.PoolClient, schema: string) => Promise<void>;
}

export interface JobQueueOptions {
  orm: MikroORM;
  logger: Logger;
  /** How often a worker looks for jobs that became due (retries, later runs); new jobs wake it at once. */
  pollMs: number;
  /** Everything this subgraph queues: one queue, one worker pool per replica. */
  users: QueueTasks[];
}

/** How a job ended while runDue() ran: its task, and its error (null when it succeeded). */
export interface JobOutcome {
  task: string;
  error: string | null;
}

export interface JobQueue {
  /**
   * Runs the jobs that are due now until none is left, waits for those this process's workers hold, and answers
   * how every job that ended meanwhile ended.
   */
  runDue(): Promise<JobOutcome[]>;
  /** Works the queue (LISTEN for new jobs, poll every pollMs) until stop(). */
  start(): void;
  /** Stops working and waits for the job in flight; closes the queue's connections. */
  stop(): Promise<void>;
}

const errorText = (error: unknown) =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2_000);

function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error') logger.error(fields, message);
    else if (level === 'warning') logger.warn(fields, message);
    else logger.debug(fields, message);
  });
}

/**
 * The worker LISTENs on database-wide channels, and shuts down (setting the process's exit code) when it hears
 * that a queue was migrated across a breaking change — any subgraph's queue, since the channel does not say
 * which schema. Every subgraph's first start installs its own queue, so that notice would stop the others:
 * it is dropped. (The worker's version is pinned; an upgrade across a breaking queue migration stops every
 * replica first, as its release notes ask.)
 */
function ignoreOtherSchemasMigrations(client: pg.PoolClient) {
  const emit = client.emit.bind(client);
  client.emit = ((event: string | symbol, ...args: unknown[]) =>
    event === 'notification' && (args[0] as { channel?: string } | undefined)?.channel === 'worker:migrate'
      ? false
      : emit(event, ...args)) as typeof client.emit;
}

export function createJobQueue({ orm, logger, pollMs, users }: JobQueueOptions): JobQueue {
  const schema = orm.config.get('schema')!;
  const pool = new pg.Pool({ connectionString: orm.config.get('clientUrl'), max: 4 });
  const lost = (error: Error) => logger.warn({ err: error }, 'job queue connection lost');
  pool.on('error', lost);
  pool.on('connect', (client) => {
    client.on('error', lost);
    ignoreOtherSchemasMigrations(client);
  });
  // Every task runs as background work: its SQL is not counted as a request's.
  const taskList: TaskList = Object.fromEntries(
    users
      .flatMap(({ tasks }) => Object.entries(tasks))
      .map(([name, task]) => [
        name,
        (payload: unknown, helpers: JobHelpers) => inBackground(async () => task!(payload, helpers)),
      ]),
  );
  // This process's worker pools, and how many of their workers are fetching or running a job: runDue()
  // waits for them, and for the queue to record how their jobs ended.
  let busy = 0;
  let outcomes: JobOutcome[] = [];
  const pools: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:create', ({ workerPool }) => pools.push(workerPool.id));
  events.on('worker:getJob:start', () => busy++);
  for (const done of ['worker:getJob:empty', 'worker:getJob:error'] as const) events.on(done, () => busy--);
  events.on('job:complete', ({ job, error }) => {
    busy--;
    outcomes.push({ task: job.task_identifier, error: error ? errorText(error) : null });
  });
  const holdsJobs = async () =>
    (
      await pool.query<{ holds: boolean }>(
        `select exists (select 1 from ${queueName(schema, 'jobs')} where locked_by = any($1)) as holds`,
        [pools],
      )
    ).rows[0].holds;
  const options: RunnerOptions = {
    events,
    pgPool: pool,
    schema,
    taskList,
    logger: workerLogger(logger),
    noHandleSignals: true,
    pollInterval: pollMs,
    concurrency: 1,
  };

  let installed: Promise<void> | undefined;
  const install = () =>
    (installed ??= (async () => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [`${schema}.job-queue`]);
        await client.query(`create table if not exists ${queueName(schema, 'migrations')} (
          id int primary key, ts timestamptz default now() not null, breaking boolean not null default false)`);
        await client.query('commit');
        await runMigrations(options);
        await client.query('begin');
        await client.query('select pg_advisory_xact_lock(hashtext($1))', [`${schema}.job-queue`]);
        for (const { prepare } of users) await prepare?.(client, schema);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    })().catch((error) => {
      installed = undefined;
      throw error;
    }));

  let runner: Promise<Runner | undefined> | undefined;
  let stopped = false;
  let stopping: Promise<void> | undefined;
  return {
    async runDue() {
      outcomes = [];
      await install();
      await runOnce(options);
      while (busy > 0 || (await holdsJobs())) await new Promise((resolve) => setTimeout(resolve, 5));
      return outcomes.splice(0);
    },
    start() {
      if (stopped || runner) return;
      runner = install()
        .then(() => (stopped ? undefined : run(options)))
        .catch((error) => {
          logger.error({ err: error }, 'the job queue could not start');
          return undefined;
        });
    },
    stop() {
      stopped = true;
      return (stopping ??= (async () => {
        const working = await runner;
        // The runner may have stopped on its own (a lost database); stopping it again throws.
        await working?.stop().catch(() => {});
        await pool.end();
      })());
    },
  };
}
