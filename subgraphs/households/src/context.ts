import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, type SubgraphContext } from '@doudi/shared';
import { Household } from './household/household.entity.js';
import { Person, RelationshipToHead } from './person/person.entity.js';
import type { Services } from './setup.js';
import { createIncomeLoaders } from './income/index.js';
import { createConsentLoaders } from './consent/index.js';
import { SupportObligor } from './obligor/obligor.entity.js';

const HEAD_FIRST = Object.values(RelationshipToHead);

export function createLoaders(em: EntityManager) {
  return {
    ...createIncomeLoaders(em),
    ...createConsentLoaders(em),
    obligorsByHousehold: groupLoader(
      (ids) =>
        em.find(SupportObligor, { householdId: { $in: ids.filter(isUuid) } }, { orderBy: [{ createdAt: 'asc' }] }),
      (o) => o.householdId,
    ),
    household: byKeyLoader(
      (ids) => em.find(Household, { id: { $in: ids.filter(isUuid) } }),
      (h) => h.id,
    ),
    person: byKeyLoader(
      (ids) => em.find(Person, { id: { $in: ids.filter(isUuid) } }),
      (p) => p.id,
    ),
    membersByHousehold: groupLoader(
      async (ids) =>
        (
          await em.find(
            Person,
            { householdId: { $in: ids.filter(isUuid) } },
            { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
          )
        ).sort((a, b) => HEAD_FIRST.indexOf(a.relationshipToHead) - HEAD_FIRST.indexOf(b.relationshipToHead)),
      (p) => p.householdId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = SubgraphContext<Loaders, Services>;
