/**
 * npm run bench:reports -- [--households N] [--runs N] [--seed TEXT]
 *
 * The reporting aggregates (issue 13 item 7) on a generated city: every aggregate of REPORTS runs through the gateway
 * as a REPORTING account of the city and, side by side, as the hand-written SQL that computes the same figures
 * directly on the tables; the two must agree on every cell the gateway does not suppress. Prints, per aggregate,
 * the median of --runs timings of each, their ratio, and the SQL statements the subgraphs sent per request.
 *
 * The city lives in a PostgreSQL kept under .data/bench-postgres (or in DATABASE_URL's server), one database per
 * size and seed, so a second run measures without generating again. A benchmark, not a test.
 */
import pg from 'pg';
import { countQueries, shanghaiDate, SUBGRAPHS, type SubgraphName } from '@doudi/shared';
import { createWorkingDayCalendar } from '../subgraphs/organisations/src/calendar/working-days.js';
import { CITY_PRESETS } from './generate/city.js';
import { argument, cityArguments, exitUnless } from './bench-support/options.js';
import { BENCH_CITY as CITY, benchCityCode as cityCode } from './bench-support/database.js';
import { median, printTable } from './bench-support/measure.js';
import { postGraphql, signInAsCityStaff, startCitySystem } from './bench-support/system.js';

const runs = Number(argument('runs', '7'));
const { households, seed, valid: cityValid } = cityArguments(20000);
exitUnless(
  cityValid && Number.isInteger(runs) && runs >= 1,
  'usage: npm run bench:reports -- [--households N ≥ 100] [--runs N ≥ 1] [--seed WORD]',
);
const today = shanghaiDate();
/** The last two years: everything the generator wrote. */
const period = { from: `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`, to: today };

// ── the aggregates and their reference SQL ────────────────────────────────────────────────────────────────

interface Cell {
  keys: (string | null)[];
  value: number | null;
  households?: number | null;
  amount?: string | null;
  median?: number | null;
  persons?: number | null;
  suppressed: boolean;
}
/** A row of the reference SQL: the keys (k0, k1), whether each is a total (g0, g1), then the figures. */
type Row = Record<string, unknown>;

interface Aggregate {
  name: string;
  /** The statistics field, its table and the dimensions. */
  root: string;
  table: string;
  by: string[];
  /** Extra selection of the cells (amount, median). */
  figures?: string[];
  /** The reference: one SQL expression per dimension, the figures, and the rows counted (FROM … WHERE). */
  sql: { keys: string[]; figures: string; from: string };
  /** Extra parameters after the four (`$1`/`$2` the subtree's bounds, `$3`/`$4` the period). */
  parameters?: () => unknown[];
}

/** The reference statement: every cell the gateway returns, subtotals and total included (GROUP BY CUBE). */
function referenceSql({ sql }: Aggregate): string {
  const keys = sql.keys.map((e, i) => `${e} as k${i}, grouping(${e}) as g${i}`).join(', ');
  return `select ${keys}, ${sql.figures} ${sql.from} group by cube (${sql.keys.join(', ')})`;
}

const SUBTREE = (column: string) => `${column} between $1 and $2`;
const CHILD = (column: string) => `rpad(left(${column}, 6), 12, '0')`;
/** Working days after `from` up to and including `to`: weekdays from a Monday, less weekday holidays ($5), plus weekend working days ($6). */
function workingDays(from: string, to: string) {
  const before = (d: string) => `(((${d}) - date '2000-01-03') / 7 * 5 + least(((${d}) - date '2000-01-03') % 7, 5))`;
  const within = (array: string) => `(select count(*) from unnest(${array}) d where d > ${from} and d <= ${to})`;
  return `(${before(`${to} + 1`)} - ${before(`${from} + 1`)} - ${within('$5::date[]')} + ${within('$6::date[]')})`;
}
/** The national calendar of the organisations subgraph (no local overrides in the generated city). */
function specialDays(): unknown[] {
  const calendar = createWorkingDayCalendar();
  const days: { date: string; kind: string; weekend: boolean }[] = [];
  for (let y = Number(period.from.slice(0, 4)); y <= Number(period.to.slice(0, 4)); y++)
    days.push(...calendar.specialDays(y));
  return [
    days.filter((d) => d.kind === 'HOLIDAY' && !d.weekend).map((d) => d.date),
    days.filter((d) => d.kind === 'WORKING_DAY' && d.weekend).map((d) => d.date),
  ];
}
const TIMELINESS = (day: string) =>
  `case when r.due_date is null then 'NO_DUE_DATE' when ${day} <= r.due_date then 'ON_TIME' else 'LATE' end`;
