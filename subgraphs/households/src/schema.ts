import { buildFederatedSchema } from '@doudi/shared';
import { assertReaches } from './household/household.access.js';
import { HouseholdResolver } from './household/household.resolver.js';
import { PersonResolver } from './person/person.resolver.js';
import { HouseholdHistoryResolver } from './history/history.resolver.js';
import { incomeResolvers } from './income/index.js';
import { consentResolvers } from './consent/index.js';
import { SupportObligorResolver } from './obligor/obligor.resolver.js';
import { importResolvers } from './import/import.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [
      HouseholdResolver,
      PersonResolver,
      HouseholdHistoryResolver,
      ...incomeResolvers,
      ...consentResolvers,
      SupportObligorResolver,
      ...importResolvers,
    ],
    referenceResolvers: {
      Household: {
        __resolveReference: async (ref: { id: string }, ctx: Context) => {
          const household = await ctx.loaders.household.load(ref.id);
          if (household) assertReaches(ctx.principal, 'households:read', household);
          return household;
        },
      },
      Person: {
        __resolveReference: async (ref: { id: string }, ctx: Context) => {
          const person = await ctx.loaders.person.load(ref.id);
          const household = person && (await ctx.loaders.household.load(person.householdId));
          if (household) assertReaches(ctx.principal, 'households:read', household);
          return person;
        },
      },
    },
  });
