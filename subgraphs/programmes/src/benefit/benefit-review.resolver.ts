import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { assertId, invalidState, notFound, requiredText } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';
import { BenefitReview } from './benefit-review.entity.js';
import { ReviewFlagSource } from './benefit-review-status.js';
import { announceBenefit } from './benefit.announce.js';
import { auditStep } from './benefit.audit.js';
import { assertHukouPlaceDecides, closeEndingNotice, flagBenefitsForReview, reviewBenefit } from './benefit-review.js';
import {
  CloseEndingNoticeInput,
  FlagBenefitForReviewInput,
  ReviewBenefitInput,
  ReviewBenefitPayload,
} from './benefit-review.inputs.js';
import { BenefitPayload } from './benefit.inputs.js';
import type { Context } from '../context.js';

/** Relief under review (临社救办发〔2015〕3号 二(一)(二): 动态管理): flags, reviews and the notice of an ending. */
@Resolver(() => Benefit)
export class BenefitReviewResolver {
  @Mutation(() => ReviewBenefitPayload, {
    description:
      '临社救办发〔2015〕3号 二(一)(二) 动态管理: decides a review of an ACTIVE benefit. CONTINUE / ADJUST clear its flag ' +
      '(INVALID_STATE when not flagged) and set the next review date (ADJUST: propose the new amount with grantBenefit); ' +
      'END starts the public notice of the ending (公示) — the benefit ends when the notice closes without an upheld ' +
      'objection. Decided at the hukou place (河鱼府发【2021】39号 二(二)), by holders of benefits:approve.',
  })
  async reviewBenefit(@Arg('input', () => ReviewBenefitInput) input: ReviewBenefitInput, @Ctx() ctx: Context) {
    return reviewBenefit(ctx.em, ctx.principal, input);
  }

  @Mutation(() => BenefitPayload, {
    description: 'Flags an ACTIVE benefit for review by hand (MANUAL); a benefit already flagged keeps its flag.',
  })
  async flagBenefitForReview(
    @Arg('input', () => FlagBenefitForReviewInput) input: FlagBenefitForReviewInput,
    @Ctx() { em, principal }: Context,
  ) {
    const reason = requiredText('input.reason', input.reason, 2000, 'A reason');
    const benefit = await em.findOne(Benefit, { id: assertId('input.benefitId', input.benefitId) });
    if (!benefit) throw notFound('Benefit', input.benefitId);
    assertHukouPlaceDecides(principal, 'benefits:propose', benefit.jurisdictionCode, 'flag relief for review');
    if (benefit.status !== BenefitStatus.ACTIVE) {
      throw invalidState(`Only an ACTIVE benefit is reviewed; this one is ${benefit.status}`, {
        status: benefit.status,
      });
    }
    if (benefit.reviewFlagReason === null) {
      await em.transactional(async (tx) => {
        const flagged = await flagBenefitsForReview(
          tx,
          [{ householdId: benefit.householdId, programmeId: benefit.programmeId, reason }],
          ReviewFlagSource.MANUAL,
        );
        if (flagged) await auditStep(tx, principal, 'BENEFIT_FLAGGED_FOR_REVIEW', benefit, { source: 'MANUAL' });
      });
    }
    return { benefit: await em.findOneOrFail(Benefit, { id: benefit.id }, { refresh: true }) };
  }

  @Mutation(() => BenefitPayload, {
    description:
      'Closes the public notice of an ending decided on review, after its last day and with every objection resolved: ' +
      'the benefit ENDS (临社救办发〔2015〕3号 二(二): 终止供养并予以公示). The hourly review sweep does the same on its own.',
  })
  closeEndingNotice(
    @Arg('input', () => CloseEndingNoticeInput) input: CloseEndingNoticeInput,
    @Ctx() { em, principal }: Context,
  ) {
    return em.transactional(async (tx) => {
      const benefit = await closeEndingNotice(tx, principal, input);
      await announceBenefit(tx, benefit);
      // 周政办字〔2017〕70号 六(三): the ending takes effect here, a decision like the notice that started it.
      await auditStep(tx, principal, 'BENEFIT_ENDED', benefit);
      return { benefit };
    });
  }

  @FieldResolver(() => [BenefitReview], { description: 'Its reviews, oldest first (动态管理).' })
  reviews(@Root() benefit: Benefit, @Ctx() { loaders }: Context) {
    return loaders.reviewsByBenefit.load(benefit.id);
  }
}