const COUNT = (household: string) => `count(*) as value, count(distinct ${household}) as households`;
const CASES = (where: string) => `from cases.hardship_case c where ${SUBTREE('c.jurisdiction_code')} and ${where}`;
const REFERRALS = (day: string) =>
  `from cases.referral r join cases.hardship_case c on c.id = r.case_id
   where ${SUBTREE('c.jurisdiction_code')} and ${day} between $3 and $4`;

/** Adding an aggregate is one entry: what to ask the gateway, and the SQL that computes the same cells. */
export const REPORTS: Aggregate[] = [
  {
    name: 'cases opened by channel',
    root: 'caseStatistics',
    table: 'opened',
    by: ['CHANNEL'],
    sql: { keys: ['c.channel'], figures: COUNT('c.household_id'), from: CASES('c.received_on between $3 and $4') },
  },
  {
    name: 'cases opened by county × month',
    root: 'caseStatistics',
    table: 'opened',
    by: ['JURISDICTION', 'MONTH'],
    sql: {
      keys: [CHILD('c.jurisdiction_code'), `to_char(c.received_on, 'YYYY-MM')`],
      figures: COUNT('c.household_id'),
      from: CASES('c.received_on between $3 and $4'),
    },
  },
  {
    name: 'cases open at period end by stage',
    root: 'caseStatistics',
    table: 'openAtPeriodEnd',
    by: ['STAGE'],
    sql: {
      keys: ['c.stage'],
      figures: COUNT('c.household_id'),
      from: CASES('c.received_on <= $4 and (c.closed_on is null or c.closed_on > $4) and $3::date is not null'),
    },
  },
  {
    name: 'cases closed by channel × green channel',
    root: 'caseStatistics',
    table: 'closed',
    by: ['CHANNEL', 'GREEN_CHANNEL'],
    sql: {
      keys: ['c.channel', 'c.green_channel::text'],
      figures: COUNT('c.household_id'),
      from: CASES('c.closed_on between $3 and $4'),
    },
  },
  {
    name: 'referrals sent by organisation kind',
    root: 'referralStatistics',
    table: 'sent',
    by: ['ORGANISATION_KIND'],
    sql: { keys: ['r.to_organisation_kind'], figures: COUNT('c.household_id'), from: REFERRALS('r.sent_on') },
  },
  {
    name: 'referrals answered by receiver × timeliness',
    root: 'referralStatistics',
    table: 'answered',
    by: ['RECEIVING_ORGANISATION', 'TIMELINESS'],
    figures: ['median'],
    sql: {
      keys: ['r.to_organisation_id::text', TIMELINESS('r.answered_on')],
      figures: `${COUNT('c.household_id')},
        percentile_cont(0.5) within group (order by ${workingDays('r.sent_on', 'r.answered_on')}) as median`,
      from: REFERRALS('r.answered_on'),
    },
    parameters: specialDays,
  },
  {
    name: 'referrals declined by reason',
    root: 'referralStatistics',
    table: 'declined',
    by: ['DECLINE_REASON'],
    figures: ['median'],
    sql: {
      keys: ['r.decline_reason'],
      figures: `${COUNT('c.household_id')},
        percentile_cont(0.5) within group (order by ${workingDays('r.sent_on', 'r.declined_on')}) as median`,
      from: REFERRALS('r.declined_on'),
    },
    parameters: specialDays,
  },
  {
    name: 'benefits granted by programme kind × month',
    root: 'benefitStatistics',
    table: 'granted',
    by: ['PROGRAMME_KIND', 'MONTH'],
    figures: ['amount'],
    sql: {
      keys: ['p.kind', `to_char(b.granted_on, 'YYYY-MM')`],
      figures: `${COUNT('b.household_id')}, sum(b.amount_fen) as amount_fen`,
      from: `from programmes.benefit b join programmes.programme p on p.id = b.programme_id
        where ${SUBTREE('b.jurisdiction_code')} and b.granted_on between $3 and $4
          and b.status in ('APPROVED', 'IN_NOTICE', 'ACTIVE', 'ENDED')`,
    },
  },
  {
    name: 'benefits filed (备案) by staff relation',
    root: 'benefitStatistics',
    table: 'filings',
    by: ['STAFF_RELATION'],
    sql: {
      keys: ['b.staff_relation'],
      figures: COUNT('b.household_id'),
      from: `from programmes.benefit b
        where ${SUBTREE('b.jurisdiction_code')} and b.granted_on between $3 and $4 and b.staff_relation <> 'NONE'`,
    },
  },
  {
    name: 'households by monitoring status × relocated',
    root: 'householdStatistics',
    table: 'households',
    by: ['MONITORING_STATUS', 'RELOCATED'],
    figures: ['persons'],
    sql: {
      keys: [
        'h.poverty_monitoring_status',
        '(h.residence_jurisdiction_code is not null and h.residence_jurisdiction_code <> h.jurisdiction_code)::text',
      ],
      figures: 'count(*) as value, count(*) as households, coalesce(sum(m.members), 0) as persons',
      from: `from households.household h
        left join (select household_id, count(*) as members from households.person group by 1) m on m.household_id = h.id
        where ${SUBTREE('h.jurisdiction_code')} and $3::date is not null
          and h.created_at <= ($4::date + 1)::timestamp at time zone 'Asia/Shanghai'`,
    },
  },
];

