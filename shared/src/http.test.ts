import { createServer } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { describe, expect, it } from 'vitest';
import { RETRY_AFTER_SECONDS } from './errors.js';
import { close, createGraphQLHttpServer, listen, nestsDeeperThan, requestSignal, TIMEOUT_HEADER } from './http.js';
import { createAdmission, type AdmissionOptions } from './overload.js';

/** A server whose one request waits until its signal aborts, and tells why. */
async function waitingServer() {
  let resolveReason: (reason: string) => void;
  const reason = new Promise<string>((resolve) => (resolveReason = resolve));
  const server = createServer((req, res) => {
    const signal = requestSignal(req, res);
    signal.addEventListener('abort', () => {
      resolveReason(String((signal.reason as Error)?.name ?? signal.reason));
      res.end();
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/`, reason, stop: () => close(server) };
}

describe('a request’s abort signal', () => {
  it('aborts when the caller’s stated wait has passed', async () => {
    const server = await waitingServer();
    await fetch(server.url, { headers: { [TIMEOUT_HEADER]: '50' } });
    expect(await server.reason).toBe('TimeoutError');
    await server.stop();
  });

  it('aborts when the caller gives up and closes the connection', async () => {
    const server = await waitingServer();
    await fetch(server.url, { signal: AbortSignal.timeout(50) }).catch(() => null);
    expect(await server.reason).toBe('Error');
    await server.stop();
  });
});

describe('JSON nesting', () => {
  it('is measured in one pass, skipping strings', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[\\"[[["}', 3)).toBe(false);
    expect(nestsDeeperThan('['.repeat(30_000_000), 64)).toBe(true);
  });
});

/**
 * A GraphQL server with admission control whose one field waits until the test lets it go; `started`
 * counts the operations that ran, so work that never ran is seen not to have.
 */
async function busyServer(admission: AdmissionOptions) {
  let started = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const apollo = new ApolloServer({
    typeDefs: 'type Query { slow: String }',
    resolvers: {
      Query: {
        slow: async () => {
          started++;
          await gate;
          return 'done';
        },
      },
    },
  });
  await apollo.start();
  const server = createGraphQLHttpServer({
    apollo,
    context: async () => ({}),
    admission: { admission: createAdmission(admission), service: 'households' },
  });
  const port = await listen(server, 0, '127.0.0.1');
  const ask = (signal?: AbortSignal) =>
    fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ slow }' }),
      signal,
    });
  return {
    ask,
    open,
    started: () => started,
    stop: async () => {
      open();
      await apollo.stop();
      await close(server);
    },
  };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('a service under overload (issue 16 item 3)', () => {
  it('serves as many operations as its limit and refuses the rest at once with 503, Retry-After and SERVICE_UNAVAILABLE', async () => {
    const server = await busyServer({ limit: 3, queue: 0, maxWaitMs: 1_000 });
    try {
      const served = [1, 2, 3].map(() => server.ask());
      await until(() => server.started() === 3);
      const refused = await Promise.all([1, 2].map(() => server.ask()));
      for (const response of refused) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
        expect(await response.json()).toMatchObject({
          errors: [
            {
              message: 'The households service is busy; try again shortly',
              extensions: { code: 'SERVICE_UNAVAILABLE', service: 'households', reason: 'queue full' },
            },
          ],
        });
      }
      server.open();
      for (const response of await Promise.all(served)) {
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ data: { slow: 'done' } });
      }
      expect(server.started()).toBe(3);
    } finally {
      await server.stop();
    }
  });

  it('lets a queued operation run when a slot frees, and refuses one that waited longer than it may', async () => {
    const server = await busyServer({ limit: 1, queue: 1, maxWaitMs: 100 });
    try {
      const first = server.ask();
      await until(() => server.started() === 1);
      const late = await server.ask();
      expect(late.status).toBe(503);
      expect(await late.json()).toMatchObject({ errors: [{ extensions: { reason: 'waited too long' } }] });
      const queued = server.ask();
      await new Promise((resolve) => setTimeout(resolve, 20));
      server.open();
      expect((await first).status).toBe(200);
      expect((await queued).status).toBe(200);
      expect(server.started()).toBe(2);
    } finally {
      await server.stop();
    }
  });

  it('never runs a queued operation whose caller gave up, and gives its place to the next', async () => {
    const server = await busyServer({ limit: 1, queue: 2, maxWaitMs: 5_000 });
    try {
      const first = server.ask();
      await until(() => server.started() === 1);
      const gaveUp = new AbortController();
      const abandoned = server.ask(gaveUp.signal).catch((error: Error) => error);
      const next = server.ask();
      await new Promise((resolve) => setTimeout(resolve, 50));
      gaveUp.abort();
      expect(await abandoned).toBeInstanceOf(Error);
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.open();
      expect((await first).status).toBe(200);
      expect((await next).status).toBe(200);
      // The first and the next ran; the abandoned one never started.
      expect(server.started()).toBe(2);
    } finally {
      await server.stop();
    }
  });
});
