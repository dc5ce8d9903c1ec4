import { aggregate } from '@doudi/shared';
import type { Context } from '../context.js';
import { assertCanSeeCase } from './case.access.js';
import { Case } from './case.entity.js';
import { createCaseLoaders } from './case.loaders.js';
import { CaseResolver } from './case.resolver.js';
import { CaseStepsResolver } from './case-steps.resolver.js';

/** A case: its opening, its workflow steps and who may see it. */
export const caseFace = aggregate({
  entities: [Case],
  resolvers: [CaseResolver, CaseStepsResolver],
  referenceResolvers: {
    Case: {
      __resolveReference: async (ref: { id: string }, ctx: Context) => {
        const found = await ctx.loaders.case.load(ref.id);
        if (found) await assertCanSeeCase(ctx.principal, found, ctx.loaders);
        return found;
      },
    },
  },
  loaders: createCaseLoaders,
});
