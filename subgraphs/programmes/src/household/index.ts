import { aggregate } from '@doudi/shared';
import { createHouseholdLoaders } from './household.loaders.js';
import { HouseholdBenefitsResolver, PersonBenefitsResolver } from './household.resolver.js';

/** Households and people, owned by the households subgraph: this one adds their benefits. */
export const household = aggregate({
  resolvers: [HouseholdBenefitsResolver, PersonBenefitsResolver],
  // The owner decides whether they exist and who may read them.
  referenceResolvers: {
    Household: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    Person: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  },
  loaders: createHouseholdLoaders,
});
