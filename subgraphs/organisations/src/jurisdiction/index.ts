import { aggregate, requireSignedIn } from '@doudi/shared';
import type { Context } from '../context.js';
import { Jurisdiction } from './jurisdiction.entity.js';
import { createJurisdictionLoaders } from './jurisdiction.loaders.js';
import { JurisdictionResolver } from './jurisdiction.resolver.js';

/** The tree of jurisdictions (province, city, county, township, village). */
export const jurisdiction = aggregate({
  entities: [Jurisdiction],
  resolvers: [JurisdictionResolver],
  referenceResolvers: {
    Jurisdiction: {
      __resolveReference: (ref: { code: string }, ctx: Context) => {
        requireSignedIn(ctx.principal);
        return ctx.loaders.jurisdiction.load(ref.code);
      },
    },
  },
  loaders: createJurisdictionLoaders,
});
