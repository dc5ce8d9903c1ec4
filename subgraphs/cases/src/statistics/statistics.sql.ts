import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '@doudi/shared';
import {
  buildTable,
  childDivisionSql,
  cubeRows,
  cubeSelect,
  type Period,
  type ReportScope,
  type ReportTableValue,
} from '@doudi/shared/reporting/index';
import { CaseDimension, ReferralDimension } from './statistics.types.js';

/**
 * The statistics of cases and referrals: each table one SQL statement (GROUP BY CUBE), whatever the number of rows
 * (test/reporting-statements.test.ts counts them). A subtree is a range of codes, which a btree index serves in
 * any collation: every code below 141023 lies between 141023000000 and 141023999999.
 */
const subtree = (column: string) => `${column} between ? and ?`;
const subtreeBindings = (scope: ReportScope) => [scope.prefix.padEnd(12, '0'), scope.prefix.padEnd(12, '9')];
const month = (column: string) => `to_char(${column}, 'YYYY-MM')`;

async function run(em: EntityManager, sql: string, bindings: (string | number)[]): Promise<Record<string, unknown>[]> {
  return (await em.getKnex().raw(sql, bindings)).rows as Record<string, unknown>[];
}

// ── cases ─────────────────────────────────────────────────────────────────────────────────────────────────

export type CaseMeasure = 'OPENED' | 'CLOSED' | 'OPEN_AT_END';

/** Which cases each table counts, and the day its MONTH dimension reads. */
const CASE_MEASURES: Record<CaseMeasure, { where: string; day: string | null }> = {
  /** Came in during the period (the day of the visit letter, the application, the lead). */
  OPENED: { where: 'c.received_on between ? and ?', day: 'c.received_on' },
  CLOSED: { where: 'c.closed_on between ? and ?', day: 'c.closed_on' },
  /** A stock on the period's last day: counted by month it would mean each month's end, so it is not offered. */
  OPEN_AT_END: { where: 'c.received_on <= ? and (c.closed_on is null or c.closed_on > ?)', day: null },
};

export async function caseTable(
  em: EntityManager,
  scope: ReportScope,
  period: Period,
  measure: CaseMeasure,
  by: CaseDimension[],
): Promise<ReportTableValue> {
  const { where, day } = CASE_MEASURES[measure];
  const expression: Record<CaseDimension, string | null> = {
    [CaseDimension.CHANNEL]: 'c.channel',
    [CaseDimension.STAGE]: 'c.stage',
    [CaseDimension.JURISDICTION]: childDivisionSql('c.jurisdiction_code', scope),
    [CaseDimension.MONTH]: day && month(day),
    [CaseDimension.GREEN_CHANNEL]: 'c.green_channel',
  };
  const expressions = by.map((d) => {
    const e = expression[d];
    if (!e) throw badInput('by', `${d} does not apply to this table`);
    return e;
  });
  const { keys, groupBy } = cubeSelect(expressions);
  const rows = await run(
    em,
    `select ${keys}, count(*) as value, count(distinct c.household_id) as households
     from hardship_case c where ${subtree('c.jurisdiction_code')} and ${where} ${groupBy}`,
    [...subtreeBindings(scope), measure === 'OPEN_AT_END' ? period.to : period.from, period.to],
  );
  return buildTable(by, cubeRows(rows));
}

// ── referrals ─────────────────────────────────────────────────────────────────────────────────────────────

export type ReferralMeasure = 'SENT' | 'ANSWERED' | 'DECLINED' | 'FORWARDED';

/** The day each table counts by: a referral counts in the period its event fell in. */
const REFERRAL_DAYS: Record<ReferralMeasure, string> = {
  SENT: 'r.sent_on',
  /** Answered in writing with the measures taken (书面函复, 襄政办发〔2023〕26号 七(五)). */
  ANSWERED: 'r.answered_on',
  /** Refused with a reason: also a written answer (晋检发办字〔2023〕10号 第六条). */
  DECLINED: 'r.declined_on',
  /** Passed on to the responsible organisation (襄政办发〔2023〕26号 七(四)). */
  FORWARDED: 'r.forwarded_on',
};

/** The working-day calendar the medians count in: weekdays off (holidays) and weekend days at work (调休). */
export interface SpecialDays {
  holidays: string[];
  workingWeekends: string[];
}

/**
 * Working days after `from` up to and including `to`, in SQL: weekdays by arithmetic from a Monday (2000-01-03),
 * less the holidays on weekdays, plus the weekend days worked, both passed in as the statement's first two
 * parameters (as parameters, not a joined CTE: the planner then counts each row's days in a third of the time).
 */
function workingDaysSql(from: string, to: string): string {
  const weekdaysBefore = (d: string) =>
    `(((${d}) - date '2000-01-03') / 7 * 5 + least(((${d}) - date '2000-01-03') % 7, 5))`;
  const within = (array: string) => `(select count(*) from unnest(${array}) d where d > ${from} and d <= ${to})`;
  return `(${weekdaysBefore(`${to} + 1`)} - ${weekdaysBefore(`${from} + 1`)} - ${within('?::date[]')} + ${within('?::date[]')})`;
}

export async function referralTable(
  em: EntityManager,
  scope: ReportScope,
  period: Period,
  measure: ReferralMeasure,
  by: ReferralDimension[],
  calendar: SpecialDays | null,
): Promise<ReportTableValue> {
  const day = REFERRAL_DAYS[measure];
  const answer = measure === 'ANSWERED' || measure === 'DECLINED';
  const expression: Record<ReferralDimension, string | null> = {
    [ReferralDimension.RECEIVING_ORGANISATION]: 'r.to_organisation_id',
    [ReferralDimension.ORGANISATION_KIND]: 'r.to_organisation_kind',
    [ReferralDimension.REFERRAL_KIND]: 'r.kind',
    [ReferralDimension.JURISDICTION]: childDivisionSql('c.jurisdiction_code', scope),
    [ReferralDimension.MONTH]: month(day),
    [ReferralDimension.DECLINE_REASON]: 'r.decline_reason',
    [ReferralDimension.TIMELINESS]: answer
      ? `case when r.due_date is null then 'NO_DUE_DATE' when ${day} <= r.due_date then 'ON_TIME' else 'LATE' end`
      : null,
  };
  const expressions = by.map((d) => {
    const e = expression[d];
    if (!e) throw badInput('by', `${d} applies to the answered and declined tables only`);
    return e;
  });
  const { keys, groupBy } = cubeSelect(expressions);
  const median =
    answer && calendar
      ? `, percentile_cont(0.5) within group (order by ${workingDaysSql('r.sent_on', day)}) as median`
      : '';
  const rows = await run(
    em,
    `select ${keys}, count(*) as value, count(distinct c.household_id) as households ${median}
     from referral r join hardship_case c on c.id = r.case_id
     where ${subtree('c.jurisdiction_code')} and ${day} between ? and ? ${groupBy}`,
    [
      // As array literals (knex would spread a JS array into a list of parameters), only where the median uses them.
      ...(median ? [`{${calendar!.holidays.join(',')}}`, `{${calendar!.workingWeekends.join(',')}}`] : []),
      ...subtreeBindings(scope),
      period.from,
      period.to,
    ],
  );
  return buildTable(by, cubeRows(rows));
}
