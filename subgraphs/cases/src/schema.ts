import { buildFederatedSchema } from '@doudi/shared';
import { CaseResolver } from './case/case.resolver.js';
import { ReferralResolver } from './referral/referral.resolver.js';
import { HouseholdCasesResolver } from './household/household.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [CaseResolver, ReferralResolver, HouseholdCasesResolver],
    referenceResolvers: {
      Case: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.case.load(ref.id) },
      Referral: { __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loaders.referral.load(ref.id) },
      // Any household may have cases; the owner decides whether the household exists.
      Household: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
