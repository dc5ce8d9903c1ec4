import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { assertDimensions, statisticsQuestion, StatisticsArgs, whenKnown } from '@doudi/shared/reporting/index';
import { BenefitStatus } from '../benefit/benefit-status.js';
import type { Context } from '../context.js';
import { assertJurisdictionKnown } from '../remote/organisations.js';
import { benefitTable, capsReachedTable, GRANTED } from './statistics.sql.js';
import { BenefitDimension, BenefitStatistics, ReportTable } from './statistics.types.js';

const BY = { description: 'The dimensions to cut the table by, at most two; none: the total alone.' };
const LEDGER_DIMENSIONS = Object.values(BenefitDimension).filter((d) => d !== BenefitDimension.CAP);

@Resolver(() => BenefitStatistics)
export class BenefitStatisticsResolver {
  @Query(() => BenefitStatistics, {
    description:
      'Statistics of the relief granted in a jurisdiction over a period, for reporting tools (needs reports:read): ' +
      'no personal data, small cells suppressed. 救助发放统计。',
  })
  benefitStatistics(@Args(() => StatisticsArgs) args: StatisticsArgs, @Ctx() ctx: Context) {
    return statisticsQuestion(ctx.principal, args, (code) => assertJurisdictionKnown(ctx, code));
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Grants decided in the period: `value` counts grants, `households` and `persons` (grants to one member) those ' +
      'reached, `amount` the yuan granted. By default the grants approved, in notice, active or ended; `statuses` ' +
      'chooses others (PROPOSED, REJECTED).',
  })
  granted(
    @Root() root: BenefitStatistics,
    @Arg('by', () => [BenefitDimension], { defaultValue: [], ...BY }) by: BenefitDimension[],
    @Arg('statuses', () => [BenefitStatus], { nullable: true, description: 'The statuses counted.' })
    statuses: BenefitStatus[] | null,
    @Ctx() ctx: Context,
  ) {
    const dimensions = assertDimensions(by, LEDGER_DIMENSIONS);
    const chosen = statuses?.length ? statuses : GRANTED;
    return whenKnown(root, benefitTable(ctx.em, root.scope, root.period, dimensions, chosen, false));
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Grants to relief staff or their close relatives decided in the period, filed for oversight (备案, ' +
      '临社救办发〔2015〕3号 二(一)): every status, refusals included.',
  })
  filings(
    @Root() root: BenefitStatistics,
    @Arg('by', () => [BenefitDimension], { defaultValue: [], ...BY }) by: BenefitDimension[],
    @Ctx() ctx: Context,
  ) {
    const dimensions = assertDimensions(by, LEDGER_DIMENSIONS);
    return whenKnown(
      root,
      benefitTable(ctx.em, root.scope, root.period, dimensions, Object.values(BenefitStatus), true),
    );
  }

  @FieldResolver(() => ReportTable, {
    description:
      'Households (PER_HOUSEHOLD_PER_YEAR) and persons (PER_PERSON_PER_YEAR) whose grants under one programme in a ' +
      'year the period touches reached its yearly cap (临社救办发〔2015〕3号 二(八)); `value` counts them. By ' +
      'PROGRAMME_KIND, PROGRAMME, JURISDICTION or CAP.',
  })
  capsReached(
    @Root() root: BenefitStatistics,
    @Arg('by', () => [BenefitDimension], { defaultValue: [], ...BY }) by: BenefitDimension[],
    @Ctx() ctx: Context,
  ) {
    const allowed = [
      BenefitDimension.PROGRAMME_KIND,
      BenefitDimension.PROGRAMME,
      BenefitDimension.JURISDICTION,
      BenefitDimension.CAP,
    ];
    return whenKnown(root, capsReachedTable(ctx.em, root.scope, root.period, assertDimensions(by, allowed)));
  }
}
