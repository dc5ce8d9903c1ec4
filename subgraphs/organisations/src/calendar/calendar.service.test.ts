import { UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  countQueries,
  levelOfCode,
  newId,
  openOrm,
  provisionSubgraph,
  type MikroORM,
  type Principal,
} from '@doudi/shared';
import { createTestDatabase, type TestDatabase, thrown } from '@doudi/shared/testing';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { migrations } from '../migrations/index.js';
import { CalendarDayKind, CalendarOverride, CalendarYear } from './calendar-override.entity.js';
import {
  addCalendarOverride,
  declareCalendarYear,
  jurisdictionChain,
  loadCalendar,
  removeCalendarOverride,
} from './calendar.service.js';
import { seedCalendarDemo } from './calendar.demo.js';

const PROVINCE = '140000000000'; // 山西省
const CITY = '141000000000'; // 临汾市
const COUNTY = '141023000000'; // 襄汾县
const TOWNSHIP = '141023100000'; // a test township under 襄汾县
const VILLAGE = '141023100001'; // a test village in it
const OTHER_COUNTY = '500229000000'; // 城口县, 重庆市 (no city level)
const OTHER_VILLAGE = '500229218001'; // 河鱼村

const staff = (roles: Principal['roles'], jurisdictionCode: string | null): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles,
  scopes: [],
});
const countyAdmin = staff(['JURISDICTION_ADMIN'], COUNTY);
const otherCountyAdmin = staff(['JURISDICTION_ADMIN'], OTHER_COUNTY);
const villageCaseworker = staff(['CASEWORKER'], VILLAGE);
const systemAdmin = staff(['SYSTEM_ADMIN'], null);

let db: TestDatabase;
let orm: MikroORM;
const em = () => orm.em.fork();

const deadline = async (code: string, from: string, n: number) =>
  (await loadCalendar(em(), code)).addWorkingDays(from, n).date;

beforeAll(async () => {
  db = await createTestDatabase();
  const url = await provisionSubgraph(db.url, 'organisations');
  orm = await openOrm({
    subgraph: 'organisations',
    clientUrl: url,
    entities: [Jurisdiction, Organisation, CalendarOverride, CalendarYear],
    migrations,
  });
  // Until the calendar tables have their migration.
  const fork = em();
  for (const [code, name, parentCode] of [
    [PROVINCE, '山西省', null],
    [CITY, '临汾市', PROVINCE],
    [COUNTY, '襄汾县', CITY],
    [TOWNSHIP, '测试镇', COUNTY],
    [VILLAGE, '测试村', TOWNSHIP],
    ['500000000000', '重庆市', null],
    [OTHER_COUNTY, '城口县', '500000000000'],
    ['500229218000', '河鱼乡', OTHER_COUNTY],
    [OTHER_VILLAGE, '河鱼村', '500229218000'],
  ] as const) {
    fork.persist(Object.assign(new Jurisdiction(), { code, name, parentCode, level: levelOfCode(code) }));
  }
  await fork.flush();
});

afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('calendar tables', () => {
  it('refuse a second national entry for the same date (NULLS NOT DISTINCT)', async () => {
    const insert = () => {
      const fork = em();
      fork.persist(
        Object.assign(new CalendarOverride(), { date: '2031-01-01', kind: CalendarDayKind.HOLIDAY, reason: 't' }),
      );
      return fork.flush();
    };
    await insert();
    await expect(insert()).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    await em().nativeDelete(CalendarOverride, { date: '2031-01-01' });
  });

  it('the demo seed invents nothing', async () => {
    await seedCalendarDemo(em());
    expect(await em().count(CalendarOverride, {})).toBe(0);
  });
});

describe('loadCalendar', () => {
  it('follows the parent links from the top of the tree, in three queries', async () => {
    expect((await jurisdictionChain(em(), VILLAGE)).map((j) => j.code)).toEqual([
      PROVINCE,
      CITY,
      COUNTY,
      TOWNSHIP,
      VILLAGE,
    ]);
    expect((await jurisdictionChain(em(), OTHER_VILLAGE)).map((j) => j.code)).toEqual([
      '500000000000',
      OTHER_COUNTY,
      '500229218000',
      OTHER_VILLAGE,
    ]);
    const queries = countQueries(orm);
    try {
      await loadCalendar(em(), VILLAGE);
      expect(queries.count).toBe(3);
    } finally {
      queries.stop();
    }
  });

  it('answers NOT_FOUND for an unknown division and BAD_USER_INPUT for a malformed code', async () => {
    expect((await thrown(loadCalendar(em(), '141023999000'))).code).toBe('NOT_FOUND');
    expect((await thrown(loadCalendar(em(), '1410'))).code).toBe('BAD_USER_INPUT');
  });
});

