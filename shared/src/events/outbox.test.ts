import { createServer, type Server } from 'node:http';
import { buildSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { freePort } from '../database/embedded.js';
import { countQueries, openOrm, type MikroORM } from '../database/orm.js';
import { provisionSubgraph } from '../database/provision.js';
import { generateSigningKey } from '../auth/keys.js';
import { createLogger } from '../logger.js';
import { newId } from '../ids.js';
import type { SubgraphDefinition } from '../subgraph.js';
import {
  CreateTablesOfEntities,
  createTestDatabase,
  deliverEvent,
  startTestSubgraph,
  testKeys,
  type TestDatabase,
} from '../testing.js';
import { deliverySigner } from './delivery-token.js';
import { eventsUrlOf, type DeliveredEvent } from './event.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { ProcessedEvent } from './processed-event.entity.js';
import { publishEvent } from './publish.js';
import { createJobQueue } from '../jobs/queue.js';
import { deliveriesIn, DELIVER_TASK, outboxDelivery } from './relay.js';

/** Made-up subgraphs: 'programmes' publishes benefit events, 'cases' records the ones it handles. */
const schemaOnly = async () => ({ schema: buildSchema('type Query { ok: Boolean }'), sdl: '' });
const createTables = [{ name: 'CreateTablesOfEntities', class: CreateTablesOfEntities }];

const producer: SubgraphDefinition<object> = {
  name: 'programmes',
  entities: [OutboxMessage],
  migrations: createTables,
  buildSchema: schemaOnly,
  createLoaders: () => ({}),
};

const handled: DeliveredEvent[] = [];
let failuresToCome = 0;
const consumer: SubgraphDefinition<object> = {
  name: 'cases',
  entities: [ProcessedEvent],
  migrations: createTables,
  buildSchema: schemaOnly,
  createLoaders: () => ({}),
  eventHandlers: {
    'benefit.approved': async (_em, event) => {
      if (failuresToCome > 0) {
        failuresToCome--;
        throw new Error('the projection is not ready');
      }
      handled.push(event);
    },
  },
};

type Running = Awaited<ReturnType<typeof startTestSubgraph>>;
let consumerPort: number;
let cases: Running;
let programmes: Running;

const startConsumer = () => startTestSubgraph(consumer, { port: consumerPort });

beforeAll(async () => {
  consumerPort = await freePort();
  cases = await startConsumer();
  // Polls once at start, then only when a test drains: each test decides when deliveries happen.
  programmes = await startTestSubgraph(producer, {
    env: { CASES_URL: cases.url, JOB_POLL_MS: String(3_600_000) },
  });
});
afterAll(async () => {
  await programmes?.stop();
  await cases?.stop();
});

function approveBenefit(em: EntityManager, benefitId = newId()) {
  return publishEvent(em, {
    type: 'benefit.approved',
    aggregateId: benefitId,
    payload: { benefitId, amount: '1234.50' },
  });
}

const publishCommitted = () => programmes.orm.em.fork().transactional(async (em) => approveBenefit(em));
const outboxRow = (eventId: string) => programmes.orm.em.fork().findOneOrFail(OutboxMessage, { eventId });
const timesHandled = (eventId: string) => handled.filter((e) => e.eventId === eventId).length;
/** The queued delivery of an event (gone once delivered): its attempts, last error and next attempt. */
async function queuedDelivery(eventId: string) {
  const [job] = await programmes.orm.em
    .fork()
    .execute<{ run_at: string; attempts: number; last_error: string | null }[]>(
      'select run_at, attempts, last_error from jobs where key = ?',
      [(await outboxRow(eventId)).id],
    );
  return job && { ...job, run_at: new Date(job.run_at) };
}
/** As if the back-off had passed (tests do not wait for it). */
const makeDue = async (eventId: string) =>
  programmes.orm.em
    .fork()
    .execute(`update _private_jobs set run_at = now() - interval '1 second' where key = ?`, [
      (await outboxRow(eventId)).id,
    ]);

describe('events from one subgraph to another', () => {
  it('are never delivered when the change that published them rolls back', async () => {
    let eventId = '';
    await expect(
      programmes.orm.em.fork().transactional(async (em) => {
        eventId = approveBenefit(em);
        await em.flush();
        throw new Error('the approval failed');
      }),
    ).rejects.toThrow('the approval failed');

    expect(await programmes.drainOutbox()).toBe(0);
    expect(await programmes.orm.em.fork().count(OutboxMessage, { eventId })).toBe(0);
    expect(timesHandled(eventId)).toBe(0);
  });

  it('arrive once, with their payload and producer, when the change commits', async () => {
    const eventId = await publishCommitted();

    await programmes.drainOutbox();
    expect(await programmes.drainOutbox()).toBe(0);
    expect(timesHandled(eventId)).toBe(1);
    expect(handled.find((e) => e.eventId === eventId)).toMatchObject({
      type: 'benefit.approved',
      producer: 'programmes',
      payload: { amount: '1234.50' },
    });
    expect(await outboxRow(eventId)).toMatchObject({ deliveredAt: expect.any(Date) });
    expect(await queuedDelivery(eventId), 'nothing left to deliver').toBeUndefined();
    expect(await cases.orm.em.fork().count(ProcessedEvent, { eventId })).toBe(1);
  });

  it('arrive without anyone asking, as soon as the change commits (not at the next poll)', async () => {
    const eager = await startTestSubgraph(producer, { env: { CASES_URL: cases.url, JOB_POLL_MS: '3600000' } });
    try {
      const eventId = await eager.orm.em.fork().transactional(async (em) => approveBenefit(em));
      await vi.waitFor(() => expect(timesHandled(eventId)).toBe(1), { timeout: 5_000, interval: 50 });
    } finally {
      await eager.stop();
    }
  });

  it('wait for a consumer that is down, retrying less and less often, and arrive when it is back', async () => {
    await cases.stop();
    const eventId = await publishCommitted();

    expect(await programmes.drainOutbox()).toBe(0);
    let job = await queuedDelivery(eventId);
    expect(job.attempts).toBe(1);
    expect(job.last_error).toMatch(/fetch failed|ECONNREFUSED/);
    expect(job.run_at.getTime() - Date.now(), 'about e¹ s').toBeGreaterThan(1_500);
    expect(await programmes.drainOutbox(), 'not before the back-off has passed').toBe(0);
    expect((await queuedDelivery(eventId)).attempts).toBe(1);

    await makeDue(eventId);
    expect(await programmes.drainOutbox()).toBe(0);
    job = await queuedDelivery(eventId);
    expect(job.attempts).toBe(2);
    expect(job.run_at.getTime() - Date.now(), 'about e² s').toBeGreaterThan(5_000);

    cases = await startConsumer();
    await makeDue(eventId);
    expect(await programmes.drainOutbox()).toBe(1);
    expect(timesHandled(eventId)).toBe(1);
    expect(await outboxRow(eventId)).toMatchObject({ deliveredAt: expect.any(Date) });
    expect(await queuedDelivery(eventId)).toBeUndefined();
  });

  it('each get a delivery of their own, under their id with fifty attempts, when one statement publishes many', async () => {
    const ids = [newId(), newId(), newId()];
    const eventIds = ids.map(() => newId());
    await programmes.orm.em
      .fork()
      .getConnection()
      .execute(
        `insert into outbox_message (id, event_id, type, aggregate_id, payload, consumer, created_at)
         select i, e, 'benefit.approved', e::text, '{"amount":"1.00"}'::jsonb, 'cases', now()
           from unnest(?::uuid[], ?::uuid[]) as t(i, e)`,
        [`{${ids.join(',')}}`, `{${eventIds.join(',')}}`],
      );
    const jobs: { key: string; max_attempts: number; task_identifier: string }[] = await programmes.orm.em
      .fork()
      .execute('select key, max_attempts, task_identifier from jobs where key in (?, ?, ?) order by key', ids);
    expect(jobs).toEqual([...ids].sort().map((key) => ({ key, max_attempts: 50, task_identifier: DELIVER_TASK })));
    await programmes.drainOutbox();
    for (const eventId of eventIds) expect(timesHandled(eventId)).toBe(1);
  });

  it('change the consumer once when delivered again after a lost acknowledgement', async () => {
    const eventId = await publishCommitted();
    await programmes.drainOutbox();
    expect(timesHandled(eventId)).toBe(1);
    // The consumer committed and answered, but the replica died before it heard: the delivery runs again.
    const { id } = await outboxRow(eventId);
    await programmes.orm.em.fork().nativeUpdate(OutboxMessage, { eventId }, { deliveredAt: null });
    await programmes.orm.em
      .fork()
      .execute(`select add_job(?, json_build_object('id', ?::uuid), job_key => ?)`, [DELIVER_TASK, id, id]);

    expect(await programmes.drainOutbox()).toBe(1);
    expect(timesHandled(eventId)).toBe(1);
    expect(await cases.orm.em.fork().count(ProcessedEvent, { eventId })).toBe(1);
  });

  it('are retried when the consumer’s handler fails, leaving no half-done work behind', async () => {
    failuresToCome = 1;
    const eventId = await publishCommitted();

    expect(await programmes.drainOutbox()).toBe(0);
    expect((await queuedDelivery(eventId)).last_error).toMatch(/^HTTP 500: .*benefit.approved/);
    expect(await cases.orm.em.fork().count(ProcessedEvent, { eventId }), 'rolled back with the handler').toBe(0);

    await makeDue(eventId);
    expect(await programmes.drainOutbox()).toBe(1);
    expect(timesHandled(eventId)).toBe(1);
  });

  it('are delivered without adding to the SQL statements counted for requests', async () => {
    const eventId = await publishCommitted();
    const counted = countQueries(programmes.orm);
    try {
      await programmes.drainOutbox();
      expect(counted.count, 'the N+1 tests stay exact while relays poll').toBe(0);
    } finally {
      counted.stop();
    }
    expect(timesHandled(eventId)).toBe(1);
  });

  it('are acknowledged and ignored when the consumer has no handler for their type', async () => {
    const event = { ...sampleEvent(), type: 'benefit.activated' };
    expect(await deliverEvent(cases, event)).toEqual({ status: 200, body: { status: 'ignored' } });
    expect(await cases.orm.em.fork().count(ProcessedEvent, { eventId: event.eventId })).toBe(0);
  });
});

function sampleEvent(): DeliveredEvent {
  const benefitId = newId();
  return {
    eventId: newId(),
    type: 'benefit.approved',
    aggregateId: benefitId,
    payload: { benefitId },
    producer: 'programmes',
    occurredAt: new Date().toISOString(),
  };
}

describe('the events endpoint', () => {
  const post = (body: string, authorization?: string) =>
    fetch(eventsUrlOf(cases.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body,
    });

  it('refuses with 401 a delivery without a signature, or signed with another key', async () => {
    const body = JSON.stringify(sampleEvent());
    const forger = await deliverySigner(await generateSigningKey(), 'programmes');
    const gatewayKeyed = await deliverySigner((await testKeys()).gateway, 'programmes');

    expect((await post(body)).status).toBe(401);
    expect((await post(body, 'Bearer not-a-token')).status).toBe(401);
    expect((await post(body, await forger.sign('cases', body))).status).toBe(401);
    expect((await post(body, await gatewayKeyed.sign('cases', body))).status).toBe(401);
  });

  it('refuses with 401 a captured signature carrying another event, or sent to another subgraph', async () => {
    const signer = await deliverySigner((await testKeys()).service, 'programmes');
    const signed = JSON.stringify(sampleEvent());
    const swapped = JSON.stringify(sampleEvent());

    expect((await post(swapped, await signer.sign('cases', signed))).status).toBe(401);
    expect((await post(signed, await signer.sign('households', signed))).status).toBe(401);
    expect((await post(signed, await signer.sign('cases', signed))).status).toBe(200);
  });

  it('refuses with 401 an event that claims another producer than the one that signed it', async () => {
    const event = { ...sampleEvent(), producer: 'households' as const };
    const body = JSON.stringify(event);
    const signer = await deliverySigner((await testKeys()).service, 'programmes');
    expect((await post(body, await signer.sign('cases', body))).status).toBe(401);
    expect(timesHandled(event.eventId)).toBe(0);
  });
});

describe('several replicas of a producer', () => {
  let db: TestDatabase;
  let replicas: MikroORM[];
  let recorder: Server;
  let recorderUrl: string;
  const received: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const url = await provisionSubgraph(db.url, 'programmes');
    const open = () =>
      openOrm({ subgraph: 'programmes', clientUrl: url, entities: [OutboxMessage], migrations: createTables });
    replicas = [await open(), await open()];
    // A slow consumer that answers everything: what it counts is what was sent, before any de-duplication.
    recorder = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push((JSON.parse(body) as DeliveredEvent).eventId);
        setTimeout(() => res.end('{"status":"processed"}'), 10);
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const address = recorder.address();
    recorderUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
  });
  /** A replica's queue delivering the outbox to the recorder; drain() answers how many it delivered. */
  async function relayOf(orm: MikroORM) {
    const delivery = outboxDelivery({
      orm,
      producer: 'programmes',
      signer: await deliverySigner((await testKeys()).service, 'programmes'),
      urlOf: () => recorderUrl,
    });
    const queue = createJobQueue({ orm, logger: createLogger('programmes'), pollMs: 3_600_000, users: [delivery] });
    return { ...queue, drain: async () => deliveriesIn(await queue.runDue()) };
  }
  afterAll(async () => {
    await new Promise((resolve) => recorder?.close(resolve));
    for (const orm of replicas ?? []) await orm.close();
    await db?.drop();
  });

  it('send every event exactly once when they drain one outbox at the same time', async () => {
    const published = await replicas[0].em
      .fork()
      .transactional(async (em) => Array.from({ length: 20 }, () => approveBenefit(em)));
    const relays = await Promise.all(replicas.map(relayOf));

    // The events predate the relays: their deliveries are queued when the relays start.
    const [first, second] = await Promise.all(relays.map((relay) => relay.drain()));
    await Promise.all(relays.map((relay) => relay.stop()));

    expect(first + second).toBe(20);
    expect(first, 'both replicas took part').toBeGreaterThan(0);
    expect(second, 'both replicas took part').toBeGreaterThan(0);
    expect([...received].sort()).toEqual([...published].sort());
  });

  it('try again, when a replica starts, a delivery whose attempts ran out', async () => {
    const eventId = await replicas[0].em.fork().transactional(async (em) => approveBenefit(em));
    const { id } = await replicas[0].em.fork().findOneOrFail(OutboxMessage, { eventId });
    // As if the consumer had refused it for ten days: the queue has given up on it.
    await replicas[0].em
      .fork()
      .execute(`update _private_jobs set attempts = max_attempts, last_error = 'HTTP 503' where key = ?`, [id]);
    const relay = await relayOf(replicas[0]);
    try {
      expect(await relay.drain()).toBe(1);
      expect(received).toContain(eventId);
    } finally {
      await relay.stop();
    }
  });

  it('keep flowing when another subgraph in the same database installs its own queue', async () => {
    const relay = await relayOf(replicas[0]);
    const households = await openOrm({
      subgraph: 'households',
      clientUrl: await provisionSubgraph(db.url, 'households'),
      entities: [OutboxMessage],
      migrations: createTables,
    });
    const otherQueue = createJobQueue({
      orm: households,
      logger: createLogger('households'),
      pollMs: 3_600_000,
      users: [{ tasks: { nothing: async () => {} } }],
    });
    try {
      relay.start();
      await relay.drain();
      // Installing a queue announces its migrations on a database-wide channel; the running relay must go on.
      await otherQueue.runDue();
      const eventId = await replicas[0].em.fork().transactional(async (em) => approveBenefit(em));
      await vi.waitFor(() => expect(received).toContain(eventId), { timeout: 5_000, interval: 50 });
      expect(process.exitCode ?? 0).toBe(0);
    } finally {
      await otherQueue.stop();
      await relay.stop();
      await households.close();
    }
  });
});
