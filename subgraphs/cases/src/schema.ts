import { buildFederatedSchema } from '@doudi/shared';
import { canSeeReferral, assertCanSeeCase } from './case/case.access.js';
import { CaseResolver } from './case/case.resolver.js';
import { CaseStepsResolver } from './case/case-steps.resolver.js';
import { ReferralResolver } from './referral/referral.resolver.js';
import { ReferralStepsResolver } from './referral/referral-steps.resolver.js';
import { CaseTaskResolver, CaseTasksResolver } from './task/task.resolver.js';
import { CaseVisitsResolver, VisitResolver } from './visit/visit.resolver.js';
import { CaseNoticesResolver, NoticeResolver } from './notice/notice.resolver.js';
import { CaseFollowUpsResolver, FollowUpResolver } from './follow-up/follow-up.resolver.js';
import { CasePaymentsResolver, EmergencyPaymentResolver } from './emergency/emergency.resolver.js';
import { CaseEventResolver, CaseTimelineResolver } from './timeline/timeline.resolver.js';
import { InboxItemResolver, OrganisationInboxResolver } from './inbox/inbox.resolver.js';
import { HouseholdCasesResolver } from './household/household.resolver.js';
import { CaseReliefListResolver, CaseReliefResolver } from './relief/relief.resolver.js';
import { DeadlineResolver } from './deadline/deadline.resolver.js';
import type { Context } from './context.js';

export const buildSchema = () =>
  buildFederatedSchema({
    resolvers: [
      CaseResolver,
      CaseStepsResolver,
      ReferralResolver,
      ReferralStepsResolver,
      CaseTasksResolver,
      CaseTaskResolver,
      CaseVisitsResolver,
      VisitResolver,
      CaseNoticesResolver,
      NoticeResolver,
      CaseFollowUpsResolver,
      FollowUpResolver,
      CasePaymentsResolver,
      EmergencyPaymentResolver,
      CaseTimelineResolver,
      CaseEventResolver,
      OrganisationInboxResolver,
      InboxItemResolver,
      HouseholdCasesResolver,
      DeadlineResolver,
      CaseReliefListResolver,
      CaseReliefResolver,
    ],
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
          return referral && (await canSeeReferral(ctx.principal, referral, ctx.loaders)) ? referral : null;
        },
      },
      // Any household may have cases and any organisation an inbox; their owners decide whether they exist.
      Household: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
      Organisation: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    },
  });
