import type { EntityManager } from '@mikro-orm/postgresql';
import { groupLoader, isUuid } from '@doudi/shared';
import { HouseholdIncome } from './income.entity.js';
import { HouseholdAsset } from './asset.entity.js';
import type { Context } from '../context.js';

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

/**
 * The request's loaders with the income ones. Until context.ts creates them with the others, they are
 * made on first use and kept on the request's loaders object, so they still live for one request only.
 */
export function incomeLoaders(ctx: Context): Context['loaders'] & IncomeLoaders {
  const loaders = ctx.loaders as Context['loaders'] & Partial<IncomeLoaders>;
  if (!loaders.incomesByHousehold || !loaders.assetsByHousehold) Object.assign(loaders, createIncomeLoaders(ctx.em));
  return loaders as Context['loaders'] & IncomeLoaders;
}
