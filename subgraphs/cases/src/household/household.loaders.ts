import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { Case } from '../case/case.entity.js';

export function createHouseholdLoaders(em: EntityManager) {
  return {
    casesByHousehold: groupLoader(
      (ids) =>
        em.find(
          Case,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ openedAt: 'desc' }, { id: 'desc' }] },
        ),
      (c) => c.householdId,
    ),
  };
}

export type HouseholdLoaders = ReturnType<typeof createHouseholdLoaders>;
