import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { countQueries, openOrm, type MikroORM } from '../database/orm.js';
import { provisionSubgraph } from '../database/provision.js';
import { OutboxMessage } from '../events/outbox-message.entity.js';
import { publishEvent } from '../events/publish.js';
import { newId } from '../ids.js';
import { createLogger } from '../logger.js';
import type { SubgraphDefinition } from '../subgraph.js';
import { CreateTablesOfEntities, createTestDatabase, startTestSubgraph, type TestDatabase } from '../testing.js';
import type { Job, Jobs } from './job.js';
import { createJobQueue, type JobQueue } from './queue.js';
import { jobRunsOf, scheduledJobs, taskOfJob } from './scheduler.js';

const createTables = [{ name: 'CreateTablesOfEntities', class: CreateTablesOfEntities }];
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Two replicas of one made-up subgraph on one database. */
let db: TestDatabase;
let replicas: MikroORM[];

beforeAll(async () => {
  db = await createTestDatabase();
  const url = await provisionSubgraph(db.url, 'programmes');
  const open = () =>
    openOrm({
      subgraph: 'programmes',
      clientUrl: url,
      entities: [OutboxMessage],
      migrations: createTables,
    });
  replicas = [await open(), await open()];
});
afterAll(async () => {
  for (const queue of queues) await queue.stop();
  for (const orm of replicas ?? []) await orm.close();
  await db?.drop();
});

const queues: JobQueue[] = [];
/** A replica's queue with these jobs; runDue() answers what ran. */
const schedulerOf = (jobs: Jobs, orm = replicas[0]) => {
  const logger = createLogger('programmes');
  const queue = createJobQueue({ orm, logger, pollMs: HOUR, users: [scheduledJobs({ orm, jobs, logger })] });
  queues.push(queue);
  return { runDue: async () => jobRunsOf(await queue.runDue()) };
};
/** A job's queued entry: its next turn (or its retry, with the last error). */
async function queuedOf(name: string) {
  const [row] = await replicas[0].em
    .fork()
    .execute<{ run_at: string; attempts: number; last_error: string | null }[]>(
      'select run_at, attempts, last_error from jobs where key = ?',
      [taskOfJob(name)],
    );
  return { ...row, run_at: new Date(row.run_at) };
}
/** As if the period (or the back-off) had passed (tests do not wait for it). */
const makeDue = (name: string) =>
  replicas[0].em
    .fork()
    .execute(`update _private_jobs set run_at = now() - interval '1 second' where key = ?`, [taskOfJob(name)]);

/** A job that counts its runs; `slowMs` keeps it running for a while. */
function countingJob(everyMs = HOUR, slowMs = 0) {
  const job = {
    runs: [] as Date[],
    everyMs,
    async run(_em: EntityManager, now: Date) {
      job.runs.push(now);
      if (slowMs) await sleep(slowMs);
    },
  };
  return job;
}

