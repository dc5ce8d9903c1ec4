import type { EntityManager } from '@mikro-orm/postgresql';
import {
  buildTable,
  childDivisionSql,
  cubeRows,
  cubeSelect,
  type Period,
  type ReportScope,
  type ReportTableValue,
} from '@doudi/shared/reporting/index';
import { DEFAULT_AVERAGE_MONTHS } from '../income/income.service.js';
import type { PublishedStandard } from '../remote/programmes.js';
import { HouseholdDimension } from './statistics.types.js';

/** The first month of the `count` months that end with `month` (YYYY-MM). */
function monthsBack(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) - (count - 1);
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The band of the household's average per-capita monthly income (as income.service.ts averages it: months without a
 * record left out, rounded down) against its nearest published standard (s) and its hukou type.
 */
const BAND = `case
  when inc.months is null or coalesce(m.members, 0) = 0 then 'INCOME_UNKNOWN'
  when s.prefix is null or h.hukou_type is null then 'LINE_UNKNOWN'
  when floor(inc.total / (inc.months * m.members)) < (case when h.hukou_type = 'URBAN' then s.urban else s.rural end)
    then 'BELOW_DIBAO_LINE'
  when floor(inc.total / (inc.months * m.members))
    < floor((case when h.hukou_type = 'URBAN' then s.urban else s.rural end) * s.pct / 100) then 'LOW_INCOME'
  else 'ABOVE_LOW_INCOME_LINE' end`;

/**
 * The households registered in the subtree by the period's end, with their members: one GROUP BY CUBE statement
 * (test/reporting-statements.test.ts), the standards passed in as a parameter (asked of programmes once).
 */
export async function householdTable(
  em: EntityManager,
  scope: ReportScope,
  period: Period,
  by: HouseholdDimension[],
  standards: PublishedStandard[],
): Promise<ReportTableValue> {
  const expression: Record<HouseholdDimension, string> = {
    [HouseholdDimension.MONITORING_STATUS]: 'h.poverty_monitoring_status',
    [HouseholdDimension.LOW_INCOME_BAND]: BAND,
    [HouseholdDimension.HUKOU_TYPE]: 'h.hukou_type',
    [HouseholdDimension.RELOCATED]:
      'h.residence_jurisdiction_code is not null and h.residence_jurisdiction_code <> h.jurisdiction_code',
    [HouseholdDimension.JURISDICTION]: childDivisionSql('h.jurisdiction_code', scope),
  };
  const { keys, groupBy } = cubeSelect(by.map((d) => expression[d]));
  const band = by.includes(HouseholdDimension.LOW_INCOME_BAND);
  const lastMonth = period.to.slice(0, 7);
  const range = [scope.prefix.padEnd(12, '0'), scope.prefix.padEnd(12, '9')];
  const end = `${period.to}T23:59:59.999+08:00`;
  // Income and standards are read only when the band is asked for.
  const sql = `
    with m as (
      -- Every household's members, from the person index alone: restricting it to the subtree first made the
      -- planner merge person with household, 1.6× the cost of this on 100,000 households (EXPLAIN ANALYZE).
      select household_id, count(*) as members from person group by household_id)
    ${
      band
        ? `, inc as (
      select i.household_id, sum(i.amount_fen) as total, count(distinct i.month) as months
      from household_income i join household h on h.id = i.household_id
      where h.jurisdiction_code between ? and ? and i.month between ? and ? group by i.household_id),
    std as (select * from json_to_recordset(?::json) as x(prefix text, urban bigint, rural bigint, pct int))`
        : ''
    }
    select ${keys}, count(*) as value, count(*) as households, coalesce(sum(m.members), 0) as persons
    from household h left join m on m.household_id = h.id
    ${
      band
        ? `left join inc on inc.household_id = h.id
    left join lateral (select std.prefix, std.urban, std.rural, std.pct from std
      where h.jurisdiction_code like std.prefix || '%' order by length(std.prefix) desc limit 1) s on true`
        : ''
    }
    where h.jurisdiction_code between ? and ? and h.created_at <= ?
    ${groupBy}`;
  const bindings = [
    ...(band
      ? [
          ...range,
          monthsBack(lastMonth, DEFAULT_AVERAGE_MONTHS),
          lastMonth,
          JSON.stringify(
            standards.map((s) => ({
              prefix: s.prefix,
              urban: s.dibaoUrbanFen,
              rural: s.dibaoRuralFen,
              pct: s.lowIncomeMultiplierPercent,
            })),
          ),
        ]
      : []),
    ...range,
    end,
  ];
  const rows = (await em.getKnex().raw(sql, bindings)).rows as Record<string, unknown>[];
  return buildTable(by, cubeRows(rows));
}
