import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '@doudi/shared/testing';
import { requestsWhileSubgraphKilled, writesWhilePostgresKilled } from '../../scripts/fault-injection/scenarios.js';

// Short versions of `npm run bench:faults` (scripts/fault-injection/): one fault or two each, within the test budget.

describe('a subgraph process killed while requests flow (npm start’s supervisor restarts it)', () => {
  it('answers every request meanwhile with the other parts’ data and SERVICE_UNAVAILABLE naming programmes, and whole again once it is back', async () => {
    const db = await createTestDatabase();
    try {
      const result = await requestsWhileSubgraphKilled({ kills: 1, settleMs: 1_000, databaseUrl: db.url });
      expect(result.wrong).toEqual([]);
      expect(result.partial).toBeGreaterThan(0);
      expect(result.complete).toBeGreaterThan(0);
      expect(result.recoveryMs).toHaveLength(1);
      // Restarted after 0.5 s; a development start through tsx takes seconds on a busy machine.
      expect(result.recoveryMs[0]).toBeLessThan(45_000);
      console.log(`programmes killed: whole answers again after ${result.recoveryMs[0]} ms`);
    } finally {
      await db.drop();
    }
  }, 120_000);
});

describe('PostgreSQL killed with SIGKILL during acknowledged writes (restarted by the supervisor)', () => {
  it('loses no acknowledged write and stores none twice, the retries answered SERVICE_UNAVAILABLE with no SQL or address', async () => {
    const result = await writesWhilePostgresKilled({ kills: 2, everyMs: 1_500 });
    expect(result.acknowledged).toBeGreaterThan(10);
    expect(result.lost).toBe(0);
    expect(result.duplicated).toBe(0);
    expect(result.leaks).toEqual([]);
    expect(Object.keys(result.refusals).filter((code) => code !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(result.recoveryMs).toHaveLength(2);
    for (const ms of result.recoveryMs) expect(ms).toBeLessThan(20_000);
    console.log(`PostgreSQL killed: writes acknowledged again after ${result.recoveryMs.join(', ')} ms`);
  }, 120_000);
});
