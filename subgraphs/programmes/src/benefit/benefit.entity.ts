import { Entity, Index, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { SyncConnectionType, DateScalar, MutableRecord } from '@doudi/shared';
import { Programme } from '../programme/programme.entity.js';
import { ApprovalLevel, type ProgrammeSettings } from '../version/programme-settings.js';
import { AmountSource, BenefitEndCause, BenefitStatus, StaffRelation } from './benefit-status.js';
import { ReviewFlagSource } from './benefit-review-status.js';

/** Why and since when a benefit is under review (临社救办发〔2015〕3号 二(二): 动态管理). */
@ObjectType({ description: 'Why a benefit is under review (临社救办发〔2015〕3号 二(二): 动态管理).' })
export class BenefitReviewFlag {
  @Field(() => String)
  reason: string;

  @Field(() => Date)
  flaggedAt: Date;

  @Field(() => ReviewFlagSource)
  source: ReviewFlagSource;
}

/** One grant of relief in the ledger: to a household, or to one person of it, from a programme. */
@Entity({ tableName: 'benefit' })
// Incremental sync (docs/sync.md) reads changes in (updatedAt, id) order.
@Index({ properties: ['updatedAt', 'id'] })
@Index({ properties: ['programmeId', 'householdId', 'year'] })
// The ledger's statistics read a period of decisions in a subtree (statistics/statistics.sql.ts).
@Index({ properties: ['grantedOn', 'jurisdictionCode'] })
// Approvers list what is under review (临社救办发〔2015〕3号 二(二)); the periodic job finds what falls due.
@Index({
  name: 'benefit_under_review_index',
  expression:
    'create index "benefit_under_review_index" on "programmes"."benefit" ("jurisdiction_code") where "review_flag_reason" is not null',
})
@Index({
  name: 'benefit_review_due_on_index',
  expression:
    'create index "benefit_review_due_on_index" on "programmes"."benefit" ("review_due_on") where "status" = \'ACTIVE\' and "review_flag_reason" is null',
})
// 临社救办发〔2015〕3号 二(八): the decision sweep finds the proposals falling due or overdue.
@Index({
  name: 'benefit_decision_due_on_index',
  expression:
    'create index "benefit_decision_due_on_index" on "programmes"."benefit" ("decision_due_on") where "status" = \'PROPOSED\'',
})
@ObjectType({ description: 'Relief granted from a programme (amounts in yuan).' })
@Directive('@key(fields: "id")')
export class Benefit extends MutableRecord {
  @ManyToOne({ entity: () => Programme, mapToPk: true, fieldName: 'programme_id' })
  programmeId: string;

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  householdId: string;

  /** The household's hukou place when proposed: who may approve, and whose lists show it. */
  @Property({ type: 'string', length: 12, index: true })
  @Field(() => ID)
  jurisdictionCode: string;

  @Property({ type: 'uuid', nullable: true, index: true })
  @Field(() => ID, { nullable: true, description: 'The member it is for, when it is for one person.' })
  personId: string | null = null;

  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'text' })
  @Field(() => AmountSource)
  amountSource: AmountSource = AmountSource.ENTERED;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The decision date: the configuration in force on it applies.' })
  grantedOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'First day of the period it covers (e.g. a month of dibao).',
  })
  periodStart: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period; null while open-ended.' })
  periodEnd: string | null = null;

  /** The calendar year the caps count it in (临社救办发〔2015〕3号 二(八): 个人/家庭年最高救助额). */
  @Property({ type: 'smallint' })
  @Field(() => Int)
  year: number;

  @Property({ type: 'text' })
  @Field(() => BenefitStatus)
  status: BenefitStatus = BenefitStatus.PROPOSED;

  /** The merged configuration it follows, kept as it was (later versions never change a decision). */
  @Property({ type: 'json' })
  settings: ProgrammeSettings;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The programme version it follows (null: its template’s).' })
  versionNumber: number | null = null;

  @Property({ type: 'text' })
  @Field(() => ApprovalLevel, { description: 'The level whose staff approve this amount.' })
  approvalLevel: ApprovalLevel;

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  collectiveReviewRequired: boolean = false;

  @Property({ type: 'text' })
  @Field(() => StaffRelation)
  staffRelation: StaffRelation = StaffRelation.NONE;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      'Why it was filed on its own (备案): a member is a declared close relative of someone in the decision’s chain ' +
      '(proposer, approver) or of the village committee; null when nothing matched.',
  })
  filingReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  proposedById: string | null = null;

  /**
   * The person who answers for the proposal (Principal.actorId: the staff account, or whoever registered the app
   * that proposed). Separation of duties compares it, so nobody approves their own proposal through another identity.
   */
  @Property({ type: 'uuid', nullable: true, index: true })
  proposedByActorId: string | null = null;

  /**
   * 晋检发办字〔2023〕10号 第二十条: paid first in an emergency (先行救助) by the organisation that recorded the payment on
   * the case, the paperwork to follow. Such a grant is ACTIVE from the day it was paid and counts against the caps.
   */
  @Property({ type: 'boolean', default: false })
  @Field(() => Boolean, {
    description: '晋检发办字〔2023〕10号 第二十条: paid first in an emergency (先行救助), paperwork to follow.',
  })
  paidFirst: boolean = false;

  /** Paid first: the organisation that paid (the case's emergency payment). */
  @Property({ type: 'uuid', nullable: true })
  paidByOrganisationId: string | null = null;

  /**
   * 临社救办发〔2015〕3号 二(八) (缩短审批时限): the day the proposal is to be decided by — the working days the household's
   * county gives its kind of relief (deadline/approval-time-limit.ts), counted in its calendar from the day proposed.
   */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description:
      '临社救办发〔2015〕3号 二(八): the day a proposal is to be decided by (the county’s time limit for its kind, in working ' +
      'days from the day proposed); approvers are reminded the working day before and the level above once overdue.',
  })
  decisionDueOn: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  decidedById: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  decidedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The reason given with an approval or rejection.' })
  decisionNote: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'When the collective review (集体研究) was held.' })
  collectiveReviewOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Its minutes or decision number.' })
  collectiveReviewReference: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The last day of public notice.' })
  noticeEndsOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  activeFrom: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  endedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  endReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The case it answers.' })
  caseId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The referral it answers.' })
  referralId: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  note: string | null = null;

  /** 临社救办发〔2015〕3号 二(二) 动态管理: the next periodic review, from the programme's reviewCycleMonths. */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description:
      '临社救办发〔2015〕3号 二(二) 动态管理: when the benefit is next reviewed (null: the programme sets no cycle).',
  })
  reviewDueOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  reviewFlagReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  reviewFlaggedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  reviewFlagSource: ReviewFlagSource | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => BenefitEndCause, {
    nullable: true,
    description: 'Why it ends or ended (null: ended before causes were kept).',
  })
  endCause: BenefitEndCause | null = null;

  /** The first day of the public notice of its ending (临社救办发〔2015〕3号 二(二)1). */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The first day of the public notice (公示) of its ending; objections are received from then on.',
  })
  endingNoticeStartsOn: string | null = null;

  /** Ending after review: the last day of the public notice of the ending (null: no ending under notice). */
  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The last day of the public notice (公示) of the ending decided on review; the benefit ends after it unless an objection is upheld.',
  })
  endingNoticeEndsOn: string | null = null;

  /** The reason for ending given on review, applied when the notice of the ending closes. */
  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The reason for the ending under notice.' })
  endingReason: string | null = null;

  @Field(() => BenefitReviewFlag, {
    nullable: true,
    description: 'Set while the benefit is under review (临社救办发〔2015〕3号 二(二)); null otherwise.',
  })
  get reviewFlag(): BenefitReviewFlag | null {
    if (this.reviewFlagReason === null) return null;
    return { reason: this.reviewFlagReason, flaggedAt: this.reviewFlaggedAt!, source: this.reviewFlagSource! };
  }
}

@ObjectType()
export class BenefitConnection extends SyncConnectionType(Benefit) {}
