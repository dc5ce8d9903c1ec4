import { aggregate } from '@doudi/shared';
import { HouseholdIncome } from './income.entity.js';
import { HouseholdAsset } from './asset.entity.js';
import { HouseholdIncomeResolver } from './income.resolver.js';
import { createIncomeLoaders } from './income.loaders.js';
import { CheckedFactsResolver } from './checked-facts.js';

/** A household's monthly income and its assets. */
export const income = aggregate({
  entities: [HouseholdIncome, HouseholdAsset],
  resolvers: [HouseholdIncomeResolver, CheckedFactsResolver],
  loaders: createIncomeLoaders,
});
export { HouseholdIncome, IncomeCategory } from './income.entity.js';
export { HouseholdAsset, AssetKind } from './asset.entity.js';
