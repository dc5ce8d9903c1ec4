import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitReview } from './benefit-review.entity.js';
import { ReviewOutcome } from './benefit-review-status.js';

@InputType({ description: 'A review of a benefit in payment (临社救办发〔2015〕3号 二(一)(二): 动态管理).' })
export class ReviewBenefitInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => Int, { nullable: true, description: 'The version read; CONFLICT if the benefit moved on.' })
  version?: number;

  @Field(() => ReviewOutcome)
  outcome: ReviewOutcome;

  @Field(() => String, { description: 'The reviewer’s reason (for END: the reason the notice of the ending gives).' })
  reason: string;

  @Field(() => DateScalar, { nullable: true, description: 'Today if left out; never in the future.' })
  reviewedOn?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ADJUST of a monthly benefit (dibao, tekun): the new amount a month, in yuan (按标施保). Its SCHEDULED payments ' +
      'from newAmountFrom take it; paid months never change.',
  })
  newAmount?: string;

  @Field(() => String, {
    nullable: true,
    description: 'With newAmount: the first month it pays for, YYYY-MM (the month after the review if left out).',
  })
  newAmountFrom?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@InputType({ description: 'Flags a benefit in payment for review by hand (MANUAL).' })
export class FlagBenefitForReviewInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => String)
  reason: string;
}

@InputType()
export class CloseEndingNoticeInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => Int, { nullable: true })
  version?: number;

  @Field(() => DateScalar, { nullable: true, description: 'After the notice’s last day; today if left out.' })
  closedOn?: string;
}

@ObjectType()
export class ReviewBenefitPayload {
  @Field(() => BenefitReview)
  review: BenefitReview;

  @Field(() => Benefit)
  benefit: Benefit;
}
