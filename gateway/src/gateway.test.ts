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
