import { buildFederatedSchema } from '@doudi/shared';
import { JurisdictionResolver } from './jurisdiction/jurisdiction.resolver.js';
import { OrganisationResolver } from './organisation/organisation.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [JurisdictionResolver, OrganisationResolver],
    referenceResolvers: {
      Jurisdiction: {
        __resolveReference: (ref: { code: string }, ctx: Context) => ctx.loaders.jurisdiction.load(ref.code),
      },
      Organisation: {
        __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.organisation.load(ref.id),
      },
    },
  });
