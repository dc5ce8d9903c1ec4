import { Directive, Field, InputType, Int, ObjectType } from 'type-graphql';
import { badInput } from '../errors.js';
import { DateScalar, isIsoDate } from '../scalars.js';

/** A report reaches back at most ten years: enough for any trend the regulations ask for, bounded for the database. */
export const MAX_PERIOD_MONTHS = 120;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

@InputType({
  description:
    'The period a report covers, in the calendar of Asia/Shanghai: exactly one of month, quarter, year, or from and ' +
    'to together. 报告期：月、季、年或起止日期（含首尾两日）。',
})
export class ReportPeriodInput {
  @Field(() => String, { nullable: true, description: 'A calendar month, YYYY-MM (e.g. 2026-10: 月报).' })
  month?: string | null;

  @Field(() => String, { nullable: true, description: 'A calendar quarter, YYYY-Qn (e.g. 2026-Q4: 季报).' })
  quarter?: string | null;

  @Field(() => Int, { nullable: true, description: 'A calendar year (e.g. 2026: 年报).' })
  year?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the period (with `to`).' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period, included (with `from`).' })
  to?: string | null;
}

@ObjectType({ description: 'The days a report covers, both included (Asia/Shanghai). 报告期起止日期。' })
@Directive('@shareable')
export class ReportPeriod {
  @Field(() => DateScalar)
  from: string;

  @Field(() => DateScalar)
  to: string;
}

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const monthSpan = (year: number, first: number, last: number): Period => ({
  from: `${year}-${pad(first)}-01`,
  to: `${year}-${pad(last)}-${pad(lastDay(year, last))}`,
});

function assertYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(field, `${field} must be a year between ${FIRST_YEAR} and ${LAST_YEAR}`);
  }
  return year;
}

/** The months a period touches, YYYY-MM, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [y, m] = period.from.split('-').map(Number);
  const last = period.to.slice(0, 7);
  for (let month = `${y}-${pad(m)}`; month <= last; month = `${y}-${pad(m)}`) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

/**
 * The first and last day of the period asked for. BAD_USER_INPUT, naming the field, when none or several kinds are
 * given, a value is malformed, the period runs backwards, or it is longer than MAX_PERIOD_MONTHS.
 */
export function resolvePeriod(input: ReportPeriodInput | null | undefined, field = 'period'): Period {
  const given = (['month', 'quarter', 'year', 'from', 'to'] as const).filter((k) => input?.[k] != null);
  const kinds = new Set(given.map((k) => (k === 'to' ? 'from' : k)));
  if (kinds.size !== 1) {
    throw badInput(field, `${field} takes exactly one of month, quarter, year, or from and to together`);
  }
  let period: Period;
  if (input!.month != null) {
    const match = /^(\d{4})-(\d{2})$/.exec(input!.month);
    const month = match ? Number(match[2]) : 0;
    if (!match || month < 1 || month > 12) throw badInput(`${field}.month`, `${field}.month is written YYYY-MM`);
    period = monthSpan(assertYear(`${field}.month`, Number(match[1])), month, month);
  } else if (input!.quarter != null) {
    const match = /^(\d{4})-Q([1-4])$/.exec(input!.quarter);
    if (!match) throw badInput(`${field}.quarter`, `${field}.quarter is written YYYY-Qn, n from 1 to 4`);
    const q = Number(match[2]);
    period = monthSpan(assertYear(`${field}.quarter`, Number(match[1])), 3 * q - 2, 3 * q);
  } else if (input!.year != null) {
    period = monthSpan(assertYear(`${field}.year`, input!.year), 1, 12);
  } else {
    const { from, to } = input!;
    if (from == null || to == null) throw badInput(`${field}.${from == null ? 'from' : 'to'}`, 'Give both from and to');
    for (const [name, value] of [
      ['from', from],
      ['to', to],
    ] as const) {
      if (!isIsoDate(value)) throw badInput(`${field}.${name}`, `${field}.${name} is a date, YYYY-MM-DD`);
      assertYear(`${field}.${name}`, Number(value.slice(0, 4)));
    }
    if (to < from) throw badInput(`${field}.to`, `The period ends (${to}) before it begins (${from})`);
    period = { from, to };
  }
  if (monthsOf(period).length > MAX_PERIOD_MONTHS) {
    throw badInput(field, `A report covers at most ${MAX_PERIOD_MONTHS} months`);
  }
  return period;
}