describe('scheduled jobs', () => {
  it('run when due — at once on first start — and not again before their period has passed', async () => {
    const job = countingJob();
    const scheduler = schedulerOf({ 'sweep-a': job });

    expect(await scheduler.runDue()).toEqual([{ name: 'sweep-a', error: null }]);
    expect(job.runs).toHaveLength(1);
    const next = await queuedOf('sweep-a');
    expect(next).toMatchObject({ attempts: 0, last_error: null });
    expect(next.run_at.getTime() - Date.now()).toBeGreaterThan(HOUR - 60_000);

    expect(await scheduler.runDue(), 'not due yet').toEqual([]);
    expect(job.runs).toHaveLength(1);

    await makeDue('sweep-a');
    expect(await scheduler.runDue()).toEqual([{ name: 'sweep-a', error: null }]);
    expect(job.runs).toHaveLength(2);
  });

  it('keep their schedule across restarts: a new scheduler does not run a job that is not due', async () => {
    const first = countingJob();
    await schedulerOf({ 'sweep-b': first }).runDue();
    const second = countingJob();
    expect(await schedulerOf({ 'sweep-b': second }, replicas[1]).runDue()).toEqual([]);
    expect(first.runs.length + second.runs.length).toBe(1);
  });

  it('run once when two schedulers on one database find a job due at the same time', async () => {
    const job = countingJob(HOUR, 100);
    const schedulers = replicas.map((orm) => schedulerOf({ 'sweep-c': job }, orm));
    for (let round = 1; round <= 5; round++) {
      if (round > 1) await makeDue('sweep-c');
      const ran = await Promise.all(schedulers.map((s) => s.runDue()));
      expect(ran.flat(), `round ${round}`).toEqual([{ name: 'sweep-c', error: null }]);
      expect(job.runs).toHaveLength(round);
    }
  });

  it('record a failure, retry the job after a back-off, and never hold up the other jobs', async () => {
    let failuresToCome = 1;
    const failing: Job = {
      everyMs: HOUR,
      run: async () => {
        if (failuresToCome-- > 0) throw new Error('the calendar is not loaded');
      },
    };
    const other = countingJob();
    const scheduler = schedulerOf({ 'failing-d': failing, 'other-d': other });

    expect(await scheduler.runDue()).toEqual([
      { name: 'failing-d', error: 'Error: the calendar is not loaded' },
      { name: 'other-d', error: null },
    ]);
    const failed = await queuedOf('failing-d');
    expect(failed).toMatchObject({ attempts: 1, last_error: expect.stringContaining('the calendar is not loaded') });
    expect(failed.run_at.getTime(), 'retried after a back-off').toBeGreaterThan(Date.now());
    expect(await scheduler.runDue(), 'not before the back-off has passed').toEqual([]);

    await makeDue('failing-d');
    expect(await scheduler.runDue(), 'only the failed job').toEqual([{ name: 'failing-d', error: null }]);
    const recovered = await queuedOf('failing-d');
    expect(recovered).toMatchObject({ attempts: 0, last_error: null });
    expect(recovered.run_at.getTime()).toBeGreaterThan(Date.now() + HOUR - 60_000);
    expect(other.runs).toHaveLength(1);
  });

  it('commit what a run writes only when the run succeeds', async () => {
    const aggregateIds: string[] = [];
    const publishing = (fail: boolean): Job => ({
      everyMs: HOUR,
      run: async (em) => {
        const aggregateId = newId();
        aggregateIds.push(aggregateId);
        publishEvent(em, { type: 'benefit.approved', aggregateId, payload: {} });
        await em.flush();
        if (fail) throw new Error('the sweep failed half-way');
      },
    });
    await schedulerOf({ 'publish-e': publishing(true) }).runDue();
    await makeDue('publish-e');
    await schedulerOf({ 'publish-e': publishing(false) }).runDue();

    const outbox = await replicas[0].em.fork().find(OutboxMessage, { aggregateId: { $in: aggregateIds } });
    expect(outbox.map((m) => m.aggregateId)).toEqual([aggregateIds[1]]);
  });

  it('leave a job another replica is running alone', async () => {
    const job = countingJob();
    const scheduler = schedulerOf({ 'sweep-f': job });
    await scheduler.runDue();
    await makeDue('sweep-f');
    // Another replica took it and is still running it …
    await replicas[0].em
      .fork()
      .execute(`update _private_jobs set locked_at = now(), locked_by = 'another replica' where key = ?`, [
        taskOfJob('sweep-f'),
      ]);
    expect(await scheduler.runDue()).toEqual([]);
    expect(job.runs).toHaveLength(1);
  });

  it('run without adding to the SQL statements counted for requests', async () => {
    const counted = countQueries(replicas[0]);
    try {
      expect(await schedulerOf({ 'sweep-g': countingJob() }).runDue()).toHaveLength(1);
      expect(counted.count, 'the N+1 tests stay exact while jobs run').toBe(0);
    } finally {
      counted.stop();
    }
  });

  it('refuse a period that is not positive', () => {
    expect(() => schedulerOf({ bad: { everyMs: 0, run: async () => {} } })).toThrow(/everyMs must be positive/);
  });
});

describe('a subgraph with jobs', () => {
  it('runs them on its own every JOB_POLL_MS, and stops running them when the service stops', async () => {
    let running = false;
    let runs = 0;
    let servicesSeen: unknown;
    const definition: SubgraphDefinition<object> = {
      name: 'programmes',
      entities: [],
      migrations: createTables,
      buildSchema: async () => ({ schema: buildSchema('type Query { ok: Boolean }'), sdl: '' }),
      createLoaders: () => ({}),
      setup: async () => ({ services: { calendar: 'from setup' } }),
      jobs: {
        tick: {
          everyMs: 1,
          run: async (_em, _now, { services }) => {
            servicesSeen = services;
            running = true;
            runs++;
            await sleep(30);
            running = false;
          },
        },
      },
    };
    const subgraph = await startTestSubgraph(definition, { env: { JOB_POLL_MS: '20' } });
    try {
      await vi.waitFor(() => expect(runs).toBeGreaterThanOrEqual(3), { timeout: 5_000, interval: 20 });
    } finally {
      await subgraph.stop();
    }
    expect(servicesSeen, 'what setup() made reaches the job').toEqual({ calendar: 'from setup' });
    expect(running, 'stop waits for the run in flight').toBe(false);
    const runsWhenStopped = runs;
    await sleep(200);
    expect(runs).toBe(runsWhenStopped);
  });

  it('runs nothing and answers [] to runDueJobs when it has no jobs', async () => {
    const subgraph = await startTestSubgraph({
      name: 'programmes',
      entities: [],
      migrations: createTables,
      buildSchema: async () => ({ schema: buildSchema('type Query { ok: Boolean }'), sdl: '' }),
      createLoaders: () => ({}),
    });
    try {
      expect(await subgraph.runDueJobs()).toEqual([]);
    } finally {
      await subgraph.stop();
    }
  });
});
