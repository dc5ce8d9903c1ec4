import { createRequire } from 'node:module';
import {
  badInput,
  DomainError,
  ErrorCode,
  fromDayNumber,
  assertDate,
  toDayNumber,
  weekdayOf,
  type WorkingDayResult,
} from '@doudi/shared';

/**
 * Working-day calendars. Deadlines are counted in working days of the jurisdiction's calendar (docs/regulations.md:
 * e.g. 襄政办发〔2023〕26号 七(二)、七(三)'s visit "within 3 working days", report "within 5 working days", referral "within
 * 7 working days"). A day's status is decided in layers, each overriding the one before:
 *
 *  1. the weekday: Monday–Friday work, Saturday and Sunday rest;
 *  2. the national schedule the `chinese-days` package ships (the State Council's yearly notice on
 *     public holidays: 放假 days and the make-up working days, 调休上班);
 *  3. national entries an administrator typed in for a year the package does not know yet (the next
 *     year's notice is published each November, docs/architecture.md, Notes on the stack);
 *  4. the overrides of each jurisdiction from the top of the tree down to the target, so the nearest
 *     jurisdiction's entry wins and a county's entry reaches all its townships and villages.
 *
 * Dates are `YYYY-MM-DD` strings handled as UTC day numbers, so no local time zone can shift a day.
 *
 * A day whose national schedule is not known is never counted silently: results carry
 * `scheduleComplete: false` and a warning, and `strict` turns that into an INVALID_STATE error.
 */

export type CalendarDayKind = 'HOLIDAY' | 'WORKING_DAY';
export const CALENDAR_DAY_KINDS: readonly CalendarDayKind[] = ['HOLIDAY', 'WORKING_DAY'];

/** Where a day's status comes from: these two, a jurisdiction code (its override) or ORDINARY. */
export const SOURCE_NATIONAL = 'NATIONAL';
export const SOURCE_NATIONAL_ENTERED = 'NATIONAL_ENTERED';
/** No rule touches the day: the weekday decides. */
export const SOURCE_ORDINARY = 'ORDINARY';

/** One dated entry: a national entry typed in by an administrator, or a jurisdiction's override. */
export interface CalendarEntry {
  date: string;
  kind: CalendarDayKind;
  reason: string;
}

/** The overrides of one jurisdiction of the chain. */
export interface JurisdictionEntries {
  jurisdictionCode: string;
  entries: readonly CalendarEntry[];
}

export interface CalendarSources {
  /** National entries for years (or late-December days) the package does not cover; others are ignored. */
  nationalEntries?: readonly CalendarEntry[];
  /** Years whose national entries an administrator declared complete. */
  declaredYears?: Iterable<number>;
  /** The jurisdictions from the top of the tree (province) down to the target, with their overrides. */
  chain?: readonly JurisdictionEntries[];
  /** Default for every call: throw instead of warning when a day's national schedule is unknown. */
  strict?: boolean;
}

export interface CalendarDay {
  date: string;
  working: boolean;
  kind: CalendarDayKind;
  /** Saturday or Sunday. */
  weekend: boolean;
  /** NATIONAL, NATIONAL_ENTERED, the code of the jurisdiction whose override decides, or ORDINARY. */
  source: string;
  /** The holiday's name (国庆节 …) or the reason an administrator gave; null for an ordinary day. */
  name: string | null;
  /** False when the day's national schedule is not known (its status is a guess from the weekday). */
  scheduleComplete: boolean;
}

export interface WorkingDayCount {
  days: number;
  scheduleComplete: boolean;
  warnings: string[];
}

export interface CountOptions {
  /** Throw INVALID_STATE instead of warning when a counted day's national schedule is unknown. */
  strict?: boolean;
}

/** At most this many working days may be added in one call (about four years). */
export const MAX_WORKING_DAYS = 1000;
/** At most this many calendar days may be scanned in one call (about ten years). */
export const MAX_SPAN_DAYS = 3660;

