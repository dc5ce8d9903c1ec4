import { randomBytes } from 'node:crypto';
import { createVault } from '@doudi/shared';
import { MAX_BODY_BYTES } from './http.js';
import { describe, expect, it } from 'vitest';
import { startTestSubgraph } from './testing.js';
import { households } from '@doudi/households';

describe('a subgraph process', () => {
  it('answers /healthz and /readyz, and loads demo data only once however often it starts', async () => {
    const first = await startTestSubgraph(households, { demoData: true });
    try {
      const base = first.url.replace(/\/graphql$/, '');
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', service: 'households' });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const { seedDemo } = households;
      await seedDemo!(first.orm.em.fork(), { info: () => {} } as never, {
        production: false,
        services: { vault: createVault(randomBytes(32)) },
      });
      const total = await first.query<{ households: { totalCount: number } }>(`{ households { totalCount } }`);
      expect(total.data!.households.totalCount).toBe(3);
    } finally {
      await first.stop();
    }
  });

  it('refuses a body over the limit and a body that is not JSON', async () => {
    const subgraph = await startTestSubgraph(households);
    try {
      const big = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ households { totalCount } }`, pad: 'x'.repeat(MAX_BODY_BYTES + 1) }),
      });
      expect(big.status).toBe(413);
      const garbled = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{ "query": ',
      });
      expect(garbled.status).toBe(400);
    } finally {
      await subgraph.stop();
    }
  });
});
