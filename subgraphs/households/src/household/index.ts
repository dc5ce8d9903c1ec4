import { aggregate } from '@doudi/shared';
import type { Context } from '../context.js';
import { assertReaches } from './household.access.js';
import { Household } from './household.entity.js';
import { createHouseholdLoaders } from './household.loaders.js';
import { HouseholdResolver } from './household.resolver.js';

/** Households: the family record, its address and its members in pages. */
export const household = aggregate({
  entities: [Household],
  resolvers: [HouseholdResolver],
  referenceResolvers: {
    Household: {
      __resolveReference: async (ref: { id: string }, ctx: Context) => {
        const found = await ctx.loaders.household.load(ref.id);
        if (found) assertReaches(ctx.principal, 'households:read', found);
        return found;
      },
    },
  },
  loaders: createHouseholdLoaders,
});
