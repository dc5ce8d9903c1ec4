import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertDimensions, statisticsQuestion, StatisticsArgs, whenKnown } from '@doudi/shared/reporting/index';
import type { Context } from '../context.js';
import { assertJurisdictionKnown } from '../remote/organisations.js';
import { publishedStandards } from '../remote/programmes.js';
import { householdTable } from './statistics.sql.js';
import { HouseholdDimension, HouseholdStatistics, ReportTable } from './statistics.types.js';

@Resolver(() => HouseholdStatistics)
export class HouseholdStatisticsResolver {
  @Query(() => HouseholdStatistics, {
    description:
      'Statistics of the households of a jurisdiction at the end of a period, for reporting tools (needs ' +
      'reports:read): no personal data, small cells suppressed. 困难家庭统计。',
  })
  householdStatistics(@Args(() => StatisticsArgs) args: StatisticsArgs, @Ctx() ctx: Context) {
    return statisticsQuestion(ctx.principal, args, (code) => assertJurisdictionKnown(ctx, code));
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Households registered by the period’s end (`value`, `households`) and their members (`persons`), cut by ' +
      'hardship category, low-income band, hukou type, relocation or division.',
  })
  async households(
    @Root() root: HouseholdStatistics,
    @Arg('by', () => [HouseholdDimension], {
      defaultValue: [],
      description: 'The dimensions to cut the table by, at most two; none: the total alone.',
    })
    by: HouseholdDimension[],
    @Ctx() ctx: Context,
  ) {
    const dimensions = assertDimensions(by, Object.values(HouseholdDimension));
    // The band needs the dibao lines, which programmes owns: asked once, for the period's last year.
    const standards = dimensions.includes(HouseholdDimension.LOW_INCOME_BAND)
      ? await publishedStandards(ctx, root.scope.code, Number(root.period.to.slice(0, 4)))
      : [];
    return whenKnown(root, householdTable(ctx.em, root.scope, root.period, dimensions, standards));
  }
}
