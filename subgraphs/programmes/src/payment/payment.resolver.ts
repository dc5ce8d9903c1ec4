import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { can, formatYuan } from '@doudi/shared';
import { ExportFile, ExportFormat } from '@doudi/shared/reporting/export';
import { Benefit } from '../benefit/benefit.entity.js';
import { mayReadBenefit } from '../benefit/benefit.access.js';
import { HouseholdRef, PersonRef } from '../household/household.ref.js';
import { OrganisationRef } from '../organisation/organisation.ref.js';
import { Programme } from '../programme/programme.entity.js';
import type { Context } from '../context.js';
import { Payment, PaymentAmountChange, PaymentConnection, PaymentRun } from './payment.entity.js';
import { PaymentFrequency } from './payment-status.js';
import {
  ChangePaymentAmountInput,
  MarkPaymentRollPaidInput,
  PaymentAmountChangePayload,
  PaymentPayload,
  PaymentRoll,
  PaymentRollArgs,
  PaymentRollTotals,
  PaymentRunPayload,
  ReturnPaymentInput,
  RollPaymentsArgs,
} from './payment.inputs.js';
import {
  changePaymentAmount,
  markPaymentRollPaid,
  returnPayment,
  rollPage,
  rollScope,
  rollTotals,
} from './payment.service.js';
import { rollExport } from './payment.export.js';
import { frequencyOf } from './payment.schedule.js';

/** The payment roll (资金发放, 临社救办发〔2015〕3号 二(一); 周政办字〔2017〕70号 六(三): 资金发放 under audit). */
@Resolver(() => PaymentRoll)
export class PaymentRollResolver {
  @Query(() => PaymentRoll, {
    description:
      'The monthly payment roll (资金发放, 临社救办发〔2015〕3号 二(一)) of the households registered in a jurisdiction’s ' +
      'subtree: every benefit in payment that month, its totals by state and the steps that paid it. Needs payments:read there.',
  })
  paymentRoll(@Args(() => PaymentRollArgs) args: PaymentRollArgs, @Ctx() { principal }: Context): PaymentRoll {
    rollScope(principal, args.jurisdictionCode, args.period);
    return Object.assign(new PaymentRoll(), args);
  }

  @FieldResolver(() => PaymentRollTotals, { description: 'Counts and sums by state, to the fen.' })
  async totals(@Root() roll: PaymentRoll, @Ctx() { em, principal }: Context): Promise<PaymentRollTotals> {
    rollScope(principal, roll.jurisdictionCode, roll.period);
    const t = await rollTotals(em, roll.jurisdictionCode, roll.period);
    return {
      count: t.count,
      total: formatYuan(t.totalFen),
      scheduledCount: t.scheduledCount,
      scheduled: formatYuan(t.scheduledFen),
      paidCount: t.paidCount,
      paid: formatYuan(t.paidFen),
      returnedCount: t.returnedCount,
      returned: formatYuan(t.returnedFen),
    };
  }

  @FieldResolver(() => PaymentConnection, { description: 'Its payments by programme and household.' })
  payments(@Root() roll: PaymentRoll, @Args(() => RollPaymentsArgs) args: RollPaymentsArgs, @Ctx() ctx: Context) {
    return rollPage(ctx.em, rollScope(ctx.principal, roll.jurisdictionCode, roll.period), args);
  }