// ---------------------------------------------------------------------------------------------------------
// The national schedule shipped with the package.

interface ChineseDaysData {
  /** date → "English name,中文名,n" for rest days, make-up working days and in-lieu days. */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

// The package's data file is plain JSON shipped in its dist folder; reading it directly gives the dates
// and names without its own local-time date parsing, and tells which years it holds.
const requireJson = createRequire(import.meta.url);
const PACKAGE_DATA = requireJson('chinese-days/dist/chinese-days.json') as ChineseDaysData;

/** "National Day,国庆节,3" → "国庆节" (English names may themselves hold commas, so count from the end). */
function chineseName(raw: string): string {
  const parts = raw.split(',');
  return parts.length >= 3 ? parts[parts.length - 2] : raw;
}

/**
 * The years whose State Council notice the package holds. A notice always schedules 春节 and 国庆节 in
 * its own year, so a year counts as known when both appear in it (chinese-days 1.5.7: 2004–2026).
 */
function yearsInPackage(data: ChineseDaysData): number[] {
  const festivals = new Map<number, Set<string>>();
  for (const [date, raw] of Object.entries(data.holidays)) {
    const year = Number(date.slice(0, 4));
    if (!festivals.has(year)) festivals.set(year, new Set());
    festivals.get(year)!.add(chineseName(raw));
  }
  return [...festivals]
    .filter(([, names]) => names.has('春节') && names.has('国庆节'))
    .map(([year]) => year)
    .sort((a, b) => a - b);
}

const PACKAGE_YEARS: readonly number[] = Object.freeze(yearsInPackage(PACKAGE_DATA));
const PACKAGE_YEAR_SET = new Set(PACKAGE_YEARS);

/** The years whose national schedule the installed `chinese-days` package holds, ascending. */
export function nationalScheduleYears(): number[] {
  return [...PACKAGE_YEARS];
}

/** Whether the installed `chinese-days` package holds the State Council schedule of `year`. */
export function packageKnowsYear(year: number): boolean {
  return PACKAGE_YEAR_SET.has(year);
}

/**
 * The next year's notice may reach back into the last days of December: the package's data holds
 * 2006-12-30/31 and 2018-12-29 as make-up working days and 2007-12-30/31, 2018-12-30/31, 2022-12-31 as
 * 元旦 rest days, each from the following year's notice. So 29–31 December also depend on the next year.
 */
const NEXT_YEAR_REACH_MONTH_DAY = '12-29';

const reachesIntoNextYear = (date: string) => date.slice(5) >= NEXT_YEAR_REACH_MONTH_DAY;

/** The years whose national schedule decides `date`: its own year, and for 29–31 December the next. */
function scheduleYearsOf(date: string): number[] {
  const year = Number(date.slice(0, 4));
  return reachesIntoNextYear(date) ? [year, year + 1] : [year];
}

/**
 * Whether an administrator may (and should) enter a national entry for `date`: the package does not
 * cover it, because its year — or, for 29–31 December, the next year — is missing from the package.
 */
export function needsNationalEntry(date: string): boolean {
  return scheduleYearsOf(date).some((year) => !packageKnowsYear(year));
}

// ---------------------------------------------------------------------------------------------------------

interface Decision {
  kind: CalendarDayKind;
  source: string;
  name: string;
}

export class WorkingDayCalendar {
  private readonly national = new Map<string, Decision>();
  private readonly local = new Map<string, Decision>();
  private readonly declaredYears: Set<number>;
  /** Years with at least one national entry typed in (for a more precise warning). */
  private readonly enteredYears = new Set<number>();
  private readonly strict: boolean;

