import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, PageArgs } from '@doudi/shared';
import { PaymentStatus } from './payment-status.js';
import { Payment, PaymentAmountChange, PaymentRun } from './payment.entity.js';

@ArgsType()
export class PaymentRollArgs {
  @Field(() => ID, { description: 'The jurisdiction whose subtree’s roll it is (the households’ hukou places).' })
  jurisdictionCode: string;

  @Field(() => String, { description: 'The month, YYYY-MM.' })
  period: string;
}

@ArgsType()
export class RollPaymentsArgs extends PageArgs {
  @Field(() => PaymentStatus, { nullable: true, description: 'Only payments in this state.' })
  status?: PaymentStatus;
}

@ObjectType({ description: 'Counts and sums (yuan) of a roll, by state.' })
export class PaymentRollTotals {
  @Field(() => Int)
  count: number;

  @Field(() => String, { description: 'Yuan: everything on the roll, whatever its state.' })
  total: string;

  @Field(() => Int)
  scheduledCount: number;

  @Field(() => String)
  scheduled: string;

  @Field(() => Int)
  paidCount: number;

  @Field(() => String)
  paid: string;

  @Field(() => Int)
  returnedCount: number;

  @Field(() => String)
  returned: string;
}

/** The roll of a subtree for a month; its fields are read when asked for. */
@ObjectType({
  description:
    'A jurisdiction’s monthly payment roll (资金发放, 临社救办发〔2015〕3号 二(一)): its payments, totals and runs.',
})
export class PaymentRoll {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => String)
  period: string;
}

@InputType()
export class MarkPaymentRollPaidInput {
  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => String, { description: 'The month, YYYY-MM.' })
  period: string;

  @Field(() => DateScalar, { description: 'The day the money was paid (not in the future).' })
  paidOn: string;

  @Field(() => String, { description: 'Required: a retry with the same key answers the same run, never paying twice.' })
  idempotencyKey: string;
}

@ObjectType()
export class PaymentRunPayload {
  @Field(() => PaymentRun)
  run: PaymentRun;
}

@InputType()
export class ReturnPaymentInput {
  @Field(() => ID)
  paymentId: string;

  @Field(() => String)
  reason: string;

  @Field(() => DateScalar, { nullable: true, description: 'Today if left out.' })
  returnedOn?: string;
}

@ObjectType()
export class PaymentPayload {
  @Field(() => Payment)
  payment: Payment;
}

@InputType()
export class ChangePaymentAmountInput {
  @Field(() => ID)
  benefitId: string;

  @Field(() => String, { description: 'The first month the new amount pays for, YYYY-MM; no month already paid.' })
  fromPeriod: string;

  @Field(() => String, { description: 'Yuan a month, e.g. "650.00".' })
  amount: string;

  @Field(() => String, { description: 'Why: the new standard, or the household’s changed facts.' })
  reason: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class PaymentAmountChangePayload {
  @Field(() => PaymentAmountChange)
  change: PaymentAmountChange;
}
