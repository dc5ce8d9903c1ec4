import { Arg, Args, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import { assertDimensions, statisticsQuestion, StatisticsArgs, whenKnown } from '@doudi/shared/reporting/index';
import type { Context } from '../context.js';
import { assertJurisdictionKnown, specialDays } from '../remote/organisations.js';
import { caseTable, referralTable, type CaseMeasure, type ReferralMeasure } from './statistics.sql.js';
import {
  CaseDimension,
  CaseStatistics,
  ReferralDimension,
  ReferralStatistics,
  ReportTable,
  type StatisticsRoot,
} from './statistics.types.js';

const statisticsRoot = (ctx: Context, args: StatisticsArgs) =>
  statisticsQuestion(ctx.principal, args, (code) => assertJurisdictionKnown(ctx, code));

const BY = { description: 'The dimensions to cut the table by, at most two; none: the total alone.' };

@Resolver(() => CaseStatistics)
export class CaseStatisticsResolver {
  @Query(() => CaseStatistics, {
    description:
      'Statistics of the cases of a jurisdiction over a period, for reporting tools (needs reports:read): no ' +
      'personal data, small cells suppressed. 案件统计（台账、年度总结用）。',
  })
  caseStatistics(@Args(() => StatisticsArgs) args: StatisticsArgs, @Ctx() ctx: Context) {
    return statisticsRoot(ctx, args);
  }

  private table(ctx: Context, root: StatisticsRoot, measure: CaseMeasure, by: CaseDimension[]) {
    const dimensions = assertDimensions(by, Object.values(CaseDimension));
    return whenKnown(root, caseTable(ctx.em, root.scope, root.period, measure, dimensions));
  }

  @FieldResolver(() => ReportTable, { description: 'Cases received in the period (受理/发现).' })
  opened(
    @Root() root: CaseStatistics,
    @Arg('by', () => [CaseDimension], { defaultValue: [], ...BY }) by: CaseDimension[],
    @Ctx() ctx: Context,
  ) {
    return this.table(ctx, root, 'OPENED', by);
  }

  @FieldResolver(() => ReportTable, { description: 'Cases closed in the period (办结).' })
  closed(
    @Root() root: CaseStatistics,
    @Arg('by', () => [CaseDimension], { defaultValue: [], ...BY }) by: CaseDimension[],
    @Ctx() ctx: Context,
  ) {
    return this.table(ctx, root, 'CLOSED', by);
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Cases still open on the period’s last day (期末在办); not by MONTH. 河鱼府发【2021】39号 二(四): open items are ' +
      'explained in the monthly ledger.',
  })
  openAtPeriodEnd(
    @Root() root: CaseStatistics,
    @Arg('by', () => [CaseDimension], { defaultValue: [], ...BY }) by: CaseDimension[],
    @Ctx() ctx: Context,
  ) {
    return this.table(ctx, root, 'OPEN_AT_END', by);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'The share of the cases received in the period that are in the green channel (绿色通道, 晋检发办字〔2023〕10号 ' +
      '第五条), 0 to 1; null when either count is suppressed or nothing was received.',
  })
  async greenChannelShare(@Root() root: CaseStatistics, @Ctx() ctx: Context) {
    const table = await this.table(ctx, root, 'OPENED', [CaseDimension.GREEN_CHANNEL]);
    const green = table.cells.find((c) => c.keys[0] === 'true');
    if (!green) return table.total.value ? 0 : null;
    return green.value === null || !table.total.value ? null : green.value / table.total.value;
  }
}

@Resolver(() => ReferralStatistics)
export class ReferralStatisticsResolver {
  @Query(() => ReferralStatistics, {
    description:
      'Statistics of the referrals of a jurisdiction’s cases over a period, by member unit and its kind, for ' +
      'reporting tools (needs reports:read): no personal data, small cells suppressed. 转介统计。',
  })
  referralStatistics(@Args(() => StatisticsArgs) args: StatisticsArgs, @Ctx() ctx: Context) {
    return statisticsRoot(ctx, args);
  }

  private async table(ctx: Context, root: ReferralStatistics, measure: ReferralMeasure, by: ReferralDimension[]) {
    const dimensions = assertDimensions(by, Object.values(ReferralDimension));
    const answers = measure === 'ANSWERED' || measure === 'DECLINED';
    // The median counts in the report jurisdiction's calendar, over the years an answer in the period may span.
    const [first, last] = [Number(root.period.from.slice(0, 4)) - 1, Number(root.period.to.slice(0, 4))];
    const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const calendar = answers ? await specialDays(ctx, root.scope.code, years) : null;
    return whenKnown(root, referralTable(ctx.em, root.scope, root.period, measure, dimensions, calendar));
  }

  @FieldResolver(() => ReportTable, { description: 'Referrals sent in the period (转介/推送).' })
  sent(
    @Root() root: ReferralStatistics,
    @Arg('by', () => [ReferralDimension], { defaultValue: [], ...BY }) by: ReferralDimension[],
    @Ctx() ctx: Context,
  ) {
    return this.table(ctx, root, 'SENT', by);
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Referrals answered in writing in the period with the measures taken (书面函复, 襄政办发〔2023〕26号 七(五)). ' +
      'By TIMELINESS: on time against the due date; `median`: working days from sending to the answer, in the ' +
      'report jurisdiction’s calendar.',
  })
  answered(
    @Root() root: ReferralStatistics,
    @Arg('by', () => [ReferralDimension], { defaultValue: [], ...BY }) by: ReferralDimension[],
    @Ctx() ctx: Context,
  ) {
    return this.table(ctx, root, 'ANSWERED', by);
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Referrals declined in the period, with a reason (不予救助, 晋检发办字〔2023〕10号 第六条: by DECLINE_REASON); ' +
      'TIMELINESS and `median` as for answered.',
  })
  declined(
    @Root() root: ReferralStatistics,
    @Arg('by', () => [ReferralDimension], { defaultValue: [], ...BY }) by: ReferralDimension[],
    @Ctx() ctx: Context,
  ) {
    return this.table(ctx, root, 'DECLINED', by);
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Referrals passed on to the responsible organisation in the period (转办, 襄政办发〔2023〕26号 七(四)).',
  })
  forwarded(
    @Root() root: ReferralStatistics,
    @Arg('by', () => [ReferralDimension], { defaultValue: [], ...BY }) by: ReferralDimension[],
    @Ctx() ctx: Context,
  ) {
    return this.table(ctx, root, 'FORWARDED', by);
  }
}
