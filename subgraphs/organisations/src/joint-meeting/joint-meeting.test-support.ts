/** Test setup shared by this folder's tests: a fresh database with the demo organisations and meetings. */
import { createLogger, newId, openOrm, provisionSubgraph, type MikroORM, type Principal } from '@doudi/shared';
import { createTestDatabase } from '@doudi/shared/testing';
import { organisations } from '../index.js';
import { seedDemo } from '../demo.js';
import { seedJointMeetingDemo } from './joint-meeting.demo.js';

export const XIANGFEN = '141023000000';
export const JINJIANG = '350582000000';

export const admin = (jurisdictionCode: string): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles: ['JURISDICTION_ADMIN'],
  scopes: [],
});

export async function openTestOrm() {
  const db = await createTestDatabase();
  const orm: MikroORM = await openOrm({
    subgraph: 'organisations',
    clientUrl: await provisionSubgraph(db.url, 'organisations'),
    entities: organisations.entities,
    migrations: organisations.migrations,
  });
  await seedDemo(orm.em.fork(), createLogger('organisations'));
  const secondSeeding = await seedJointMeetingDemo(orm.em.fork());
  return {
    orm,
    secondSeeding,
    close: async () => {
      await orm.close();
      await db.drop();
    },
  };
}
