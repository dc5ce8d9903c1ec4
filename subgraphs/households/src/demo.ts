import type { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS, checkCharacter, demo, type Logger } from '@doudi/shared';
import { recordChange } from './history/history.service.js';
import { Household } from './household/household.entity.js';
import { sealPerson } from './person/person.service.js';
import type { Services } from './setup.js';
import type { RelationshipToHead, Sex } from './person/person.entity.js';

/**
 * A sample ID number of the right form for a demo person: county, birth date, sequence 00, a sex digit
 * and the GB 11643 check character. Sample data only.
 */
function sampleIdNumber(jurisdictionCode: string, birthDate: string, sex: string, n: number): string {
  const first17 = `${jurisdictionCode.slice(0, 6)}${birthDate.replace(/-/g, '')}0${n % 10}${sex === 'MALE' ? 1 : 2}`;
  return first17 + checkCharacter(first17);
}

/** The demo households of the seed jurisdictions; existing rows are left as they are. */
export async function seedDemo(em: EntityManager, logger: Logger, options: { services: unknown }) {
  const { vault } = options.services as Services;
  const existing = new Set(
    (await em.find(Household, { id: { $in: demo.households.map((h) => h.id) } })).map((h) => h.id),
  );
  let n = 0;
  for (const { members, ...household } of demo.households) {
    if (existing.has(household.id)) continue;
    const created = Object.assign(new Household(), household);
    em.persist(created);
    recordChange(em, ANONYMOUS, '演示数据', created, null);
    for (const member of members) {
      const person = sealPerson(vault, household.id, {
        name: member.name,
        sex: member.sex as Sex,
        birthDate: member.birthDate,
        relationshipToHead: member.relationshipToHead as RelationshipToHead,
        idNumber: sampleIdNumber(household.jurisdictionCode, member.birthDate, member.sex, n++),
        phone: null,
      });
      em.persist(Object.assign(person, { id: member.id }));
      recordChange(em, ANONYMOUS, '演示数据', person, null);
    }
  }
  await em.flush();
  logger.info({ added: demo.households.length - existing.size }, 'demo households loaded');
}
