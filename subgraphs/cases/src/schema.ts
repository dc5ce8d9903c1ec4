import { buildFederatedSchema } from '@doudi/shared';
import { assertCanSeeCase } from './case/case.access.js';
import { CaseResolver } from './case/case.resolver.js';
import { ReferralResolver } from './referral/referral.resolver.js';
import { HouseholdCasesResolver } from './household/household.resolver.js';
import { CaseReliefListResolver, CaseReliefResolver } from './relief/relief.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [CaseResolver, ReferralResolver, HouseholdCasesResolver, CaseReliefListResolver, CaseReliefResolver],
    referenceResolvers: {
      Case: {
        __resolveReference: async (ref: { id: string }, ctx: Context) => {
          const found = await ctx.loaders.case.load(ref.id);
          if (found) await assertCanSeeCase(ctx.principal, found, ctx.loaders);
          return found;
        },
      },
      Referral: {
        __resolveReference: async (ref: { id: string }, ctx: Context) => {
          const referral = await ctx.loaders.referral.load(ref.id);
          const found = referral && (await ctx.loaders.case.load(referral.caseId));
          if (found) await assertCanSeeCase(ctx.principal, found, ctx.loaders);
          return referral;
        },
      },
      // Any household may have cases; the owner decides whether the household exists.
      Household: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
