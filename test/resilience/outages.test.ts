import { createServer } from 'node:http';
import { buildSchema, GraphQLError } from 'graphql';
import { DriverException } from '@mikro-orm/core';
import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import {
  formatError,
  freePort,
  OutboxMessage,
  generateSigningKey,
  importSigningKey,
  sampleValue,
  subgraphClient,
  SUBGRAPHS,
  type SubgraphContext,
  type SubgraphDefinition,
  type SubgraphName,
} from '@doudi/shared';
import {
  CreateTablesOfEntities,
  principalHeader,
  startTestSubgraph,
  TEST_SYSTEM_ADMIN,
  testKeys,
} from '@doudi/shared/testing';
import { startGateway } from '@doudi/gateway';

// Outages are named (issue 18 item 2): SERVICE_UNAVAILABLE naming the missing part, 503 with Retry-After where the
// whole answer failed, never INTERNAL_SERVER_ERROR, never SQL, an address or a stack trace — in development too.

/** A well-formed access token: checking it needs organisations' keys. */
async function someAccessToken() {
  const key = await generateSigningKey();
  return new SignJWT({ sid: '019a0000-0000-7000-8000-00000000a001', kind: 'STAFF' })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setSubject('019a0000-0000-7000-8000-00000000a002')
    .setExpirationTime('5m')
    .sign(await importSigningKey(key));
}

const asResolverError = (cause: Error) => new GraphQLError(cause.message, { originalError: cause, path: ['x'] });

