import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { HouseholdIncome } from './income.entity.js';
import { HouseholdAsset } from './asset.entity.js';

/** Per request, like every loader: the income and assets of many households in one query each. */
export function createIncomeLoaders(em: EntityManager) {
  return {
    incomesByHousehold: groupLoader(
      (ids) =>
        em.find(
          HouseholdIncome,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ month: 'asc' }, { category: 'asc' }] },
        ),
      (row) => row.householdId,
    ),
    assetsByHousehold: groupLoader(
      (ids) =>
        em.find(
          HouseholdAsset,
          { householdId: { $in: ids.filter(isUuid) } },
          { orderBy: [{ assessedOn: 'desc' }, { id: 'asc' }] },
        ),
      (row) => row.householdId,
    ),
  };
}

export type IncomeLoaders = ReturnType<typeof createIncomeLoaders>;