  constructor(sources: CalendarSources = {}) {
    this.strict = sources.strict ?? false;
    this.declaredYears = new Set(sources.declaredYears ?? []);
    for (const entry of sources.nationalEntries ?? []) {
      // Where the shipped schedule covers the day, the State Council notice it ships wins: entries typed in
      // before the package learned the year become obsolete instead of contradicting it.
      if (!needsNationalEntry(assertDate('date', entry.date))) continue;
      this.national.set(entry.date, {
        kind: entry.kind,
        source: SOURCE_NATIONAL_ENTERED,
        name: entry.reason,
      });
      this.enteredYears.add(Number(entry.date.slice(0, 4)));
    }
    // Top of the tree first: a nearer jurisdiction's entry for the same date replaces a farther one's.
    for (const { jurisdictionCode, entries } of sources.chain ?? []) {
      for (const entry of entries) {
        this.local.set(assertDate('date', entry.date), {
          kind: entry.kind,
          source: jurisdictionCode,
          name: entry.reason,
        });
      }
    }
  }

  /** True when the national schedule of `year` is known: shipped with the package or declared complete. */
  isYearComplete(year: number): boolean {
    return packageKnowsYear(year) || this.declaredYears.has(year);
  }

  /** True when every national rule that could decide `date` is known. */
  isScheduleComplete(date: string): boolean {
    return scheduleYearsOf(assertDate('date', date)).every((year) => this.isYearComplete(year));
  }

  /** Everything known about one day. Never throws for an unknown year: see `scheduleComplete`. */
  day(date: string): CalendarDay {
    assertDate('date', date);
    const weekend = [0, 6].includes(weekdayOf(date));
    const decision = this.local.get(date) ?? this.national.get(date) ?? packageDecision(date);
    const kind = decision?.kind ?? (weekend ? 'HOLIDAY' : 'WORKING_DAY');
    return {
      date,
      working: kind === 'WORKING_DAY',
      kind,
      weekend,
      source: decision?.source ?? SOURCE_ORDINARY,
      name: decision?.name ?? null,
      scheduleComplete: this.isScheduleComplete(date),
    };
  }

  /** Whether `date` is a working day; with `strict`, INVALID_STATE if its national schedule is unknown. */
  isWorkingDay(date: string, options: CountOptions = {}): boolean {
    const day = this.day(date);
    if (!day.scheduleComplete) this.check(this.tracker().see(date), options);
    return day.working;
  }

