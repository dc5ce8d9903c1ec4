import { graphql, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ANONYMOUS,
  buildFederatedSchema,
  levelOfCode,
  newId,
  openOrm,
  provisionSubgraph,
  type MikroORM,
  type Principal,
} from '@doudi/shared';
import { createTestDatabase, type TestDatabase } from '@doudi/shared/testing';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { JurisdictionResolver } from '../jurisdiction/jurisdiction.resolver.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { migrations } from '../migrations/index.js';
import { organisations } from '../index.js';
import { CalendarOverride, CalendarYear } from './calendar-override.entity.js';
import { CalendarResolver, JurisdictionCalendarResolver } from './calendar.resolver.js';

const COUNTY = '141023000000'; // 襄汾县
const reporting: Principal = {
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode: '350582000000', // 晋江市: any jurisdiction may read another's calendar
  roles: ['REPORTING'],
  scopes: [],
};
const countyAdmin: Principal = {
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode: COUNTY,
  roles: ['JURISDICTION_ADMIN'],
  scopes: [],
};

const systemAdmin: Principal = { ...countyAdmin, id: newId(), jurisdictionCode: null, roles: ['SYSTEM_ADMIN'] };
const cityAdmin: Principal = { ...countyAdmin, id: newId(), jurisdictionCode: '141000000000' };

let db: TestDatabase;
let orm: MikroORM;
let schema: GraphQLSchema;
let sdl: string;

async function run(source: string, variables: Record<string, unknown> = {}, principal: Principal = reporting) {
  const em = orm.em.fork();
  const contextValue = {
    em,
    principal,
    loaders: organisations.createLoaders(em, { services: undefined, assertion: '' }),
  };
  return graphql({ schema, source, variableValues: variables, contextValue });
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({
    subgraph: 'organisations',
    clientUrl: await provisionSubgraph(db.url, 'organisations'),
    entities: [Jurisdiction, Organisation, CalendarOverride, CalendarYear],
    migrations,
  });
  // Until the calendar tables have their migration.
  const em = orm.em.fork();
  for (const [code, name, parentCode] of [
    ['140000000000', '山西省', null],
    ['141000000000', '临汾市', '140000000000'],
    [COUNTY, '襄汾县', '141000000000'],
  ] as const) {
    em.persist(Object.assign(new Jurisdiction(), { code, name, parentCode, level: levelOfCode(code) }));
  }
  await em.flush();
  ({ schema, sdl } = await buildFederatedSchema({
    resolvers: [JurisdictionResolver, CalendarResolver, JurisdictionCalendarResolver],
  }));
});

afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

