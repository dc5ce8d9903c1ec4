import { aggregate } from '@doudi/shared';
import type { Context } from '../context.js';
import { assertReaches } from '../household/household.access.js';
import { Person } from './person.entity.js';
import { createPersonLoaders } from './person.loaders.js';
import { PersonResolver } from './person.resolver.js';
import { HouseholdRevealsResolver } from './person.reveals.js';
import { MemberExitResolver } from './member-exit.js';

/** The members of a household; another subgraph reaches one only through its household's jurisdiction. */
export const person = aggregate({
  entities: [Person],
  resolvers: [PersonResolver, HouseholdRevealsResolver, MemberExitResolver],
  referenceResolvers: {
    Person: {
      __resolveReference: async (ref: { id: string }, ctx: Context) => {
        const found = await ctx.loaders.person.load(ref.id);
        const household = found && (await ctx.loaders.household.load(found.householdId));
        if (household) assertReaches(ctx.principal, 'households:read', household);
        return found;
      },
    },
  },
  loaders: createPersonLoaders,
});
