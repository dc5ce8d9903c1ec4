import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, OrderInputType, PageArgs, UPDATED_SINCE_DESCRIPTION } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitEndCause, BenefitStatus, StaffRelation } from './benefit-status.js';
import { BenefitObjection } from './objection.entity.js';

@InputType()
export class GrantBenefitInput {
  @Field(() => ID)
  programmeId: string;

  @Field(() => ID)
  householdId: string;

  @Field(() => ID, { nullable: true, description: 'The member it is for; caps per person count it.' })
  personId?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Yuan, e.g. "1500.00"; left out, the programme’s fixed amount or formula decides it.',
  })
  amount?: string;

  @Field(() => DateScalar, { description: 'The decision date: the configuration in force on it applies.' })
  grantedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the period it covers.' })
  periodStart?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period; left out while open-ended.' })
  periodEnd?: string;

  @Field(() => StaffRelation, {
    nullable: true,
    description: 'Whether the beneficiary is relief staff or their close relative (filed, 备案).',
  })
  staffRelation?: StaffRelation;

  @Field(() => ID, { nullable: true })
  caseId?: string;

  @Field(() => ID, { nullable: true })
  referralId?: string;

  @Field(() => String, { nullable: true })
  note?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@InputType({ description: 'Approve or reject a proposed benefit.' })
export class DecideBenefitInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => Int)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Today if left out.' })
  decidedOn?: string;

  @Field(() => String, { nullable: true, description: 'Required when rejecting: the reason the family is told.' })
  note?: string;

  @Field(() => DateScalar, { nullable: true, description: 'When collective review is required: its date.' })
  collectiveReviewOn?: string;

  @Field(() => String, { nullable: true, description: 'When collective review is required: its minutes or number.' })
  collectiveReviewReference?: string;
}

@InputType()
export class ActivateBenefitInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => Int)
  version: number;

  @Field(() => DateScalar, { nullable: true, description: 'Today if left out.' })
  activeFrom?: string;
}

@InputType()
export class EndBenefitInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => Int)
  version: number;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Today if left out. When the ending goes under public notice (dibao and tekun that no longer qualify), the ' +
      'notice’s first day: the benefit ends the day after the notice closes.',
  })
  endedOn?: string;

  @Field(() => String)
  reason: string;

  @Field(() => BenefitEndCause, {
    nullable: true,
    description: 'Why it ends; NO_LONGER_QUALIFIES if left out (under public notice for dibao and tekun).',
  })
  cause?: BenefitEndCause;
}

@InputType()
export class ObjectToBenefitInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => DateScalar)
  receivedOn: string;

  @Field(() => String)
  objection: string;

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying: the objection is recorded once and the retry answers it.',
  })
  idempotencyKey?: string | null;
}

@InputType()
export class ResolveObjectionInput {
  @Field(() => ID)
  objectionId: string;

  @Field(() => Boolean, { description: 'True rejects the benefit.' })
  upheld: boolean;

  @Field(() => String)
  resolution: string;

  @Field(() => DateScalar, { nullable: true })
  resolvedOn?: string;
}

@ObjectType()
export class BenefitPayload {
  @Field(() => Benefit)
  benefit: Benefit;
}

@ObjectType()
export class ObjectionPayload {
  @Field(() => BenefitObjection)
  objection: BenefitObjection;

  @Field(() => Benefit)
  benefit: Benefit;
}

@InputType()
export class BenefitFilter {
  @Field(() => ID, { nullable: true, description: 'Benefits of households registered here or below.' })
  jurisdictionCode?: string;

  @Field(() => ID, { nullable: true })
  programmeId?: string;

  @Field(() => ID, { nullable: true })
  householdId?: string;

  @Field(() => [BenefitStatus], { nullable: true })
  statuses?: BenefitStatus[];

  @Field(() => Boolean, { nullable: true, description: 'The 备案 register: benefits to staff or their relatives.' })
  filingRequired?: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      UPDATED_SINCE_DESCRIPTION +
      ' A benefit changes with each decision (approved, rejected, in notice, active, ended), review flag, notice of ' +
      'an ending or amount changed; its payments are records of their own. Benefits are never deleted: a rejected ' +
      'or ended one comes with its status.',
  })
  updatedSince?: Date;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: the proposals you may decide now — PROPOSED, approved at your level or below it, not proposed by you (nothing without benefits:approve).',
  })
  awaitingMyDecision?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: benefits flagged for review or whose ending is under notice (临社救办发〔2015〕3号 二(一)(二): 动态管理); false: neither.',
  })
  underReview?: boolean;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Benefits in payment whose periodic review falls due on or before this date.',
  })
  reviewDueBy?: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Under public notice (公示) now: approvals awaiting their notice’s end (IN_NOTICE) and endings under notice ' +
      '(临社救办发〔2015〕3号 二(二)1) — the list a village or township posts.',
  })
  inPublicNotice?: boolean;
}

export const BENEFIT_ORDER_COLUMNS = {
  GRANTED_ON: 'grantedOn',
  CREATED_AT: 'createdAt',
  /** Soonest due first: the approver's inbox (awaitingMyDecision). */
  DECISION_DUE_ON: 'decisionDueOn',
};
export const BenefitOrder = OrderInputType('Benefit', BENEFIT_ORDER_COLUMNS);
export type BenefitOrder = InstanceType<typeof BenefitOrder>;

@ArgsType()
export class BenefitListArgs extends PageArgs {
  @Field(() => BenefitFilter, { nullable: true })
  filter?: BenefitFilter;

  @Field(() => [BenefitOrder], { nullable: true })
  orderBy?: BenefitOrder[];
}
