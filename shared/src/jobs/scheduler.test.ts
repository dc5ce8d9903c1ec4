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
import { setUpJobs } from './runtime.js';
import { ScheduledJob } from './scheduled-job.entity.js';
import { createJobScheduler } from './scheduler.js';

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
      entities: [ScheduledJob, OutboxMessage],
      migrations: createTables,
    });
  replicas = [await open(), await open()];
});
afterAll(async () => {
  for (const orm of replicas ?? []) await orm.close();
  await db?.drop();
});

const schedulerOf = (jobs: Jobs, orm = replicas[0]) =>
  createJobScheduler({ orm, jobs, logger: createLogger('programmes'), pollMs: HOUR });
const rowOf = (name: string) => replicas[0].em.fork().findOneOrFail(ScheduledJob, { name });
/** As if the period had passed (tests do not wait for it). */
const makeDue = (name: string) =>
  replicas[0].em.fork().nativeUpdate(ScheduledJob, { name }, { nextRunAt: new Date(Date.now() - 1_000) });

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
    const row = await rowOf('sweep-a');
    expect(row).toMatchObject({ runs: 1, lastError: null, lockedUntil: null, lockedBy: null });
    expect(row.lastRunAt?.getTime()).toBe(job.runs[0].getTime());
    expect(row.nextRunAt.getTime() - Date.now()).toBeGreaterThan(HOUR - 60_000);

    expect(await scheduler.runDue(), 'not due yet').toEqual([]);
    expect(job.runs).toHaveLength(1);

    await makeDue('sweep-a');
    expect(await scheduler.runDue()).toEqual([{ name: 'sweep-a', error: null }]);
    expect(job.runs).toHaveLength(2);
    expect((await rowOf('sweep-a')).runs).toBe(2);
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
    expect((await rowOf('sweep-c')).runs).toBe(5);
  });

  it('record a failure, run the job again at the next poll, and never hold up the other jobs', async () => {
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
    const failed = await rowOf('failing-d');
    expect(failed).toMatchObject({ runs: 1, lastError: 'Error: the calendar is not loaded', lockedUntil: null });
    expect(failed.nextRunAt.getTime(), 'still due').toBeLessThanOrEqual(Date.now());

    expect(await scheduler.runDue(), 'only the failed job, at the very next poll').toEqual([
      { name: 'failing-d', error: null },
    ]);
    const recovered = await rowOf('failing-d');
    expect(recovered).toMatchObject({ runs: 2, lastError: null });
    expect(recovered.nextRunAt.getTime()).toBeGreaterThan(Date.now() + HOUR - 60_000);
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

  it('leave a job claimed by another replica alone until its lease lapses', async () => {
    const job = countingJob();
    const scheduler = schedulerOf({ 'sweep-f': job });
    await scheduler.runDue();
    const em = replicas[0].em.fork();
    // Another replica took it and is still within its lease …
    await em.nativeUpdate(
      ScheduledJob,
      { name: 'sweep-f' },
      { nextRunAt: new Date(Date.now() - 1_000), lockedUntil: new Date(Date.now() + 60_000), lockedBy: newId() },
    );
    expect(await scheduler.runDue()).toEqual([]);
    // … then died: its claim lapses and the job is due again.
    await em.nativeUpdate(ScheduledJob, { name: 'sweep-f' }, { lockedUntil: new Date(Date.now() - 1_000) });
    expect(await scheduler.runDue()).toEqual([{ name: 'sweep-f', error: null }]);
    expect(job.runs).toHaveLength(2);
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

  it('refuse a period that is not positive, and a subgraph with jobs but no ScheduledJob entity', () => {
    expect(() => schedulerOf({ bad: { everyMs: 0, run: async () => {} } })).toThrow(/everyMs must be positive/);
    expect(() =>
      setUpJobs(
        { name: 'programmes', entities: [OutboxMessage], jobs: { tick: countingJob() } },
        replicas[0],
        {},
        createLogger('programmes'),
      ),
    ).toThrow(/must list the ScheduledJob entity/);
  });
});

describe('a subgraph with jobs', () => {
  it('runs them on its own every JOB_POLL_MS, and stops running them when the service stops', async () => {
    let running = false;
    let runs = 0;
    let servicesSeen: unknown;
    const definition: SubgraphDefinition<object> = {
      name: 'programmes',
      entities: [ScheduledJob],
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
