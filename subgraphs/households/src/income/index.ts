import { HouseholdIncome } from './income.entity.js';
import { HouseholdAsset } from './asset.entity.js';
import { HouseholdIncomeResolver } from './income.resolver.js';

/** To wire into the households subgraph: entities (index.ts), resolvers (schema.ts), loaders (context.ts). */
export const incomeEntities = [HouseholdIncome, HouseholdAsset];
export const incomeResolvers = [HouseholdIncomeResolver];
export { createIncomeLoaders, type IncomeLoaders } from './income.loaders.js';
export { HouseholdIncome, IncomeCategory } from './income.entity.js';
export { HouseholdAsset, AssetKind } from './asset.entity.js';
