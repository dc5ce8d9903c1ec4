import type { EntityManager } from '@mikro-orm/postgresql';
import { demo, type Logger } from '@doudi/shared';
import { Household } from './household/household.entity.js';
import { Person } from './person/person.entity.js';

/** The demo households of the seed jurisdictions; existing rows are left as they are. */
export async function seedDemo(em: EntityManager, logger: Logger) {
  const existing = new Set(
    (await em.find(Household, { id: { $in: demo.households.map((h) => h.id) } })).map((h) => h.id),
  );
  for (const { members, ...household } of demo.households) {
    if (existing.has(household.id)) continue;
    em.persist(Object.assign(new Household(), household));
    for (const member of members) em.persist(Object.assign(new Person(), { ...member, householdId: household.id }));
  }
  await em.flush();
  logger.info({ added: demo.households.length - existing.size }, 'demo households loaded');
}
