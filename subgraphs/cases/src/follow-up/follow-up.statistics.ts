import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { buildTable, cubeRows, whenKnown } from '@doudi/shared/reporting/index';
import type { Context } from '../context.js';
import { CaseStatistics, ReportTable, type StatisticsRoot } from '../statistics/statistics.types.js';

/**
 * Follow-up visits among the case statistics (issue 13 item 4: the joint meeting's year counts its follow-ups,
 * 襄政办发〔2023〕26号 七(六), 晋检发办字〔2023〕10号 第二十五条). Kept with follow-ups, which own the table; one statement.
 */
@Resolver(() => CaseStatistics)
export class FollowUpStatisticsResolver {
  @FieldResolver(() => ReportTable, {
    description:
      'Follow-up visits made in the period (跟踪回访, 襄政办发〔2023〕26号 七(六); 晋检发办字〔2023〕10号 第二十五条): ' +
      '`value` counts visits, `households` the families visited. The total alone; small cells suppressed.',
  })
  async followUps(@Root() root: StatisticsRoot, @Ctx() ctx: Context) {
    const { scope, period } = root;
    const rows = await whenKnown(
      root,
      ctx.em.execute<Record<string, unknown>[]>(
        `select array[]::text[] as keys, count(*) as value, count(distinct c.household_id) as households
         from follow_up f join hardship_case c on c.id = f.case_id
        where c.jurisdiction_code between ? and ? and f.visited_on between ? and ?`,
        [scope.prefix.padEnd(12, '0'), scope.prefix.padEnd(12, '9'), period.from, period.to],
      ),
    );
    return buildTable([], cubeRows(rows));
  }
}
