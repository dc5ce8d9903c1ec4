import { Entity, Index, ManyToOne, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { SyncConnectionType, DateScalar, MutableRecord } from '@doudi/shared';
import { Case } from '../case/case.entity.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import { DeclineReason, ReferralKind, ReferralStatus } from './referral.enums.js';

export { DeclineReason, ReferralKind, ReferralStatus } from './referral.enums.js';

@Entity({ tableName: 'referral' })
// Incremental sync (docs/sync.md) reads changes in (updatedAt, id) order.
@Index({ properties: ['updatedAt', 'id'] })
// The statistics read the referrals sent, answered or declined in a period (statistics/statistics.sql.ts).
@Index({ properties: ['sentOn'] })
@Index({ properties: ['answeredOn'] })
@Index({ properties: ['declinedOn'] })
@ObjectType({ description: 'One agency asking another to act for a case, with a due date.' })
@Directive('@key(fields: "id")')
export class Referral extends MutableRecord {
  @ManyToOne({ entity: () => Case, mapToPk: true, fieldName: 'case_id', index: true })
  caseId: string;

  @Property({ type: 'uuid', index: true })
  fromOrganisationId: string;

  @Property({ type: 'uuid', index: true })
  toOrganisationId: string;

  /** The receiver's kind (AGRICULTURE_RURAL …) when it was sent, as organisations told the sender: the guards read it. */
  @Property({ type: 'text', nullable: true })
  toOrganisationKind: string | null = null;

  @Property({ type: 'text' })
  @Field(() => ReferralKind)
  kind: ReferralKind;

  @Property({ type: 'text' })
  @Field(() => ReferralStatus)
  status: ReferralStatus = ReferralStatus.SENT;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'The measures the sender asks for (救助建议).' })
  requestedMeasures: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'What the sender asks for, in its own words.' })
  note: string | null = null;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The day it was sent; its due date counts from it.' })
  sentOn: string;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, {
    description: '晋检发办字〔2023〕10号 第十九条: sent before the investigation ended, for an urgent need (先行移送).',
  })
  early: boolean = false;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was sent early.' })
  earlyReason: string | null = null;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, {
    description:
      '晋检发办字〔2023〕10号 第二十条: life in danger or urgent medical cost; the procuratorate may pay first.',
  })
  emergency: boolean = false;

  /**
   * 晋检发办字〔2023〕10号 第二十一条: the receiver starts a procedure (acceptReferral) and reports back after concluding it
   * (concludeReferral). True for referrals of a judicial-assistance case and to a procuratorate.
   */
  @Property({ type: 'boolean' })
  procedure: boolean = false;

  @Property({ type: 'date', nullable: true, index: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day by which the receiver must act or answer.' })
  dueDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => DeadlineRule, { nullable: true, description: 'The time limit the due date was counted by.' })
  dueRule: DeadlineRule | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Why the due date may be wrong (an unpublished holiday schedule, the seed’s figure standing in).',
  })
  dueDateWarning: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  acceptedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  declinedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => DeclineReason, { nullable: true })
  declineReason: DeclineReason | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  declineExplanation: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  forwardedToId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  forwardedFromId: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  forwardedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the receiver passed it on.' })
  forwardReason: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day the receiver concluded its procedure.' })
  concludedOn: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  answeredOn: string | null = null;

  @Property({ type: 'text[]' })
  @Field(() => [String], { description: 'The measures taken or planned (已采取、拟采取的救助措施).' })
  measuresTaken: string[] = [];

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why (some) help was refused (不予救助的原因).' })
  refusalReason: string | null = null;

  @Property({ type: 'text[]' })
  benefitIds: string[] = [];

  /** Read only by the receiver and those who may read sensitive facts (referral.resolver.ts). */
  @Property({ type: 'text', nullable: true })
  confidentialNote: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'The day the sender filed the answer (回执).' })
  receiptOn: string | null = null;
}

@ObjectType()
export class ReferralConnection extends SyncConnectionType(Referral) {}
