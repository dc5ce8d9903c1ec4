import { Entity, Index, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, MutableRecord } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { ReviewFlagSource, ReviewOutcome } from './benefit-review-status.js';

/** One review of a benefit in payment (临社救办发〔2015〕3号 二(二): 动态管理): what raised it, what was decided. */
@Entity({ tableName: 'benefit_review' })
@Index({ properties: ['benefitId', 'reviewedOn'] })
@ObjectType({ description: 'A review of a benefit in payment (临社救办发〔2015〕3号 二(二): 动态管理).' })
export class BenefitReview extends MutableRecord {
  @ManyToOne({ entity: () => Benefit, mapToPk: true, fieldName: 'benefit_id' })
  @Field(() => ID)
  benefitId: string;

  @Property({ type: 'text' })
  @Field(() => ReviewOutcome)
  outcome: ReviewOutcome;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The reviewer’s reason.' })
  reason: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  reviewedOn: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  reviewedById: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The flag it answered, if the benefit was flagged.' })
  flagReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => ReviewFlagSource, { nullable: true })
  flagSource: ReviewFlagSource | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'CONTINUE or ADJUST: the next review date it set.' })
  nextReviewDueOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'END: the last day of the public notice of the ending.' })
  noticeEndsOn: string | null = null;
}
