import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listen, close, SUBGRAPHS, type SubgraphName } from '@doudi/shared';
import { graphql } from '@doudi/shared/testing';
import { startGateway } from './gateway.js';

describe('the gateway', () => {
  it('gives up on a subgraph that does not answer within the timeout', async () => {
    const silent = createServer(() => {
      /* never answers */
    });
    const port = await listen(silent, 0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}/graphql`;
    const gateway = await startGateway({
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, url])) as Record<SubgraphName, string>,
      timeoutMs: 300,
      production: true,
    });
    try {
      const started = Date.now();
      const result = await graphql(
        gateway.url,
        `
          {
            programmes {
              totalCount
            }
          }
        `,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.data).toBeNull();
      expect(result.errors?.length).toBeGreaterThan(0);
      const ready = await fetch(gateway.url.replace(/\/graphql$/, '/readyz'));
      expect(ready.status).toBe(503);
    } finally {
      await gateway.stop();
      await close(silent);
    }
  });
});