  @FieldResolver(() => [PaymentRun], {
    description: 'The steps that marked it paid, its own and its townships’, oldest first.',
  })
  runs(@Root() roll: PaymentRoll, @Ctx() { em, principal }: Context) {
    const where = rollScope(principal, roll.jurisdictionCode, roll.period);
    return em.find(PaymentRun, where, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  }

  @FieldResolver(() => ExportFile, {
    description: 'The roll as a file (资金发放花名册): XLSX (default) or CSV, one row a payment, the totals on top.',
  })
  export(
    @Root() roll: PaymentRoll,
    @Arg('format', () => ExportFormat, { defaultValue: ExportFormat.XLSX }) format: ExportFormat,
    @Ctx() { em, principal }: Context,
  ) {
    const where = rollScope(principal, roll.jurisdictionCode, roll.period);
    return rollExport(em, where, roll.jurisdictionCode, format);
  }

  @Mutation(() => PaymentRunPayload, {
    description:
      'Marks every SCHEDULED payment of a jurisdiction’s roll for a month PAID in one step (资金发放), recorded as a run. ' +
      'INVALID_STATE when nothing is left to pay; the same idempotencyKey answers the same run. Needs payments:write.',
  })
  async markPaymentRollPaid(
    @Arg('input', () => MarkPaymentRollPaidInput) input: MarkPaymentRollPaidInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { run: await markPaymentRollPaid(em, principal, input) };
  }

  @Mutation(() => PaymentPayload, {
    description: 'A PAID payment came back (退回): RETURNED with the reason. Needs payments:write.',
  })
  async returnPayment(@Arg('input', () => ReturnPaymentInput) input: ReturnPaymentInput, @Ctx() ctx: Context) {
    return { payment: await returnPayment(ctx.em, ctx.principal, input) };
  }

  @Mutation(() => PaymentAmountChangePayload, {
    description:
      'A monthly benefit’s amount changes from a month on (new standard, or the household’s facts changed: 按标施保, ' +
      '动态管理): its SCHEDULED payments from then take it; PAID and RETURNED months never change (INVALID_STATE when ' +
      'fromPeriod reaches one). Needs benefits:approve over the household’s hukou place.',
  })
  async changePaymentAmount(
    @Arg('input', () => ChangePaymentAmountInput) input: ChangePaymentAmountInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { change: await changePaymentAmount(em, principal, input) };
  }
}

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => String, { description: 'Yuan.' })
  amount(@Root() payment: Payment) {
    return formatYuan(payment.amountFen);
  }

  @FieldResolver(() => HouseholdRef)
  household(@Root() payment: Payment): HouseholdRef {
    return { id: payment.householdId };
  }

  @FieldResolver(() => PersonRef, { nullable: true })
  person(@Root() payment: Payment): PersonRef | null {
    return payment.personId ? { id: payment.personId } : null;
  }

  @FieldResolver(() => OrganisationRef, { description: 'The organisation that pays it.' })
  payingOrganisation(@Root() payment: Payment): OrganisationRef {
    return { id: payment.payingOrganisationId };
  }

  @FieldResolver(() => Programme)
  programme(@Root() payment: Payment, @Ctx() { loaders }: Context) {
    return loaders.programme.load(payment.programmeId);
  }

  @FieldResolver(() => Benefit, { nullable: true, description: 'The benefit it pays (null when you may not read it).' })
  async benefit(@Root() payment: Payment, @Ctx() { loaders, principal }: Context) {
    const benefit = await loaders.benefit.load(payment.benefitId);
    return benefit && mayReadBenefit(principal, benefit) ? benefit : null;
  }
}

/** What the ledger's benefits add: how they are paid, and their payments. */
@Resolver(() => Benefit)
export class BenefitPaymentsResolver {
  @FieldResolver(() => PaymentFrequency, { description: 'Monthly (低保, 特困) or once (临时救助 and other grants).' })
  async paymentFrequency(@Root() benefit: Benefit, @Ctx() { loaders }: Context) {
    const programme = await loaders.programme.load(benefit.programmeId);
    return frequencyOf(programme!.kind);
  }

  @FieldResolver(() => [Payment], {
    description: 'Its payments, month by month (empty without payments:read over its jurisdiction).',
  })
  payments(@Root() benefit: Benefit, @Ctx() { loaders, principal }: Context) {
    if (!can(principal, 'payments:read', benefit.jurisdictionCode)) return [];
    return loaders.paymentsByBenefit.load(benefit.id);
  }

  @FieldResolver(() => [PaymentAmountChange], {
    description: 'Changes of its monthly amount, oldest first (empty without payments:read over its jurisdiction).',
  })
  paymentAmountChanges(@Root() benefit: Benefit, @Ctx() { loaders, principal }: Context) {
    if (!can(principal, 'payments:read', benefit.jurisdictionCode)) return [];
    return loaders.amountChangesByBenefit.load(benefit.id);
  }
}
