import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listen, close, SUBGRAPHS, type Logger, type SubgraphName } from '@doudi/shared';
import { graphql } from '@doudi/shared/testing';
import { startGateway } from './gateway.js';

describe('the gateway', () => {
  it('gives up on a subgraph that does not answer within the timeout', async () => {
    const silent = createServer(() => {
      /* never answers */
    });
    const port = await listen(silent, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    const lines: Record<string, unknown>[] = [];
    const record = (obj: unknown, msg?: string) => void lines.push({ ...(obj as object), msg });
    const logger = { warn: record, info: () => {}, error: record, debug: () => {} } as unknown as Logger;
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, url])) as Record<SubgraphName, string>,
      timeoutMs: 300,
      production: true,
      logger,
    });
    try {
      const started = Date.now();
      // Sign-in is the one operation an anonymous caller may send; it goes to the organisations subgraph.
      const result = await graphql(
        gateway.url,
        `
          mutation {
            signIn(input: { username: "someone", password: "something" }) {
              accessToken
            }
          }
        `,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.data).toBeNull();
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'subgraph timed out', subgraph: 'organisations', timeoutMs: 300 }),
      );
      expect(lines.find((l) => l.msg === 'subgraph timed out')?.requestId).toEqual(expect.any(String));
      const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(503);
    } finally {
      await gateway.stop();
      await close(silent);
    }
  });
});

describe('the gateway’s log', () => {
  it('records refused authentications and operations with the request id and reason, never the token', async () => {
    const lines: Record<string, unknown>[] = [];
    const record = (obj: unknown, msg?: string) => void lines.push({ ...(obj as object), msg });
    const logger = { warn: record, info: () => {}, error: record, debug: () => {} } as unknown as Logger;
    const url = 'http://127.0.0.1:9/graphql';
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, url])) as Record<SubgraphName, string>,
      production: true,
      logger,
    });
    try {
      const anonymous = await graphql(
        gateway.url,
        `
          {
            programmes {
              totalCount
            }
          }
        `,
        { secret: 'variable-value' },
      );
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      await graphql(
        gateway.url,
        `
          {
            __typename
          }
        `,
        {},
        { authorization: 'Bearer not-a-token-at-all' },
      );
      expect(lines).toContainEqual(
        expect.objectContaining({ msg: 'operation refused', reason: 'anonymous', code: 'UNAUTHENTICATED' }),
      );
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'authentication refused' }));
      for (const line of lines) expect(line.requestId).toEqual(expect.any(String));
      expect(JSON.stringify(lines)).not.toMatch(/not-a-token-at-all|variable-value/);
    } finally {
      await gateway.stop();
    }
  });
});

describe('the gateway under overload (issue 16 item 3)', () => {
  /** A subgraph that holds every request until the test ends, and tells when one arrives or its caller leaves. */
  async function holdingSubgraph() {
    const arrived: string[] = [];
    const left: string[] = [];
    const server = createServer((req) => {
      const id = String(req.headers['x-request-id']);
      arrived.push(id);
      req.resume();
      req.socket.once('close', () => left.push(id));
    });
    const port = await listen(server, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    return { url, arrived, left, server };
  }
  const signIn = (url: string, signal?: AbortSignal) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation { signIn(input: { username: "a.b", password: "c" }) { accessToken } }' }),
      signal,
    });
  const until = async (condition: () => boolean) => {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it('refuses operations beyond its own bound at once with 503, Retry-After and SERVICE_UNAVAILABLE naming the gateway', async () => {
    const subgraph = await holdingSubgraph();
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraph.url])) as Record<SubgraphName, string>,
      production: true,
      admission: { limit: 2, queue: 0, maxWaitMs: 1_000 },
    });
    const held = new AbortController();
    try {
      const running = [1, 2].map(() => signIn(gateway.url, held.signal).catch(() => null));
      await until(() => subgraph.arrived.length === 2);
      const refused = await signIn(gateway.url);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toEqual(expect.stringMatching(/^\d+$/));
      expect(await refused.json()).toMatchObject({
        errors: [{ extensions: { code: 'SERVICE_UNAVAILABLE', service: 'gateway', reason: 'queue full' } }],
      });
      expect(subgraph.arrived).toHaveLength(2);
      held.abort();
      await Promise.all(running);
    } finally {
      await gateway.stop();
      await close(subgraph.server);
    }
  });

  it('cancels its call to a subgraph when the client gives up, so the subgraph sees its caller gone', async () => {
    const subgraph = await holdingSubgraph();
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraph.url])) as Record<SubgraphName, string>,
      production: true,
      timeoutMs: 60_000,
    });
    try {
      const client = new AbortController();
      const answer = signIn(gateway.url, client.signal).catch((error: Error) => error);
      await until(() => subgraph.arrived.length === 1);
      client.abort();
      expect(await answer).toBeInstanceOf(Error);
      // Long before the gateway's own 60 s timeout, the subgraph's connection for that call is closed.
      await until(() => subgraph.left.length === 1);
      expect(subgraph.left).toEqual(subgraph.arrived);
    } finally {
      await gateway.stop();
      await close(subgraph.server);
    }
  });
});
