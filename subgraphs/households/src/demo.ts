import type { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS, checkCharacter, type Logger, shanghaiMonth } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { recordChange } from './history/history.service.js';
import { HouseholdIncome, IncomeCategory } from './income/index.js';
import { Household } from './household/household.entity.js';
import { sealPerson } from './person/person.service.js';
import type { Services } from './services.js';
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
  await seedIncomes(em, existing);
  logger.info({ added: demo.households.length - existing.size }, 'demo households loaded');
}

/** Last month's declared income of the new demo households, so per-capita income has something to show. */
async function seedIncomes(em: EntityManager, existing: Set<string>) {
  const [year, month] = shanghaiMonth().split('-').map(Number);
  const lastMonth = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
  const monthly: Record<string, [IncomeCategory, number][]> = {
    [demo.households[0].id]: [
      [IncomeCategory.AGRICULTURE, 60_000],
      [IncomeCategory.TRANSFER, 35_000],
    ],
    [demo.households[1].id]: [[IncomeCategory.WAGES, 180_000]],
    [demo.households[2].id]: [[IncomeCategory.TRANSFER, 52_000]],
  };
  for (const [householdId, lines] of Object.entries(monthly)) {
    if (existing.has(householdId)) continue;
    for (const [category, amountFen] of lines) {
      em.persist(
        Object.assign(new HouseholdIncome(), {
          householdId,
          month: lastMonth,
          category,
          amountFen,
          source: '申请人申报（演示数据）',
        }),
      );
    }
  }
  await em.flush();
}
