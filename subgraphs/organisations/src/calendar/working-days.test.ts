import { describe, expect, it } from 'vitest';
import { thrown } from '@doudi/shared/testing';
import { addCalendarDays, weekdayOf } from '@doudi/shared';
import {
  createWorkingDayCalendar,
  nationalScheduleYears,
  needsNationalEntry,
  packageKnowsYear,
  SOURCE_NATIONAL,
  SOURCE_NATIONAL_ENTERED,
  type CalendarEntry,
  type JurisdictionEntries,
} from './working-days.js';

// The 2025 and 2026 dates below are those of the package's data, which quotes the State Council notices
// (国务院办公厅关于2026年部分节假日安排的通知):
//   中秋节：9月25日（周五）至27日（周日）放假，共3天
//   国庆节：10月1日（周四）至7日（周三）放假调休，共7天，9月20日（周日）、10月10日（周六）上班
// and for 2025 (国办发明电〔2024〕12号):
//   国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。

const national = createWorkingDayCalendar();

const PROVINCE = '140000000000';
const CITY = '141000000000';
const COUNTY = '141023000000'; // 襄汾县
const TOWNSHIP = '141023100000';
const VILLAGE = '141023100001';

const chain = (entries: Partial<Record<string, CalendarEntry[]>>): JurisdictionEntries[] =>
  [PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE].map((code) => ({ jurisdictionCode: code, entries: entries[code] ?? [] }));

const holiday = (date: string, reason = '地方节日'): CalendarEntry => ({ date, kind: 'HOLIDAY', reason });
const working = (date: string, reason = '补班'): CalendarEntry => ({ date, kind: 'WORKING_DAY', reason });