describe('a database outage as the caller sees it', () => {
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
  const cases: [string, Error][] = [
    ['connection refused', new DriverException(refused)],
    ['connection terminated', new Error('Connection terminated unexpectedly')],
    [
      'server shutting down (57P01)',
      Object.assign(new Error('terminating connection due to administrator command'), {
        severity: 'FATAL',
        code: '57P01',
        routine: 'ProcessInterrupts',
      }),
    ],
    [
      'no free connection in time',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }),
    ],
  ];
  for (const [what, cause] of cases) {
    for (const production of [true, false]) {
      it(`answers SERVICE_UNAVAILABLE naming the database for ${what} (${production ? 'production' : 'development'})`, () => {
        const error = asResolverError(cause);
        const formatted = formatError(production)(
          { message: error.message, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg'] } },
          error,
        );
        expect(formatted).toEqual({
          message: 'The database is unavailable; try again shortly',
          path: ['x'],
          locations: undefined,
          extensions: { code: 'SERVICE_UNAVAILABLE', service: 'database', retryAfterSeconds: 5 },
        });
      });
    }
  }

  it('answers SERVICE_UNAVAILABLE, not the address, when another subgraph it asks cannot be reached', async () => {
    const ask = subgraphClient(`http://127.0.0.1:${await freePort()}/graphql`);
    const failure = await ask('{ ok }', {}, 'assertion').then(
      () => null,
      (error: Error) => error,
    );
    const error = asResolverError(failure!);
    const formatted = formatError(false)({ message: error.message, path: ['x'] }, error);
    expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', service: 'dependency', retryAfterSeconds: 5 });
    expect(JSON.stringify(formatted)).not.toMatch(/127\.0\.0\.1|fetch failed|ECONNREFUSED/);
  });

  it('keeps a bug a bug: an unknown error is not called an outage', () => {
    const error = asResolverError(new Error('relation "x" does not exist'));
    expect(formatError(true)({ message: error.message }, error).extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('the gateway with subgraphs down', () => {
  it('answers 503 with Retry-After and SERVICE_UNAVAILABLE naming organisations when sign-in cannot be reached, with no address, and /readyz lists each subgraph down', async () => {
    const down = `http://127.0.0.1:${await freePort()}/graphql`;
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, down])) as Record<SubgraphName, string>,
      production: false,
      signingKey: (await testKeys()).gateway,
      timeoutMs: 2_000,
    });
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { signIn(input: { username: "a.b", password: "c" }) { accessToken } }',
        }),
      });
      const text = await response.text();
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(JSON.parse(text)).toMatchObject({
        data: null,
        errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'organisations', retryAfterSeconds: 5 } }],
      });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stacktrace|fetch failed/);

      // A token cannot be checked either: 503 naming organisations, not UNAUTHENTICATED.
      const authenticated = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await someAccessToken()}` },
        body: JSON.stringify({ query: '{ me { username } }' }),
      });
      expect(authenticated.status).toBe(503);
      expect(authenticated.headers.get('retry-after')).toBe('5');

      const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toBe('5');
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        service: 'gateway',
        dependencies: { organisations: 'down', households: 'down', programmes: 'down', cases: 'down' },
        missing: ['organisations', 'households', 'programmes', 'cases'],
      });
    } finally {
      await gateway.stop();
    }
  });

  it('passes a subgraph’s own outage on (its database down) as 503 SERVICE_UNAVAILABLE naming the database', async () => {
    const port = await freePort();
    const subgraph = createServer((req, res) => {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
      res.end(
        JSON.stringify({
          errors: [
            {
              message: 'The database is unavailable; try again shortly',
              extensions: { code: 'SERVICE_UNAVAILABLE', service: 'database', retryAfterSeconds: 5 },
            },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => subgraph.listen(port, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${port}/graphql`;
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, url])) as Record<SubgraphName, string>,
      production: true,
      signingKey: (await testKeys()).gateway,
    });
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { signIn(input: { username: "a.b", password: "c" }) { accessToken } }',
        }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({
        data: null,
        errors: [
          {
            message: 'The database is unavailable; try again shortly',
            extensions: { code: 'SERVICE_UNAVAILABLE', service: 'database' },
          },
        ],
      });
    } finally {
      await gateway.stop();
      await new Promise((resolve) => subgraph.close(resolve));
    }
  });

  it('answers SERVICE_UNAVAILABLE naming a subgraph that does not answer in time, and counts it as a timeout', async () => {
    const port = await freePort();
    const silent = createServer((req) => req.resume());
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${port}/graphql`;
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, url])) as Record<SubgraphName, string>,
      production: false,
      signingKey: (await testKeys()).gateway,
      timeoutMs: 300,
    });
    try {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { signIn(input: { username: "a.b", password: "c" }) { accessToken } }',
        }),
      });
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        errors: [
          {
            message: 'The organisations service did not answer in time; try again shortly',
            extensions: { code: 'SERVICE_UNAVAILABLE', service: 'organisations' },
          },
        ],
      });
      const metrics = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
      expect(sampleValue(metrics, 'doudi_gateway_subgraph_timeouts_total', { subgraph: 'organisations' })).toBe(1);
    } finally {
      await gateway.stop();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

describe('a subgraph under overload (issue 16 item 3)', () => {
  /**
   * A subgraph whose one field runs a real statement that takes `seconds` (pg_sleep) on its own pool, and
   * records each operation that started: what never started is seen not to have.
   */
  function sleeper(started: number[]): SubgraphDefinition<object> {
    return {
      name: 'programmes',
      entities: [OutboxMessage],
      migrations: [{ name: 'CreateTablesOfEntities', class: CreateTablesOfEntities }],
      buildSchema: async () => {
        const schema = buildSchema('type Query { sleep(id: Int!, seconds: Float!): Boolean }');
        schema.getQueryType()!.getFields().sleep.resolve = async (
          _root,
          args: { id: number; seconds: number },
          context,
        ) => {
          started.push(args.id);
          await (context as SubgraphContext<object>).em.getConnection().execute('select pg_sleep(?)', [args.seconds]);
          return true;
        };
        return { schema, sdl: '' };
      },
      createLoaders: () => ({}),
    };
  }
  const sleep = (running: { url: string }, id: number, seconds: number, signal?: AbortSignal) =>
    principalHeader(TEST_SYSTEM_ADMIN).then((headers) =>
      fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: `{ sleep(id: ${id}, seconds: ${seconds}) }` }),
        signal,
      }),
    );
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('with a limit of 3, serves 3 of 5 concurrent slow operations and refuses 2 at once with 503, Retry-After and SERVICE_UNAVAILABLE naming it', async () => {
    const started: number[] = [];
    const running = await startTestSubgraph(sleeper(started), {
      env: { MAX_CONCURRENT_OPERATIONS: '3', OPERATION_QUEUE: '0' },
    });
    try {
      const served = [1, 2, 3].map((id) => sleep(running, id, 1));
      await until(() => started.length === 3);
      const refused = await Promise.all([4, 5].map((id) => sleep(running, id, 1)));
      for (const response of refused) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
        expect(await response.json()).toMatchObject({
          errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'programmes', reason: 'queue full' } }],
        });
      }
      for (const response of await Promise.all(served))
        expect(await response.json()).toEqual({ data: { sleep: true } });
      expect(started.sort()).toEqual([1, 2, 3]);
    } finally {
      await running.stop();
    }
  });

  it('never runs the queued operation of a caller that gave up (the gateway’s timeout or a closed connection)', async () => {
    const started: number[] = [];
    const running = await startTestSubgraph(sleeper(started), {
      env: { MAX_CONCURRENT_OPERATIONS: '1', OPERATION_QUEUE: '5', OPERATION_QUEUE_WAIT_MS: '10000' },
    });
    try {
      const first = sleep(running, 1, 0.5);
      await until(() => started.length === 1);
      const gaveUp = new AbortController();
      const abandoned = sleep(running, 2, 0, gaveUp.signal).catch((error: Error) => error);
      const next = sleep(running, 3, 0);
      await new Promise((resolve) => setTimeout(resolve, 50));
      gaveUp.abort();
      expect(await abandoned).toBeInstanceOf(Error);
      expect(await (await first).json()).toEqual({ data: { sleep: true } });
      expect(await (await next).json()).toEqual({ data: { sleep: true } });
      expect(started).toEqual([1, 3]);
    } finally {
      await running.stop();
    }
  });
});