// ── the system ───────────────────────────────────────────────────────────────────────────────────────────

// The subgraphs keep answering while a missing city is generated in its own process.
const system = await startCitySystem({
  households,
  seed,
  generating: `Generating ${households.toLocaleString('en')} households of ${CITY_PRESETS[CITY].name} (once; kept for later runs)…`,
});
try {
  const { subgraphs, gateway, databaseUrl } = system;
  // A REPORTING account of the city's civil-affairs bureau, as a dashboard would sign in.
  const { accessToken: token } = await signInAsCityStaff(system, {
    username: `bench.reports.${seed}`.toLowerCase(),
    displayName: '基准测试看板',
    roles: ['REPORTING'],
  });
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();

  const { rows: sizes } = await admin.query(
    `select (select count(*) from households.household where jurisdiction_code between $1 and $2) as households,
       (select count(*) from households.person p join households.household h on h.id = p.household_id
         where h.jurisdiction_code between $1 and $2) as persons,
       (select count(*) from cases.hardship_case where jurisdiction_code between $1 and $2) as cases,
       (select count(*) from cases.referral r join cases.hardship_case c on c.id = r.case_id
         where c.jurisdiction_code between $1 and $2) as referrals,
       (select count(*) from programmes.benefit where jurisdiction_code between $1 and $2) as benefits`,
    [cityCode, CITY.padEnd(12, '9')],
  );
  console.log(
    `\n${CITY_PRESETS[CITY].name}: ${Object.entries(sizes[0])
      .map(([k, v]) => `${Number(v).toLocaleString('en')} ${k}`)
      .join(', ')}; period ${period.from} – ${period.to}; median of ${runs} runs each\n`,
  );

  const counters = Object.fromEntries(SUBGRAPHS.map((n) => [n, countQueries(subgraphs[n].orm)])) as Record<
    SubgraphName,
    ReturnType<typeof countQueries>
  >;
  const results: string[][] = [];
  let disagreements = 0;
  for (const aggregate of REPORTS) {
    const figures = ['keys', 'value', 'households', 'suppressed', ...(aggregate.figures ?? [])].join(' ');
    const document = `query($code: ID!, $period: ReportPeriodInput!) { ${aggregate.root}(jurisdictionCode: $code, period: $period) {
      ${aggregate.table}(by: [${aggregate.by.join(', ')}]) { cells { ${figures} } } } }`;
    const ask = () => postGraphql<Record<string, any>>(gateway.url, document, { code: cityCode, period }, token);
    const parameters = [cityCode, CITY.padEnd(12, '9'), period.from, period.to, ...(aggregate.parameters?.() ?? [])];
    const reference = () => admin.query(referenceSql(aggregate), parameters);

    await ask();
    await reference();
    const gatewayMs: number[] = [];
    const sqlMs: number[] = [];
    const statements: number[] = [];
    let answer: Awaited<ReturnType<typeof ask>> | undefined;
    let rows: Row[] = [];
    for (let i = 0; i < runs; i++) {
      for (const counter of Object.values(counters)) counter.reset();
      let started = performance.now();
      answer = await ask();
      gatewayMs.push(performance.now() - started);
      statements.push(Object.values(counters).reduce((sum, c) => sum + c.count, 0));
      started = performance.now();
      rows = (await reference()).rows;
      sqlMs.push(performance.now() - started);
    }
    if (answer?.errors) throw new Error(`${aggregate.name}: ${JSON.stringify(answer.errors)}`);
    const cells = answer!.data![aggregate.root][aggregate.table].cells as Cell[];
    const problems = compare(aggregate, cells, rows);
    disagreements += problems.length;
    for (const problem of problems.slice(0, 5)) console.error(`  ${aggregate.name}: ${problem}`);
    const g = median(gatewayMs);
    const s = median(sqlMs);
    results.push([
      aggregate.name,
      g.toFixed(1),
      s.toFixed(1),
      `${(g / s).toFixed(2)}×`,
      Math.min(...statements) === Math.max(...statements)
        ? String(statements[0])
        : `${Math.min(...statements)}–${Math.max(...statements)}`,
      problems.length ? `${problems.length} differ` : `${cells.length} cells agree`,
    ]);
  }
  printTable(['aggregate', 'gateway ms', 'SQL ms', 'ratio', 'statements', 'check'], results, { lastColumnLeft: true });
  await admin.end();
  if (disagreements) process.exitCode = 1;
} finally {
  await system.stop();
}