describe('local overrides', () => {
  it('a county admin adds a local holiday and the deadline moves, in the county and its village', async () => {
    // A letter arriving Wednesday 2026-09-30: rest 1–7 October, then 8, 9 and Saturday 10 (make-up day).
    expect(await deadline(COUNTY, '2026-09-30', 3)).toBe('2026-10-10');
    expect(await deadline(VILLAGE, '2026-09-30', 3)).toBe('2026-10-10');

    const override = await addCalendarOverride(em(), countyAdmin, {
      jurisdictionCode: COUNTY,
      date: '2026-10-08',
      kind: CalendarDayKind.HOLIDAY,
      reason: '  县里放假（测试）  ',
    });
    expect(override).toMatchObject({ jurisdictionCode: COUNTY, date: '2026-10-08', reason: '县里放假（测试）' });
    expect(override.createdById).toBe(countyAdmin.id);

    expect(await deadline(COUNTY, '2026-09-30', 3)).toBe('2026-10-12');
    const village = await loadCalendar(em(), VILLAGE);
    expect(village.addWorkingDays('2026-09-30', 3).date).toBe('2026-10-12');
    expect(village.day('2026-10-08')).toMatchObject({ working: false, source: COUNTY, name: '县里放假（测试）' });
    expect(village.specialDays(2026).find((d) => d.date === '2026-10-08')?.source).toBe(COUNTY);
    // The province above and the other county are untouched.
    expect(await deadline(CITY, '2026-09-30', 3)).toBe('2026-10-10');
    expect(await deadline(OTHER_VILLAGE, '2026-09-30', 3)).toBe('2026-10-10');
  });

  it('a village override beats the county’s', async () => {
    await addCalendarOverride(em(), countyAdmin, {
      jurisdictionCode: VILLAGE,
      date: '2026-10-08',
      kind: CalendarDayKind.WORKING_DAY,
      reason: '村委会照常办公（测试）',
    });
    expect(await deadline(VILLAGE, '2026-09-30', 3)).toBe('2026-10-10');
    expect(await deadline(TOWNSHIP, '2026-09-30', 3)).toBe('2026-10-12');
    await removeCalendarOverride(em(), countyAdmin, { jurisdictionCode: VILLAGE, date: '2026-10-08' });
    expect(await deadline(VILLAGE, '2026-09-30', 3)).toBe('2026-10-12');
  });

  it('refuses another county’s admin, a caseworker and an anonymous caller', async () => {
    const input = { jurisdictionCode: COUNTY, date: '2026-11-02', kind: CalendarDayKind.HOLIDAY, reason: 'x' };
    expect((await thrown(addCalendarOverride(em(), otherCountyAdmin, input))).code).toBe('FORBIDDEN');
    expect(
      (await thrown(addCalendarOverride(em(), villageCaseworker, { ...input, jurisdictionCode: VILLAGE }))).code,
    ).toBe('FORBIDDEN');
    expect((await thrown(addCalendarOverride(em(), ANONYMOUS, input))).code).toBe('UNAUTHENTICATED');
    expect(
      (await thrown(removeCalendarOverride(em(), otherCountyAdmin, { jurisdictionCode: COUNTY, date: '2026-10-08' })))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      (await thrown(removeCalendarOverride(em(), ANONYMOUS, { jurisdictionCode: COUNTY, date: '2026-10-08' }))).code,
    ).toBe('UNAUTHENTICATED');
    expect(await em().count(CalendarOverride, { date: '2026-11-02' })).toBe(0);
  });

  it('answers CONFLICT for a second entry on the same day', async () => {
    const error = await addCalendarOverride(em(), countyAdmin, {
      jurisdictionCode: COUNTY,
      date: '2026-10-08',
      kind: CalendarDayKind.WORKING_DAY,
      reason: '重复',
    }).catch((e) => e);
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.date' });
  });

  it('validates the input', async () => {
    const input = { jurisdictionCode: COUNTY, date: '2026-11-02', kind: CalendarDayKind.HOLIDAY, reason: '测试' };
    const fieldOf = async (promise: Promise<unknown>) =>
      ((await promise.catch((e) => e)) as { extensions: Record<string, unknown> }).extensions;
    expect(await fieldOf(addCalendarOverride(em(), countyAdmin, { ...input, date: '2026-02-30' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.date',
    });
    expect(await fieldOf(addCalendarOverride(em(), countyAdmin, { ...input, reason: '   ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
    expect(
      await fieldOf(addCalendarOverride(em(), countyAdmin, { ...input, kind: 'SOMETIMES' as CalendarDayKind })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.kind' });
    expect(
      await fieldOf(addCalendarOverride(em(), countyAdmin, { ...input, jurisdictionCode: '141023' })),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.jurisdictionCode' });
    // Inside the admin's county, but no such division.
    expect(
      (await thrown(addCalendarOverride(em(), countyAdmin, { ...input, jurisdictionCode: '141023999000' }))).code,
    ).toBe('NOT_FOUND');
  });

  it('removal restores the count; removing again is NOT_FOUND', async () => {
    const removed = await removeCalendarOverride(em(), countyAdmin, { jurisdictionCode: COUNTY, date: '2026-10-08' });
    expect(removed).toMatchObject({ jurisdictionCode: COUNTY, date: '2026-10-08', kind: 'HOLIDAY' });
    expect(await deadline(COUNTY, '2026-09-30', 3)).toBe('2026-10-10');
    expect(await deadline(VILLAGE, '2026-09-30', 3)).toBe('2026-10-10');
    expect((await loadCalendar(em(), VILLAGE)).workingDaysBetween('2026-09-30', '2026-10-15').days).toBe(7);
    expect(
      (await thrown(removeCalendarOverride(em(), countyAdmin, { jurisdictionCode: COUNTY, date: '2026-10-08' }))).code,
    ).toBe('NOT_FOUND');
  });
});

describe('national entries for a year the shipped schedule lacks', () => {
  const national = (date: string, kind = CalendarDayKind.HOLIDAY, reason = '国庆节（测试录入）') => ({
    date,
    kind,
    reason,
  });

  it('are for SYSTEM_ADMINs only, and only where the shipped schedule has nothing', async () => {
    expect((await thrown(addCalendarOverride(em(), countyAdmin, national('2027-10-01')))).code).toBe('FORBIDDEN');
    expect((await thrown(addCalendarOverride(em(), ANONYMOUS, national('2027-10-01')))).code).toBe('UNAUTHENTICATED');
    expect((await thrown(addCalendarOverride(em(), systemAdmin, national('2026-10-08')))).code).toBe('BAD_USER_INPUT');
    expect((await thrown(declareCalendarYear(em(), countyAdmin, { year: 2027 }))).code).toBe('FORBIDDEN');
  });

  it('count, warn until the year is declared complete, then stop warning', async () => {
    // Without entries 2027 is counted weekends only, with a warning.
    const before = (await loadCalendar(em(), VILLAGE)).addWorkingDays('2027-09-30', 1);
    expect(before).toEqual({
      date: '2027-10-01',
      scheduleComplete: false,
      warnings: ['2027 has no published holiday schedule; counted weekends only'],
    });
    expect((await thrown(declareCalendarYear(em(), systemAdmin, { year: 2027 }))).code).toBe('INVALID_STATE');

    const entry = await addCalendarOverride(em(), systemAdmin, national('2027-10-01'));
    expect(entry.jurisdictionCode).toBeNull();
    expect((await thrown(addCalendarOverride(em(), systemAdmin, national('2027-10-01')))).code).toBe('CONFLICT');

    const entered = (await loadCalendar(em(), VILLAGE)).addWorkingDays('2027-09-30', 1);
    expect(entered.date).toBe('2027-10-04');
    expect(entered.scheduleComplete).toBe(false);
    expect((await loadCalendar(em(), VILLAGE)).day('2027-10-01').source).toBe('NATIONAL_ENTERED');
    expect(
      (await thrown(loadCalendar(em(), VILLAGE, { strict: true }).then((c) => c.addWorkingDays('2027-09-30', 1)))).code,
    ).toBe('INVALID_STATE');

    const declared = await declareCalendarYear(em(), systemAdmin, { year: 2027 });
    expect(declared).toMatchObject({ year: 2027, declaredById: systemAdmin.id });
    expect((await loadCalendar(em(), VILLAGE)).addWorkingDays('2027-09-30', 1)).toEqual({
      date: '2027-10-04',
      scheduleComplete: true,
      warnings: [],
    });
    expect((await thrown(declareCalendarYear(em(), systemAdmin, { year: 2027 }))).code).toBe('CONFLICT');
    expect((await thrown(declareCalendarYear(em(), systemAdmin, { year: 2026 }))).code).toBe('BAD_USER_INPUT');

    await removeCalendarOverride(em(), systemAdmin, { date: '2027-10-01' });
    expect(await deadline(VILLAGE, '2027-09-30', 1)).toBe('2027-10-01');
  });
});