  /**
   * The n-th working day after `from` (`from` itself is not counted; n = 0 returns `from` unchanged).
   * Example: 2026-09-30 + 3 = 2026-10-10 (the 国庆节 rest runs 1–7 October, 10 October is a make-up day).
   */
  addWorkingDays(from: string, n: number, options: CountOptions = {}): WorkingDayResult {
    assertDate('from', from);
    if (!Number.isInteger(n) || n < 0) throw badInput('days', `days must be a whole number ≥ 0, got ${n}`);
    if (n > MAX_WORKING_DAYS) {
      throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `days may be at most ${MAX_WORKING_DAYS}`, {
        field: 'days',
        limit: MAX_WORKING_DAYS,
      });
    }
    const tracker = this.tracker();
    let day = toDayNumber(from);
    const last = day + MAX_SPAN_DAYS;
    for (let counted = 0; counted < n;) {
      if (++day > last) {
        throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `No ${n} working days within ${MAX_SPAN_DAYS} days`, {
          field: 'days',
          limit: MAX_SPAN_DAYS,
        });
      }
      const date = fromDayNumber(day);
      tracker.see(date);
      if (this.day(date).working) counted++;
    }
    return { date: fromDayNumber(day), ...this.check(tracker, options) };
  }

  /**
   * The working days after `from` up to and including `to`, so that
   * `workingDaysBetween(from, addWorkingDays(from, n).date).days === n`. When `to` is before `from` the
   * count is negative: `-workingDaysBetween(to, from)` (how many working days a deadline is overdue by).
   */
  workingDaysBetween(from: string, to: string, options: CountOptions = {}): WorkingDayCount {
    assertDate('from', from);
    assertDate('to', to);
    const start = toDayNumber(from);
    const end = toDayNumber(to);
    if (Math.abs(end - start) > MAX_SPAN_DAYS) {
      throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `from and to may be at most ${MAX_SPAN_DAYS} days apart`, {
        field: 'to',
        limit: MAX_SPAN_DAYS,
      });
    }
    const [low, high, sign] = end >= start ? [start, end, 1] : [end, start, -1];
    const tracker = this.tracker();
    let days = 0;
    for (let day = low + 1; day <= high; day++) {
      const date = fromDayNumber(day);
      tracker.see(date);
      if (this.day(date).working) days++;
    }
    return { days: sign * days || 0, ...this.check(tracker, options) };
  }

  /**
   * The days of `year` that differ from the plain weekday rule: rest days falling Monday–Friday and
   * working days falling on a Saturday or Sunday, in date order.
   */
  specialDays(year: number): CalendarDay[] {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) {
      throw badInput('year', `year must be a four-digit year, got ${year}`);
    }
    const days: CalendarDay[] = [];
    const end = toDayNumber(`${year}-12-31`);
    for (let day = toDayNumber(`${year}-01-01`); day <= end; day++) {
      const info = this.day(fromDayNumber(day));
      if (info.working === info.weekend) days.push(info);
    }
    return days;
  }

  private tracker(): Tracker {
    return new Tracker(
      (year) => this.isYearComplete(year),
      (year) => this.enteredYears.has(year),
    );
  }

  /** Words the warnings for the days a count looked at, or throws when strict. */
  private check(tracker: Tracker, options: CountOptions): { scheduleComplete: boolean; warnings: string[] } {
    const warnings = tracker.warnings();
    if (warnings.length && (options.strict ?? this.strict)) {
      throw new DomainError(ErrorCode.INVALID_STATE, warnings.join('; '), {
        years: tracker.unknownYears(),
      });
    }
    return { scheduleComplete: warnings.length === 0, warnings };
  }
}

/** Collects, while counting, the years whose unknown schedule the count relied on. */
class Tracker {
  /** Unknown years whose own days were counted. */
  private readonly years = new Set<number>();
  /** Known years whose 29–31 December were counted while the next year is unknown. */
  private readonly reaches = new Set<number>();

  constructor(
    private readonly isYearComplete: (year: number) => boolean,
    private readonly hasNationalEntries: (year: number) => boolean,
  ) {}

  see(date: string): this {
    const year = Number(date.slice(0, 4));
    if (!this.isYearComplete(year)) this.years.add(year);
    else if (reachesIntoNextYear(date) && !this.isYearComplete(year + 1)) this.reaches.add(year);
    return this;
  }

  unknownYears(): number[] {
    return [...new Set([...this.years, ...[...this.reaches].map((y) => y + 1)])].sort((a, b) => a - b);
  }

  warnings(): string[] {
    const messages: string[] = [];
    for (const year of [...this.years].sort((a, b) => a - b)) {
      messages.push(
        this.hasNationalEntries(year)
          ? `${year}'s holiday schedule has been entered only in part (not declared complete); counted weekends and the entries so far`
          : `${year} has no published holiday schedule; counted weekends only`,
      );
    }
    for (const year of [...this.reaches].sort((a, b) => a - b)) {
      messages.push(
        `29–31 December ${year} may be changed by the ${year + 1} holiday schedule, which is not known yet; counted without it`,
      );
    }
    return messages;
  }
}

function packageDecision(date: string): Decision | undefined {
  const work = PACKAGE_DATA.workdays[date];
  if (work) return { kind: 'WORKING_DAY', source: SOURCE_NATIONAL, name: chineseName(work) };
  const rest = PACKAGE_DATA.holidays[date];
  if (rest) return { kind: 'HOLIDAY', source: SOURCE_NATIONAL, name: chineseName(rest) };
  return undefined;
}

export function createWorkingDayCalendar(sources: CalendarSources = {}): WorkingDayCalendar {
  return new WorkingDayCalendar(sources);
}