describe('calendar GraphQL API', () => {
  it('declares its fields with the Date scalar and the CalendarDayKind enum', () => {
    expect(sdl).toContain('enum CalendarDayKind');
    const args = (type: string, field: string) => {
      const fields = (schema.getType(type) as GraphQLObjectType).getFields();
      return fields[field].args.map((a) => `${a.name}: ${a.type}`).sort();
    };
    // Arguments are named, and the printed schema lists them alphabetically.
    expect(args('Query', 'addWorkingDays')).toEqual([
      'days: Int!',
      'from: Date!',
      'jurisdictionCode: ID!',
      'strict: Boolean',
    ]);
    expect(args('Query', 'workingDaysBetween')).toEqual([
      'from: Date!',
      'jurisdictionCode: ID!',
      'strict: Boolean',
      'to: Date!',
    ]);
    expect(args('Query', 'calendarDays')).toEqual(['jurisdictionCode: ID!', 'year: Int!']);
    expect(args('Jurisdiction', 'addWorkingDays')).toEqual(['days: Int!', 'from: Date!', 'strict: Boolean']);
    expect(args('Jurisdiction', 'workingDaysBetween')).toEqual(['from: Date!', 'strict: Boolean', 'to: Date!']);
  });

  it('counts deadlines, lists the special days and takes overrides', async () => {
    const query = `query ($code: ID!) {
      addWorkingDays(jurisdictionCode: $code, from: "2026-09-30", days: 3) { date scheduleComplete warnings }
      workingDaysBetween(jurisdictionCode: $code, from: "2026-09-30", to: "2026-10-15") { days }
      jurisdiction(code: $code) {
        addWorkingDays(from: "2026-09-30", days: 7) { date }
        workingDaysBetween(from: "2026-10-15", to: "2026-09-30") { days }
      }
      calendarDays(jurisdictionCode: $code, year: 2026) { date kind weekend source name scheduleComplete }
    }`;
    const before = await run(query, { code: COUNTY });
    expect(before.errors).toBeUndefined();
    expect(before.data).toMatchObject({
      addWorkingDays: { date: '2026-10-10', scheduleComplete: true, warnings: [] },
      workingDaysBetween: { days: 7 },
      jurisdiction: { addWorkingDays: { date: '2026-10-15' }, workingDaysBetween: { days: -7 } },
    });
    const days = before.data!.calendarDays as { date: string; source: string }[];
    expect(days.find((d) => d.date === '2026-10-10')).toEqual({
      date: '2026-10-10',
      kind: 'WORKING_DAY',
      weekend: true,
      source: 'NATIONAL',
      name: '国庆节',
      scheduleComplete: true,
    });

    const add = `mutation ($input: AddCalendarOverrideInput!) {
      addCalendarOverride(input: $input) { calendarOverride { id jurisdictionCode date kind reason } }
    }`;
    const input = { jurisdictionCode: COUNTY, date: '2026-10-08', kind: 'HOLIDAY', reason: '县里放假（测试）' };
    const anonymous = await run(add, { input }, ANONYMOUS);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await run(add, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const added = await run(add, { input }, countyAdmin);
    expect(added.errors).toBeUndefined();
    expect(added.data?.addCalendarOverride).toMatchObject({
      calendarOverride: { jurisdictionCode: COUNTY, date: '2026-10-08', kind: 'HOLIDAY' },
    });

    const after = await run(query, { code: COUNTY });
    expect(after.data).toMatchObject({ addWorkingDays: { date: '2026-10-12' }, workingDaysBetween: { days: 6 } });
    expect((after.data!.calendarDays as { date: string }[]).find((d) => d.date === '2026-10-08')).toMatchObject({
      source: COUNTY,
      name: '县里放假（测试）',
    });

    const removed = await run(
      `mutation { removeCalendarOverride(input: { jurisdictionCode: "${COUNTY}", date: "2026-10-08" }) {
        calendarOverride { date } } }`,
      {},
      countyAdmin,
    );
    expect(removed.data?.removeCalendarOverride).toEqual({ calendarOverride: { date: '2026-10-08' } });
  });

  it('warns about an unknown year, and fails when strict', async () => {
    const result = await run(`{
      addWorkingDays(jurisdictionCode: "${COUNTY}", from: "2027-09-30", days: 1) { date scheduleComplete warnings }
    }`);
    expect(result.data?.addWorkingDays).toEqual({
      date: '2027-10-01',
      scheduleComplete: false,
      warnings: ['2027 has no published holiday schedule; counted weekends only'],
    });
    const strict = await run(`{
      addWorkingDays(jurisdictionCode: "${COUNTY}", from: "2027-09-30", days: 1, strict: true) { date }
    }`);
    expect(strict.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    const anonymous = await run(
      `{ addWorkingDays(jurisdictionCode: "${COUNTY}", from: "2026-09-30", days: 1) { date } }`,
      {},
      ANONYMOUS,
    );
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const badDate = await run(
      `{ addWorkingDays(jurisdictionCode: "${COUNTY}", from: "2026-02-30", days: 1) { date } }`,
    );
    expect(badDate.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('declareCalendarYear is for SYSTEM_ADMINs', async () => {
    const result = await run(
      `mutation { declareCalendarYear(input: { year: 2027 }) { calendarYear { year declaredAt } } }`,
      {},
      countyAdmin,
    );
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists the entries of a year to edit them, those that agree with the weekday rule too, with the ones above', async () => {
    const list = `query ($code: ID, $year: Int!) {
      calendarOverrides(jurisdictionCode: $code, year: $year) { jurisdictionCode date kind reason }
    }`;
    const add = `mutation ($input: AddCalendarOverrideInput!) { addCalendarOverride(input: $input) { calendarOverride { id } } }`;
    const remove = `mutation ($input: RemoveCalendarOverrideInput!) {
      removeCalendarOverride(input: $input) { calendarOverride { id } } }`;
    // 2025-10-11 is a make-up working Saturday: resting on it agrees with the weekday rule, so calendarDays omits it.
    const county = { jurisdictionCode: COUNTY, date: '2025-10-11', kind: 'HOLIDAY', reason: '县里调整（测试）' };
    const city = { jurisdictionCode: '141000000000', date: '2025-05-20', kind: 'HOLIDAY', reason: '市里放假（测试）' };
    expect((await run(add, { input: county }, countyAdmin)).errors).toBeUndefined();
    expect((await run(add, { input: city }, cityAdmin)).errors).toBeUndefined();
    try {
      const days = await run(`{ calendarDays(jurisdictionCode: "${COUNTY}", year: 2025) { date } }`);
      expect((days.data!.calendarDays as { date: string }[]).map((d) => d.date)).not.toContain('2025-10-11');
      expect((await run(list, { code: COUNTY, year: 2025 })).data?.calendarOverrides).toEqual([city, county]);
      // The city sees its own entry, not its county's.
      expect((await run(list, { code: '141000000000', year: 2025 })).data?.calendarOverrides).toEqual([city]);
      expect((await run(list, { code: COUNTY, year: 2024 })).data?.calendarOverrides).toEqual([]);
      expect((await run(list, { code: COUNTY, year: 2025 }, ANONYMOUS)).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    } finally {
      await run(remove, { input: { jurisdictionCode: COUNTY, date: county.date } }, countyAdmin);
      await run(remove, { input: { jurisdictionCode: city.jurisdictionCode, date: city.date } }, cityAdmin);
    }
  });

  it('says whether a year’s national schedule is shipped, or entered and declared complete', async () => {
    const schedule = `query ($year: Int!) { nationalSchedule(year: $year) { year shipped complete declaredAt } }`;
    expect((await run(schedule, { year: 2026 })).data?.nationalSchedule).toEqual({
      year: 2026,
      shipped: true,
      complete: true,
      declaredAt: null,
    });
    expect((await run(schedule, { year: 2031 })).data?.nationalSchedule).toMatchObject({
      shipped: false,
      complete: false,
      declaredAt: null,
    });
    const entry = { date: '2031-10-01', kind: 'HOLIDAY', reason: '国庆节（测试录入）' };
    const added = await run(
      `mutation ($input: AddCalendarOverrideInput!) { addCalendarOverride(input: $input) { calendarOverride { id } } }`,
      { input: entry },
      systemAdmin,
    );
    expect(added.errors).toBeUndefined();
    const national = `{ calendarOverrides(year: 2031) { jurisdictionCode date kind reason } }`;
    expect((await run(national)).data?.calendarOverrides).toEqual([{ jurisdictionCode: null, ...entry }]);
    const declared = await run(
      `mutation { declareCalendarYear(input: { year: 2031 }) { calendarYear { year } } }`,
      {},
      systemAdmin,
    );
    expect(declared.errors).toBeUndefined();
    const after = (await run(schedule, { year: 2031 })).data?.nationalSchedule as Record<string, unknown>;
    expect(after).toMatchObject({ shipped: false, complete: true });
    expect(after.declaredAt).toMatch(/^2\d{3}-\d{2}-\d{2}T/);
    expect((await run(schedule, { year: 1800 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