describe('the national schedule shipped with chinese-days', () => {
  it('knows 2004 to 2026, and not 2003 or 2027', () => {
    expect(nationalScheduleYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(packageKnowsYear(2026)).toBe(true);
    expect(packageKnowsYear(2027)).toBe(false);
    expect(packageKnowsYear(2003)).toBe(false);
  });

  it('reads weekdays in UTC', () => {
    expect(weekdayOf('2026-10-01')).toBe(4); // Thursday
    expect(weekdayOf('2026-09-20')).toBe(0); // Sunday
    expect(weekdayOf('2026-10-10')).toBe(6); // Saturday
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('has the 2026 中秋 and 国庆节 rest days and their make-up working days', () => {
    for (const date of ['2026-09-25', '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(national.isWorkingDay(date), date).toBe(false);
    }
    expect(national.day('2026-09-25')).toMatchObject({ kind: 'HOLIDAY', source: SOURCE_NATIONAL, name: '中秋' });
    expect(national.day('2026-10-01')).toMatchObject({ kind: 'HOLIDAY', source: SOURCE_NATIONAL, name: '国庆节' });
    expect(national.day('2026-09-20')).toMatchObject({ working: true, weekend: true, source: SOURCE_NATIONAL });
    expect(national.day('2026-10-10')).toMatchObject({ working: true, weekend: true, source: SOURCE_NATIONAL });
    expect(national.isWorkingDay('2026-10-08')).toBe(true);
    expect(national.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(national.day('2026-10-12')).toMatchObject({ working: true, source: 'ORDINARY', name: null });
  });

  it('lists the days of 2026 that differ from the weekday rule', () => {
    const days = national.specialDays(2026);
    expect(days.filter((d) => d.working).map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(days.filter((d) => d.date >= '2026-09-01').map((d) => `${d.date} ${d.kind}`)).toEqual([
      '2026-09-20 WORKING_DAY',
      '2026-09-25 HOLIDAY',
      '2026-10-01 HOLIDAY',
      '2026-10-02 HOLIDAY',
      '2026-10-05 HOLIDAY',
      '2026-10-06 HOLIDAY',
      '2026-10-07 HOLIDAY',
      '2026-10-10 WORKING_DAY',
    ]);
    expect(days.every((d) => d.scheduleComplete)).toBe(true);
  });
});

describe('addWorkingDays', () => {
  it('counts a letter arriving the day before the 2026 National Day holiday (3, 5, 7 working days)', () => {
    // Wednesday 30 September; 1–7 October rest; Thu 8, Fri 9, Sat 10 (make-up) …
    expect(national.addWorkingDays('2026-09-30', 3)).toEqual({
      date: '2026-10-10',
      scheduleComplete: true,
      warnings: [],
    });
    expect(national.addWorkingDays('2026-09-30', 5).date).toBe('2026-10-13');
    expect(national.addWorkingDays('2026-09-30', 7).date).toBe('2026-10-15');
    expect(national.addWorkingDays('2026-09-30', 1).date).toBe('2026-10-08');
  });

  it('counts across 中秋 and the make-up Sunday before it', () => {
    // Friday 18 September: Saturday 19 rests, Sunday 20 is a make-up working day.
    expect(national.addWorkingDays('2026-09-18', 1).date).toBe('2026-09-20');
    // Thursday 24 September: 25–27 rest, 28, 29, 30, then 8, 9, 10 (Sat) and 12 October.
    expect(national.addWorkingDays('2026-09-24', 3).date).toBe('2026-09-30');
    expect(national.addWorkingDays('2026-09-24', 7).date).toBe('2026-10-12');
  });

  it('uses the 2025 schedule (国庆节 and 中秋 together, 1–8 October)', () => {
    expect(national.addWorkingDays('2025-09-30', 3).date).toBe('2025-10-11');
    expect(national.addWorkingDays('2025-09-30', 5).date).toBe('2025-10-14');
    expect(national.addWorkingDays('2025-09-26', 1).date).toBe('2025-09-28'); // make-up Sunday
  });

  it('crosses a year boundary: 2025-12-31 + 1 is Sunday 2026-01-04 (元旦 rest 1–3 January)', () => {
    expect(national.addWorkingDays('2025-12-31', 1)).toEqual({
      date: '2026-01-04',
      scheduleComplete: true,
      warnings: [],
    });
  });

  it('returns the start for 0 days, even on a holiday, and refuses negative or fractional days', async () => {
    expect(national.addWorkingDays('2026-10-01', 0).date).toBe('2026-10-01');
    expect((await thrown(() => national.addWorkingDays('2026-10-01', -1))).code).toBe('BAD_USER_INPUT');
    expect((await thrown(() => national.addWorkingDays('2026-10-01', 1.5))).code).toBe('BAD_USER_INPUT');
    expect((await thrown(() => national.addWorkingDays('2026-02-30', 1))).code).toBe('BAD_USER_INPUT');
    expect((await thrown(() => national.addWorkingDays('2026-10-01', 100_000))).code).toBe('LIMIT_EXCEEDED');
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after from up to and including to, across the National Day holiday', () => {
    expect(national.workingDaysBetween('2026-09-30', '2026-10-10')).toEqual({
      days: 3,
      scheduleComplete: true,
      warnings: [],
    });
    expect(national.workingDaysBetween('2026-09-30', '2026-10-07').days).toBe(0);
    expect(national.workingDaysBetween('2026-09-24', '2026-10-12').days).toBe(7);
    expect(national.workingDaysBetween('2026-09-30', '2026-09-30').days).toBe(0);
  });

  it('is negative when to lies before from, and undoes addWorkingDays', () => {
    expect(national.workingDaysBetween('2026-10-12', '2026-09-24').days).toBe(-7);
    for (const n of [0, 1, 3, 5, 7, 20]) {
      const { date } = national.addWorkingDays('2026-09-30', n);
      expect(national.workingDaysBetween('2026-09-30', date).days).toBe(n);
    }
  });
});

describe('jurisdiction overrides', () => {
  it('a county holiday reaches its villages and moves the deadline', () => {
    const village = createWorkingDayCalendar({ chain: chain({ [COUNTY]: [holiday('2026-10-08', '县庆')] }) });
    expect(village.day('2026-10-08')).toMatchObject({ working: false, source: COUNTY, name: '县庆' });
    expect(village.addWorkingDays('2026-09-30', 3).date).toBe('2026-10-12');
    expect(village.workingDaysBetween('2026-09-30', '2026-10-15').days).toBe(6);
  });

  it('the nearest jurisdiction wins: a village works on the county’s holiday', () => {
    const village = createWorkingDayCalendar({
      chain: chain({
        [PROVINCE]: [holiday('2026-10-09', '省里放假')],
        [COUNTY]: [holiday('2026-10-08', '县庆'), holiday('2026-10-09', '县里放假')],
        [VILLAGE]: [working('2026-10-08', '村里照常办公')],
      }),
    });
    expect(village.day('2026-10-08')).toMatchObject({ working: true, source: VILLAGE, name: '村里照常办公' });
    expect(village.day('2026-10-09')).toMatchObject({ working: false, source: COUNTY, name: '县里放假' });
    expect(village.addWorkingDays('2026-09-30', 3).date).toBe('2026-10-12');
  });

  it('an override can also cancel a national rest day', () => {
    const county = createWorkingDayCalendar({ chain: chain({ [COUNTY]: [working('2026-10-07')] }) });
    expect(county.addWorkingDays('2026-09-30', 1).date).toBe('2026-10-07');
  });
});

describe('a year the schedule does not know', () => {
  it('warns and flags instead of counting weekends silently', () => {
    const result = national.addWorkingDays('2027-09-30', 5);
    expect(result.date).toBe('2027-10-07'); // weekends only: Fri 1, Mon 4 … Thu 7
    expect(result.scheduleComplete).toBe(false);
    expect(result.warnings).toEqual(['2027 has no published holiday schedule; counted weekends only']);
    expect(national.workingDaysBetween('2026-12-01', '2028-01-10').warnings).toEqual([
      '2027 has no published holiday schedule; counted weekends only',
      '2028 has no published holiday schedule; counted weekends only',
      '29–31 December 2026 may be changed by the 2027 holiday schedule, which is not known yet; counted without it',
    ]);
    expect(national.day('2027-10-01').scheduleComplete).toBe(false);
  });

  it('warns about 29–31 December of a known year when the next year is unknown', () => {
    expect(national.addWorkingDays('2026-12-24', 2).scheduleComplete).toBe(true); // 25 and 28 December
    const result = national.addWorkingDays('2026-12-28', 1);
    expect(result).toMatchObject({ date: '2026-12-29', scheduleComplete: false });
    expect(needsNationalEntry('2026-12-29')).toBe(true);
    expect(needsNationalEntry('2026-12-28')).toBe(false);
    expect(needsNationalEntry('2027-05-01')).toBe(true);
  });

  it('throws INVALID_STATE when strict, per call or for the whole calendar', async () => {
    expect((await thrown(() => national.addWorkingDays('2027-09-30', 5, { strict: true }))).code).toBe('INVALID_STATE');
    expect((await thrown(() => national.workingDaysBetween('2027-01-04', '2027-01-08', { strict: true }))).code).toBe(
      'INVALID_STATE',
    );
    const strict = createWorkingDayCalendar({ strict: true });
    expect((await thrown(() => strict.isWorkingDay('2027-10-01'))).code).toBe('INVALID_STATE');
    expect(strict.addWorkingDays('2026-09-30', 3).date).toBe('2026-10-10');
    expect(strict.addWorkingDays('2027-09-30', 0).date).toBe('2027-09-30'); // no day was counted
  });

  it('national entries count, but the year stays incomplete until declared', () => {
    const entries = [holiday('2027-10-01', '国庆节'), holiday('2027-10-04', '国庆节'), working('2027-09-26', '补班')];
    const entered = createWorkingDayCalendar({ nationalEntries: entries });
    const result = entered.addWorkingDays('2027-09-30', 1);
    expect(result.date).toBe('2027-10-05');
    expect(result.scheduleComplete).toBe(false);
    expect(result.warnings[0]).toMatch(/2027's holiday schedule has been entered only in part/);
    expect(entered.day('2027-09-26')).toMatchObject({ working: true, source: SOURCE_NATIONAL_ENTERED });

    const declared = createWorkingDayCalendar({ nationalEntries: entries, declaredYears: [2027], strict: true });
    expect(declared.addWorkingDays('2027-09-30', 1)).toEqual({
      date: '2027-10-05',
      scheduleComplete: true,
      warnings: [],
    });
    // Declaring 2027 also settles 29–31 December 2026.
    expect(declared.addWorkingDays('2026-12-28', 3).scheduleComplete).toBe(true);
  });

  it('ignores national entries for days the shipped schedule covers', () => {
    const stale = createWorkingDayCalendar({ nationalEntries: [holiday('2026-10-08'), holiday('2026-12-30')] });
    expect(stale.isWorkingDay('2026-10-08')).toBe(true);
    expect(stale.day('2026-12-30')).toMatchObject({ working: false, source: SOURCE_NATIONAL_ENTERED });
  });
});
