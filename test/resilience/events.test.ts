import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, connect, type Socket } from 'node:net';
import { buildSchema } from 'graphql';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  freePort,
  newId,
  OutboxMessage,
  ProcessedEvent,
  publishEvent,
  type DeliveredEvent,
  type SubgraphDefinition,
} from '@doudi/shared';
import { CreateTablesOfEntities, startTestSubgraph } from '@doudi/shared/testing';

// Events under faults (issue 18 items 4, 5): the relay holds no transaction, lock or busy connection while a
// consumer takes its time, and a consumer cut off while events flow still handles each exactly once.

const schemaOnly = async () => ({ schema: buildSchema('type Query { ok: Boolean }'), sdl: '' });
const createTables = [{ name: 'CreateTablesOfEntities', class: CreateTablesOfEntities }];
const producer: SubgraphDefinition<object> = {
  name: 'programmes',
  entities: [OutboxMessage],
  migrations: createTables,
  buildSchema: schemaOnly,
  createLoaders: () => ({}),
};
type Running = Awaited<ReturnType<typeof startTestSubgraph>>;
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => {});
});

const approve = (running: Running) =>
  running.orm.em.fork().transactional(async (em) => {
    const benefitId = newId();
    return publishEvent(em, { type: 'benefit.approved', aggregateId: benefitId, payload: { benefitId } });
  });

/** The producer's sessions other than the asking one: in a transaction, idle in one, running a statement, locking rows. */
async function producerSessions(running: Running) {
  const [row] = await running.orm.em.fork().getConnection().execute<
    {
      connections: number;
      in_transaction: number;
      idle_in_transaction: number;
      active: number;
      row_locks: number;
    }[]
  >(`select count(*)::int as connections,
       count(*) filter (where a.xact_start is not null)::int as in_transaction,
       count(*) filter (where a.state like 'idle in transaction%')::int as idle_in_transaction,
       count(*) filter (where a.state = 'active')::int as active,
       (select count(*)::int from pg_locks l join pg_stat_activity b on b.pid = l.pid
         where b.usename = current_user and b.datname = current_database() and b.pid <> pg_backend_pid()
           and l.locktype in ('tuple', 'transactionid')) as row_locks
     from pg_stat_activity a
     where a.usename = current_user and a.datname = current_database() and a.pid <> pg_backend_pid()`);
  return row;
}

describe('the event relay while a consumer hangs (no network call inside an open transaction)', () => {
  it('holds no transaction, row lock or busy connection of the producer during the HTTP call, and delivers once answered', async () => {
    let arrived = 0;
    let answer: (() => void)[] = [];
    const hanging: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
      arrived++;
      req.resume();
      answer.push(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"handled"}'));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => hanging.listen(port, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => hanging.close(resolve)));
    const programmes = await startTestSubgraph(producer, {
      env: { CASES_URL: `http://127.0.0.1:${port}/graphql`, JOB_POLL_MS: '3600000', SUBGRAPH_TIMEOUT_MS: '30000' },
    });
    cleanup.push(() => programmes.stop());

    await approve(programmes);
    const draining = programmes.drainOutbox();
    await vi.waitFor(() => expect(arrived).toBe(1), { timeout: 10_000, interval: 20 });
    // The consumer hangs for 2 s; the producer's sessions are sampled throughout.
    const samples = [];
    for (let i = 0; i < 10; i++) {
      samples.push(await producerSessions(programmes));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    for (const sample of samples) {
      expect(sample).toMatchObject({ in_transaction: 0, idle_in_transaction: 0, active: 0, row_locks: 0 });
    }
    answer.forEach((send) => send());
    answer = [];
    expect(await draining).toBe(1);
  });
});

/** A TCP path to the consumer that can be cut (every open connection reset) and restored, as when it dies. */
async function cuttableProxy(target: number) {
  const sockets = new Set<Socket>();
  const port = await freePort();
  let server: ReturnType<typeof createTcpServer> | undefined;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createTcpServer((client) => {
        const upstream = connect(target, '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {});
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', resolve);
    });
  await open();
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    cut: async () => {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const socket of sockets) socket.resetAndDestroy();
      });
    },
    restore: open,
    close: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  };
}

describe('a consumer cut off while events flow', () => {
  it('handles each event exactly once after it is back, answers lost in the cut included', async () => {
    const handled = new Map<string, number>();
    const consumer: SubgraphDefinition<object> = {
      name: 'cases',
      entities: [ProcessedEvent],
      migrations: createTables,
      buildSchema: schemaOnly,
      createLoaders: () => ({}),
      eventHandlers: {
        'benefit.approved': async (_em, event: DeliveredEvent) => {
          // Slow enough for the cut to fall between committing and answering.
          await new Promise((resolve) => setTimeout(resolve, 15));
          handled.set(event.eventId, (handled.get(event.eventId) ?? 0) + 1);
        },
      },
    };
    const cases = await startTestSubgraph(consumer);
    cleanup.push(() => cases.stop());
    const proxy = await cuttableProxy(cases.port);
    cleanup.push(() => proxy.close());
    const programmes = await startTestSubgraph(producer, { env: { CASES_URL: proxy.url, JOB_POLL_MS: '200' } });
    cleanup.push(() => programmes.stop());

    const published: string[] = [];
    const publishing = (async () => {
      for (let i = 0; i < 60; i++) {
        published.push(await approve(programmes));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await vi.waitFor(() => expect(handled.size).toBeGreaterThan(10), { timeout: 20_000, interval: 10 });
    const handledBeforeCut = handled.size;
    await proxy.cut();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await proxy.restore();
    await publishing;

    // The deliveries that failed in the cut wait out their back-off; make them due rather than wait.
    await vi.waitFor(
      async () => {
        await programmes.orm.em.fork().execute(`update _private_jobs set run_at = now() where run_at > now()`);
        const undelivered = await programmes.orm.em.fork().count(OutboxMessage, { deliveredAt: null });
        expect(undelivered).toBe(0);
      },
      { timeout: 30_000, interval: 500 },
    );
    expect(published).toHaveLength(60);
    expect(handledBeforeCut, 'the cut fell while events flowed').toBeLessThan(60);
    expect(published.filter((id) => handled.get(id) !== 1)).toEqual([]);
    expect(await cases.orm.em.fork().count(ProcessedEvent, {})).toBe(60);
  }, 90_000);
});
