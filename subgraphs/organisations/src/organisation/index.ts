import { aggregate, requireSignedIn } from '@doudi/shared';
import type { Context } from '../context.js';
import { Organisation } from './organisation.entity.js';
import { createOrganisationLoaders } from './organisation.loaders.js';
import { OrganisationResolver } from './organisation.resolver.js';

/** The organisations that take part: departments, township offices, village committees … */
export const organisation = aggregate({
  entities: [Organisation],
  resolvers: [OrganisationResolver],
  referenceResolvers: {
    Organisation: {
      __resolveReference: (ref: { id: string }, ctx: Context) => {
        requireSignedIn(ctx.principal);
        return ctx.loaders.organisation.load(ref.id);
      },
    },
  },
  loaders: createOrganisationLoaders,
});