/** Every cell the gateway did not suppress, totals included, against the reference row with the same keys. */
function compare(aggregate: Aggregate, cells: Cell[], rows: Row[]): string[] {
  const problems: string[] = [];
  const key = (keys: unknown[]) => keys.map((k) => (k === null || k === undefined ? '∑' : String(k))).join('|');
  // A total of the reference is marked by grouping(); a NULL key of a real cell is NONE, as the gateway says.
  const reference = new Map(
    rows.map((row) => [key(aggregate.by.map((_, i) => (row[`g${i}`] === 1 ? null : (row[`k${i}`] ?? 'NONE')))), row]),
  );
  for (const cell of cells) {
    const row = reference.get(key(cell.keys));
    reference.delete(key(cell.keys));
    if (cell.suppressed) continue;
    if (!row) {
      problems.push(`${key(cell.keys)}: gateway ${cell.value}, SQL has no such cell`);
      continue;
    }
    const expected: Record<string, unknown> = { value: Number(row.value), households: Number(row.households) };
    if (row.amount_fen !== undefined) expected.amount = (Number(row.amount_fen) / 100).toFixed(2);
    if (row.persons !== undefined) expected.persons = Number(row.persons);
    if (row.median !== undefined) expected.median = row.median === null ? null : Number(row.median);
    for (const [figure, value] of Object.entries(expected)) {
      const actual = (cell as unknown as Record<string, unknown>)[figure];
      if (actual !== value)
        problems.push(`${key(cell.keys)} ${figure}: gateway ${String(actual)}, SQL ${String(value)}`);
    }
  }
  for (const [k, row] of reference) problems.push(`${k}: SQL ${String(row.value)}, no gateway cell`);
  return problems;
}
