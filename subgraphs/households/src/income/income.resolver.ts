import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { Household } from '../household/household.entity.js';
import { formatYuan } from '@doudi/shared';
import { HouseholdIncome } from './income.entity.js';
import { HouseholdAsset } from './asset.entity.js';
import {
  RecordHouseholdAssetInput,
  RecordHouseholdAssetPayload,
  RecordHouseholdIncomeInput,
  RecordHouseholdIncomePayload,
  RemoveHouseholdAssetPayload,
  RemoveHouseholdIncomePayload,
  RemoveRecordInput,
} from './income.inputs.js';
import {
  assertAverageMonths,
  averagePerCapitaMonthlyIncomeFen,
  DEFAULT_AVERAGE_MONTHS,
  incomesBetween,
  membersInMonth,
  perCapitaMonthlyIncomeFen,
  recordHouseholdAsset,
  recordHouseholdIncome,
  removeHouseholdAsset,
  removeHouseholdIncome,
} from './income.service.js';
import { assertMonth } from './month.js';
import type { Context } from '../context.js';

const yuanOrNull = (fen: number | null) => (fen === null ? null : formatYuan(fen));

/** Income and assets of a household: the facts the income check (家庭经济状况核对) reads. */
@Resolver(() => Household)
export class HouseholdIncomeResolver {
  @Mutation(() => RecordHouseholdIncomePayload, {
    description: "Records or corrects a household's income of one month, under one or several headings.",
  })
  recordHouseholdIncome(
    @Arg('input', () => RecordHouseholdIncomeInput) input: RecordHouseholdIncomeInput,
    @Ctx() { em, principal }: Context,
  ) {
    return recordHouseholdIncome(em, principal, input);
  }

  @Mutation(() => RemoveHouseholdIncomePayload, { description: 'Removes an income figure recorded by mistake.' })
  removeHouseholdIncome(
    @Arg('input', () => RemoveRecordInput) input: RemoveRecordInput,
    @Ctx() { em, principal }: Context,
  ) {
    return removeHouseholdIncome(em, principal, input);
  }

  @Mutation(() => RecordHouseholdAssetPayload, { description: 'Records a piece of household property and its value.' })
  async recordHouseholdAsset(
    @Arg('input', () => RecordHouseholdAssetInput) input: RecordHouseholdAssetInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { asset: await recordHouseholdAsset(em, principal, input) };
  }

  @Mutation(() => RemoveHouseholdAssetPayload, { description: 'Removes a piece of property recorded by mistake.' })
  removeHouseholdAsset(
    @Arg('input', () => RemoveRecordInput) input: RemoveRecordInput,
    @Ctx() { em, principal }: Context,
  ) {
    return removeHouseholdAsset(em, principal, input);
  }

  @FieldResolver(() => [HouseholdIncome], {
    description: 'Income figures by month and heading, oldest first; both bounds (YYYY-MM) are inclusive and optional.',
  })
  async incomes(
    @Root() household: Household,
    @Arg('fromMonth', () => String, { nullable: true }) fromMonth: string | null,
    @Arg('toMonth', () => String, { nullable: true }) toMonth: string | null,
    @Ctx() ctx: Context,
  ) {
    return incomesBetween(await ctx.loaders.incomesByHousehold.load(household.id), fromMonth, toMonth);
  }

  @FieldResolver(() => [HouseholdAsset], { description: 'Property of the household, most recently assessed first.' })
  assets(@Root() household: Household, @Ctx() ctx: Context) {
    return ctx.loaders.assetsByHousehold.load(household.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The month's total income divided by the members still in the household on the month's last day, in yuan, " +
      'rounded down to the fen ' +
      '(家庭成员人均月收入, which places a household against the dibao line); null when no income is recorded for the month.',
  })
  async perCapitaMonthlyIncome(
    @Root() household: Household,
    @Arg('month', () => String, { description: 'YYYY-MM' }) month: string,
    @Ctx() ctx: Context,
  ) {
    const valid = assertMonth('month', month);
    const loaders = ctx.loaders;
    const [rows, members] = await Promise.all([
      loaders.incomesByHousehold.load(household.id),
      loaders.membersByHousehold.load(household.id),
    ]);
    return yuanOrNull(perCapitaMonthlyIncomeFen(rows, valid, membersInMonth(members, valid)));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The per-capita monthly income averaged over the `months` months ending with `toMonth`, per member still in the ' +
      'household on the last day of `toMonth`, in yuan, rounded down to the fen. Months with nothing recorded are left ' +
      'out; null when none of them has a record.',
  })
  async averagePerCapitaMonthlyIncome(
    @Root() household: Household,
    @Arg('toMonth', () => String, { description: 'YYYY-MM, the last month counted' }) toMonth: string,
    @Arg('months', () => Int, { defaultValue: DEFAULT_AVERAGE_MONTHS, description: 'How many months to average' })
    months: number,
    @Ctx() ctx: Context,
  ) {
    const valid = assertMonth('toMonth', toMonth);
    const count = assertAverageMonths(months);
    const loaders = ctx.loaders;
    const [rows, members] = await Promise.all([
      loaders.incomesByHousehold.load(household.id),
      loaders.membersByHousehold.load(household.id),
    ]);
    return yuanOrNull(averagePerCapitaMonthlyIncomeFen(rows, valid, count, membersInMonth(members, valid)));
  }
}
