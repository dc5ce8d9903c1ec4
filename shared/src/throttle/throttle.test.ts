import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm, type MikroORM } from '../database/orm.js';
import { provisionSubgraph } from '../database/provision.js';
import { CreateTablesOfEntities, createTestDatabase, type TestDatabase } from '../testing.js';
import { ThrottleCounter } from './throttle-counter.entity.js';
import { createThrottle } from './throttle.js';

/** Two replicas of one subgraph on one database: the count must hold across both. */
let db: TestDatabase;
let replicas: MikroORM[];

beforeAll(async () => {
  db = await createTestDatabase();
  const url = await provisionSubgraph(db.url, 'organisations');
  const open = () =>
    openOrm({
      subgraph: 'organisations',
      clientUrl: url,
      entities: [ThrottleCounter],
      migrations: [{ name: 'CreateTablesOfEntities', class: CreateTablesOfEntities }],
    });
  replicas = [await open(), await open()];
});
afterAll(async () => {
  for (const orm of replicas ?? []) await orm.close();
  await db?.drop();
});

const options = { name: 'test-sign-in', points: 3, durationSeconds: 60, blockSeconds: 300 };

describe('a throttle backed by PostgreSQL', () => {
  it('refuses the attempt after the limit with LIMIT_EXCEEDED and the wait, counting across replicas', async () => {
    const [one, two] = replicas.map((orm) => createThrottle(orm.em.fork(), options));
    await one.consume('zhang.san');
    await two.consume('zhang.san');
    await one.consume('zhang.san');
    expect(await two.retryAfter('zhang.san')).toBe(0);
    const refusal = await two.consume('zhang.san').catch((error) => error);
    expect(refusal.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(refusal.extensions.retryAfterSeconds).toBeGreaterThan(60);
    expect(await one.retryAfter('zhang.san')).toBeGreaterThan(60);
    await one.consume('li.si');
  });

  it('forgets a key on reset and never stores the key in clear', async () => {
    const throttle = createThrottle(replicas[0].em.fork(), { ...options, name: 'test-reset' });
    for (let i = 0; i < 4; i++) await throttle.consume('wang.wu').catch(() => undefined);
    expect(await throttle.retryAfter('wang.wu')).toBeGreaterThan(0);
    await throttle.reset('wang.wu');
    expect(await throttle.retryAfter('wang.wu')).toBe(0);
    await throttle.consume('wang.wu');
    const keys = (await replicas[0].em.fork().find(ThrottleCounter, {})).map((row) => row.key);
    expect(keys.some((key) => key.includes('wang') || key.includes('zhang'))).toBe(false);
  });
});
