import { buildFederatedSchema } from '@doudi/shared';
import { HouseholdResolver } from './household/household.resolver.js';
import { PersonResolver } from './person/person.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [HouseholdResolver, PersonResolver],
    referenceResolvers: {
      Household: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.household.load(ref.id) },
      Person: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.person.load(ref.id) },
    },
  });
