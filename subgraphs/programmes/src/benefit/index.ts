import { aggregate } from '@doudi/shared';
import type { Context } from '../context.js';
import { mayReadBenefit } from './benefit.access.js';
import { Benefit } from './benefit.entity.js';
import { createBenefitLoaders } from './benefit.loaders.js';
import { BenefitResolver } from './benefit.resolver.js';
import { BenefitCapsLeftResolver } from './benefit.caps-left.js';
import { BenefitObjection } from './objection.entity.js';
import { BenefitReview } from './benefit-review.entity.js';
import { BenefitReviewResolver } from './benefit-review.resolver.js';
import { BenefitDecisionNotice } from './benefit-decision-notice.entity.js';

/** The benefits ledger: grants, their decisions and objections to them. */
export const benefit = aggregate({
  entities: [Benefit, BenefitObjection, BenefitReview, BenefitDecisionNotice],
  resolvers: [BenefitResolver, BenefitCapsLeftResolver, BenefitReviewResolver],
  referenceResolvers: {
    Benefit: {
      __resolveReference: async (ref: { id: string }, ctx: Context) => {
        const found = await ctx.loaders.benefit.load(ref.id);
        return found && mayReadBenefit(ctx.principal, found) ? found : null;
      },
    },
  },
  loaders: createBenefitLoaders,
});

export { BENEFIT_REVIEW_SWEEP_JOB, benefitReviewSweepJob } from './benefit-review.job.js';
export { flagBenefitsForReview, type ReviewFlagRequest } from './benefit-review.js';
export { BENEFIT_DECISION_SWEEP_JOB, benefitDecisionSweepJob } from './benefit-decision.job.js';
