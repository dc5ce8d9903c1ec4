import { BigIntType, Entity, Index, ManyToOne, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType, DateScalar, MutableRecord } from '@doudi/shared';
import { Benefit } from '../benefit/benefit.entity.js';
import { PaymentStatus } from './payment-status.js';

/**
 * One payment of a benefit for one period (资金发放, 临社救办发〔2015〕3号 二(一)): at most one per benefit and month, so
 * the monthly job and the activation may both write it, as often as they run.
 */
@Entity({ tableName: 'payment' })
@Unique({ properties: ['benefitId', 'period'] })
@Index({ properties: ['period', 'jurisdictionCode'] })
@ObjectType({ description: 'One payment of a benefit for a month, on the payment roll (资金发放).' })
export class Payment extends MutableRecord {
  @ManyToOne({ entity: () => Benefit, mapToPk: true, fieldName: 'benefit_id' })
  @Field(() => ID)
  benefitId: string;

  @Property({ type: 'uuid' })
  programmeId: string;

  @Property({ type: 'uuid' })
  householdId: string;

  @Property({ type: 'uuid', nullable: true })
  personId: string | null = null;

  /** The benefit's jurisdiction (the household's hukou place): whose roll it is on. */
  @Property({ type: 'string', length: 12 })
  @Field(() => ID)
  jurisdictionCode: string;

  @Property({ type: 'string', length: 7 })
  @Field(() => String, { description: 'The month it pays for, YYYY-MM.' })
  period: string;

  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'text' })
  @Field(() => PaymentStatus)
  status: PaymentStatus = PaymentStatus.SCHEDULED;

  /** The organisation that pays: the programme's own, or whoever paid first in an emergency. */
  @Property({ type: 'uuid' })
  payingOrganisationId: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'When it was paid.' })
  paidOn: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  paymentRunId: string | null = null;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true, description: 'When the money came back.' })
  returnedOn: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it came back (e.g. the account was closed).' })
  returnReason: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  returnedById: string | null = null;
}

@ObjectType()
export class PaymentConnection extends ConnectionType(Payment) {}

/** One marking of a roll as paid: what was paid, when and by whom (the audit of 资金发放). */
@Entity({ tableName: 'payment_run' })
@Index({ properties: ['jurisdictionCode', 'period'] })
@ObjectType({ description: 'A roll (or the rest of it) marked paid in one step.' })
export class PaymentRun extends MutableRecord {
  @Property({ type: 'string', length: 12 })
  @Field(() => ID)
  jurisdictionCode: string;

  @Property({ type: 'string', length: 7 })
  @Field(() => String)
  period: string;

  @Property({ type: 'date' })
  @Field(() => DateScalar)
  paidOn: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'How many payments this step marked paid.' })
  payments: number;

  @Property({ type: new BigIntType('number') })
  totalFen: number;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  markedById: string | null = null;
}

/**
 * A change of a monthly benefit's amount from a period on (a new standard, or the household's facts changed:
 * 按标施保, 动态管理): the SCHEDULED payments from that period take it, and so does every later period; PAID and
 * RETURNED payments never change.
 */
@Entity({ tableName: 'payment_amount_change' })
@Index({ properties: ['benefitId', 'fromPeriod'] })
@ObjectType({ description: 'A change of a benefit’s monthly amount from a period on.' })
export class PaymentAmountChange extends MutableRecord {
  @ManyToOne({ entity: () => Benefit, mapToPk: true, fieldName: 'benefit_id' })
  @Field(() => ID)
  benefitId: string;

  @Property({ type: 'string', length: 7 })
  @Field(() => String, { description: 'The first month it applies to, YYYY-MM.' })
  fromPeriod: string;

  @Property({ type: 'integer' })
  amountFen: number;

  @Property({ type: 'text' })
  @Field(() => String)
  reason: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  changedById: string | null = null;
}
