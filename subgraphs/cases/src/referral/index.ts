import { aggregate } from '@doudi/shared';
import type { Context } from '../context.js';
import { canSeeReferral } from '../case/case.access.js';
import { createReferralLoaders } from './referral.loaders.js';
import { Referral } from './referral.entity.js';
import { ReferralResolver } from './referral.resolver.js';
import { ReferralStepsResolver } from './referral-steps.resolver.js';

/** A case's referrals to an organisation, and their steps. */
export const referral = aggregate({
  entities: [Referral],
  resolvers: [ReferralResolver, ReferralStepsResolver],
  referenceResolvers: {
    Referral: {
      __resolveReference: async (ref: { id: string }, ctx: Context) => {
        const found = await ctx.loaders.referral.load(ref.id);
        return found && (await canSeeReferral(ctx.principal, found, ctx.loaders)) ? found : null;
      },
    },
  },
  loaders: createReferralLoaders,
});
