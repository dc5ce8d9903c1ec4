import { aggregate } from '@doudi/shared';
import { createHouseholdLoaders } from './household.loaders.js';
import { HouseholdCasesResolver } from './household.resolver.js';

/** Households, owned by the households subgraph: this one adds their cases. */
export const household = aggregate({
  resolvers: [HouseholdCasesResolver],
  // Any household may have cases; its owner decides whether it exists.
  referenceResolvers: { Household: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) } },
  loaders: createHouseholdLoaders,
});
