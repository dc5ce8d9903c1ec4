/**
 * npm run bench:api -- [--households N] [--seed WORD] [--seconds S] [--connections C] [--only a,b] [--profile]
 *                      [--source | --compiled] [--folder NAME] [--settle S] [--overload [--overload-item NAME]]
 *
 * The API benchmark (issue 16 item 1): a generated city (.data/bench-postgres, one database per size and seed, as
 * bench:reports keeps it; generated once when missing), the four subgraphs and the gateway each in its own process
 * as `npm start` runs them (their compiled JavaScript when `npm run build` output exists and is newer than the
 * sources, else the TypeScript sources through tsx; the banner says which), one signed-in JURISDICTION_ADMIN of the
 * city, and a fixed workload driven by autocannon for --seconds with --connections each. For every item it prints
 * requests per second, p50/p99 latency and the CPU milliseconds per request of each process — the gateway, each
 * subgraph and PostgreSQL (the postmaster, its live backends and the backends it reaped, from /proc/<pid>/stat) —
 * and then the floor: one hand-written SQL statement per item returning the same rows, run for as long with as
 * many connections, its PostgreSQL CPU measured the same way.
 *
 * --profile runs the subgraphs under `node --cpu-prof` (profiles in .data/bench-api-profiles/) and summarises
 * self and inclusive time per package when they stop. A benchmark, not a test: figures vary with the machine.
 *
 * --overload runs scripts/bench-api/overload.ts instead of the workload: the saturating load, then half and twice
 * it, with the accepted requests' p50/p99, the refusals and the errors (issue 16 item 3).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { freePort, loadPrivateKey, SUBGRAPHS } from '@doudi/shared';
import { waitReady } from './processes.js';
import { summariseProfiles } from './bench-api/profile.js';
import { runOverload } from './bench-api/overload.js';
import { argument, cityArguments, exitUnless, flag } from './bench-support/options.js';
import {
  BENCH_CITY as CITY,
  benchCityBounds as cityBounds,
  benchCityCode as cityCode,
  benchCityExists,
  benchDatabaseName,
  generateBenchCity,
  openBenchDatabase,
  repoRoot as root,
} from './bench-support/database.js';
import { printTable } from './bench-support/measure.js';
import { postGraphql as graphql } from './bench-support/system.js';

const { households, seed, valid: cityValid } = cityArguments(20000);
const seconds = Number(argument('seconds', '10'));
const connections = Number(argument('connections', '8'));
const only = argument('only', '')
  .split(',')
  .filter((s) => s);
const profile = flag('profile');
/** The PostgreSQL folder under .data/ (bench-postgres, shared with bench:reports, unless told). */
const pgFolder = argument('folder', 'bench-postgres');
exitUnless(
  cityValid && seconds > 0 && connections > 0 && /^[\w-]+$/.test(pgFolder),
  'usage: npm run bench:api -- [--households N ≥ 100] [--seed WORD] [--seconds S] [--connections C]',
);

// ── CPU time from /proc ──────────────────────────────────────────────────────────────────────────────────

const TICK_MS = 10; // USER_HZ is 100 on Linux
/** utime+stime (and, with children, cutime+cstime: what it reaped) of a process, in ms; 0 once it is gone. */
function cpuOf(pid: number, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    const own = Number(fields[11]) + Number(fields[12]);
    return (own + (reaped ? Number(fields[13]) + Number(fields[14]) : 0)) * TICK_MS;
  } catch {
    return 0;
  }
}
/** PostgreSQL's CPU: the postmaster with what it reaped, plus every live child (backends, walwriter …). */
function postgresCpu(postmaster: number): number {
  let total = cpuOf(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuOf(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

// ── the system ───────────────────────────────────────────────────────────────────────────────────────────

/** Compiled when every service's dist/main.js exists and is newer than every file of its src/. */
function compiledIsFresh(): boolean {
  const newest = (folder: string): number =>
    readdirSync(folder, { withFileTypes: true }).reduce(
      (m, e) => Math.max(m, e.isDirectory() ? newest(join(folder, e.name)) : statSync(join(folder, e.name)).mtimeMs),
      0,
    );
  return ['shared', 'gateway', ...SUBGRAPHS.map((n) => `subgraphs/${n}`)].every((folder) => {
    const main = join(root, folder, 'dist', folder === 'shared' ? 'index.js' : 'main.js');
    return existsSync(main) && statSync(main).mtimeMs >= newest(join(root, folder, 'src'));
  });
}
const compiled = flag('compiled') || (!flag('source') && compiledIsFresh());
const entry = (folder: string) =>
  compiled ? ['--conditions=compiled', `${folder}/dist/main.js`] : ['--import', 'tsx', `${folder}/src/main.ts`];
const profileDir = join(root, '.data', 'bench-api-profiles');

interface Service {
  name: string;
  child: ChildProcess;
}
function startService(name: string, folder: string, env: NodeJS.ProcessEnv, cpuProf: boolean): Service {
  const args = [
    ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`, '--cpu-prof-interval=500'] : []),
    ...entry(folder),
  ];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`${name} exited (${code ?? signal}) during the benchmark`);
  });
  return { name, child };
}
let stopping = false;
const stopService = ({ child }: Service) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

// ── the workload ─────────────────────────────────────────────────────────────────────────────────────────

interface Item {
  name: string;
  /** The GraphQL document and variables; `next` varies the body per request (mutations). */
  query: string;
  variables?: () => object;
  /** Rows the answer holds (checked against the floor's). */
  rows: (data: any) => number;
  /** The floor: one statement and its parameters, returning the same rows. */
  sql: string;
  parameters?: () => unknown[];
}

const CASES = (first: number): Item => ({
  name: `cases(first: ${first}) nested`,
  query: `{ cases(first: ${first}) { totalCount nodes { id channel summary household { id members { nodes { name } } }
    referrals { nodes { id toOrganisation { name } } } } } }`,
  rows: (d) => d.cases.nodes.length,
  sql: `with c as (select id, channel, summary, household_id from cases.hardship_case
      where jurisdiction_code between $1 and $2 or household_jurisdiction_code between $1 and $2
      order by opened_at desc, id desc limit ${first})
    select c.*, (select count(*) from cases.hardship_case where jurisdiction_code between $1 and $2
        or household_jurisdiction_code between $1 and $2) as total,
      (select json_agg(json_build_object('name', p.name)) from households.person p where p.household_id = c.household_id) as members,
      (select json_agg(json_build_object('id', r.id, 'name', o.name)) from cases.referral r
        join organisations.organisation o on o.id = r.to_organisation_id where r.case_id = c.id) as referrals
    from c`,
  parameters: () => cityBounds,
});

function workload(ids: { account: string; organisation: string; households: string[]; notifications: string[] }) {
  let n = 0;
  const months = Array.from({ length: 24 }, (_, i) => {
    const d = new Date(Date.UTC(2024, i, 1));
    return d.toISOString().slice(0, 7);
  });
  const mutation = () => {
    const i = n++;
    if (i % 2 === 1 && ids.notifications.length)
      return {
        query: `mutation($input: MarkNotificationReadInput!) { markNotificationRead(input: $input) { __typename } }`,
        variables: { input: { notificationId: ids.notifications[(i >> 1) % ids.notifications.length] } },
      };
    // A fresh (household, month) each time until the pairs run out, then the same figures again (a correction).
    const household = ids.households[(i >> 1) % ids.households.length];
    const month = months[Math.floor((i >> 1) / ids.households.length) % months.length];
    return {
      query: `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { __typename } }`,
      variables: {
        input: {
          householdId: household,
          month,
          source: 'bench:api',
          amounts: [{ category: 'WAGES', amount: '812.50' }],
        },
      },
    };
  };
  const items: Item[] = [
    CASES(3),
    CASES(100),
    {
      name: 'me',
      query: `{ me { id kind roles permissions organisation { id name } jurisdiction { code name } } }`,
      rows: (d) => (d.me ? 1 : 0),
      sql: `select a.id, a.roles, o.id as organisation_id, o.name, j.code, j.name as jurisdiction
        from organisations.staff_account a join organisations.organisation o on o.id = a.organisation_id
        join organisations.jurisdiction j on j.code = a.jurisdiction_code where a.id = $1`,
      parameters: () => [ids.account],
    },
    {
      name: 'households(first: 50) + members, benefits, eligibility',
      query: `{ households(first: 50) { totalCount nodes { id address members { nodes { name sex birthDate } }
        benefits { id amount grantedOn } eligibility { outcome programme { id } } } } }`,
      rows: (d) => d.households.nodes.length,
      // The floor reads what eligibility is computed from (members, benefits, the last 12 months' incomes); the
      // rules themselves are evaluated in the programmes subgraph and have no SQL equivalent.
      sql: `with h as (select id, address from households.household where jurisdiction_code between $1 and $2
          order by created_at desc, id desc limit 50)
        select h.*, (select count(*) from households.household where jurisdiction_code between $1 and $2) as total,
          (select json_agg(json_build_object('name', p.name, 'sex', p.sex, 'birthDate', p.birth_date, 'disability', p.disability_category,
              'work', p.work_ability, 'schooling', p.schooling_stage)) from households.person p where p.household_id = h.id) as members,
          (select json_agg(json_build_object('id', b.id, 'amount', b.amount_fen, 'grantedOn', b.granted_on))
            from programmes.benefit b where b.household_id = h.id) as benefits,
          (select json_agg(json_build_object('month', i.month, 'amount', i.amount_fen)) from households.household_income i
            where i.household_id = h.id and i.month >= to_char(now() - interval '12 months', 'YYYY-MM')) as incomes
        from h`,
      parameters: () => cityBounds,
    },
    {
      name: 'organisation(id) { inbox(first: 20) }',
      query: `query($id: ID!) { organisation(id: $id) { inbox(first: 20) { totalCount nodes { kind dueDate overdue
        case { id summary } referral { id } } } } }`,
      variables: () => ({ id: ids.organisation }),
      rows: (d) => d.organisation.inbox.nodes.length,
      sql: `with items as (
          select 'REFERRAL' as kind, r.id, r.case_id, r.due_date from cases.referral r
            where r.to_organisation_id = $1 and r.status in ('SENT', 'ACCEPTED')
          union all select 'TASK', t.id, t.case_id, t.due_date from cases.case_task t where t.organisation_id = $1 and t.status = 'OPEN'
          union all select 'FOLLOW_UP', f.id, f.case_id, f.due_on from cases.follow_up f where f.organisation_id = $1 and f.visited_on is null),
        visible as (select items.*, c.summary, c.green_channel from items join cases.hardship_case c on c.id = items.case_id
          where c.jurisdiction_code like $2 or c.household_jurisdiction_code like $2)
        select *, (select count(*) from visible) as total from visible
        order by due_date asc nulls last, green_channel desc, kind, id limit 20`,
      parameters: () => [ids.organisation, `${CITY}%`],
    },
    {
      name: 'mutations (recordHouseholdIncome | markNotificationRead)',
      query: '',
      rows: () => 1,
      sql: '',
    },
  ];
  let m = 0;
  const floorMutation = (): [string, unknown[]] => {
    const i = m++;
    if (i % 2 === 1 && ids.notifications.length)
      return [
        `update organisations.notification set read_at = coalesce(read_at, now()), read_by = coalesce(read_by, $2) where id = $1 returning id`,
        [ids.notifications[(i >> 1) % ids.notifications.length], ids.account],
      ];
    return [
      `insert into households.household_income (id, version, created_at, updated_at, household_id, month, category, amount_fen, source, recorded_by)
        values ($1, 1, now(), now(), $2, $3, 'WAGES', 81250, 'bench:api floor', $4)
        on conflict (household_id, month, category) do update set amount_fen = excluded.amount_fen, version = household_income.version + 1, updated_at = now()
        returning id`,
      [randomUUID(), ids.households[(i >> 1) % ids.households.length], months[(i >> 1) % months.length], ids.account],
    ];
  };
  return { items, mutation, floorMutation };
}

// ── run ──────────────────────────────────────────────────────────────────────────────────────────────────

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

// Its own embedded server always (not DATABASE_URL's): PostgreSQL's CPU is measured from its postmaster.
const db = await openBenchDatabase(benchDatabaseName(households, seed), { external: false, folder: pgFolder });
const postmaster = db.postmasterPid!;
const url = db.url;
const services: Service[] = [];
/** When each item ran through the gateway (µs, monotonic): the profiles are summarised over these only. */
const windows: [number, number][] = [];
try {
  await loadPrivateKey('auth');
  await loadPrivateKey('gateway');
  await loadPrivateKey('service');
  const ports = Object.fromEntries(
    await Promise.all(['gateway', ...SUBGRAPHS].map(async (n) => [n, await freePort()])),
  );
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, DEMO_DATA: 'false', LOG_LEVEL: 'warn' };
  for (const [name, port] of Object.entries(ports)) env[`${name.toUpperCase()}_PORT`] = String(port);
  for (const name of SUBGRAPHS) env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
  if (profile) rmSync(profileDir, { recursive: true, force: true });
  if (profile) mkdirSync(profileDir, { recursive: true });

  // One at a time, as the first start migrates each schema.
  for (const name of SUBGRAPHS) {
    services.push(startService(name, `subgraphs/${name}`, env, profile));
    await waitReady(env[`${name.toUpperCase()}_URL`]!);
  }
  const admin = new pg.Pool({ connectionString: url, max: connections + 2 });
  admin.on('error', (error) => console.error(`bench connection: ${error.message}`));
  if (!(await benchCityExists(url))) {
    console.log(`Generating ${households.toLocaleString('en')} households (once; kept for later runs)…`);
    await generateBenchCity({ households, seed, env });
  }
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  services.push(startService('gateway', 'gateway', env, false));
  await waitReady(gatewayUrl);

  // A JURISDICTION_ADMIN and CASEWORKER of the city, in the organisation that receives the most referrals.
  const { rows: orgs } = await admin.query<{ id: string }>(
    `select o.id from organisations.organisation o join cases.referral r on r.to_organisation_id = o.id
     where o.jurisdiction_code between $1 and $2 and r.status in ('SENT', 'ACCEPTED') group by o.id order by count(*) desc limit 1`,
    cityBounds,
  );
  const password = randomBytes(12).toString('hex');
  const username = `bench.api.${seed}`.toLowerCase();
  const { rows: accounts } = await admin.query<{ id: string }>(
    `insert into organisations.staff_account (id, organisation_id, username, display_name, password_hash, roles, jurisdiction_code, version, created_at)
     values ($1, $2, $3, '接口基准测试', $4, $5, $6, 1, now())
     on conflict (username) do update set password_hash = excluded.password_hash, organisation_id = excluded.organisation_id
     returning id`,
    [randomUUID(), orgs[0].id, username, await hash(password), ['JURISDICTION_ADMIN', 'CASEWORKER'], cityCode],
  );
  const signIn = await graphql<{ signIn: { accessToken: string } }>(
    gatewayUrl,
    `
      mutation ($input: SignInInput!) {
        signIn(input: $input) {
          accessToken
        }
      }
    `,
    { input: { username, password } },
  );
  if (!signIn.data) throw new Error(`sign-in failed: ${JSON.stringify(signIn.errors)}`);
  const token = signIn.data.signIn.accessToken;
  const ids = {
    account: accounts[0].id,
    organisation: orgs[0].id,
    households: (
      await admin.query<{ id: string }>(
        `select id from households.household where jurisdiction_code between $1 and $2 order by id limit 2000`,
        cityBounds,
      )
    ).rows.map((r) => r.id),
    notifications: (
      await admin.query<{ id: string }>(
        `select id from organisations.notification where organisation_id = $1 limit 500`,
        [orgs[0].id],
      )
    ).rows.map((r) => r.id),
  };
  const { items, mutation, floorMutation } = workload(ids);

  const sizes = (
    await admin.query(
      `select (select count(*) from households.household) as households, (select count(*) from households.person) as persons,
       (select count(*) from cases.hardship_case) as cases, (select count(*) from cases.referral) as referrals,
       (select count(*) from programmes.benefit) as benefits`,
    )
  ).rows[0];
  console.log(
    `\nbench:api — ${Object.entries(sizes)
      .map(([k, v]) => `${Number(v).toLocaleString('en')} ${k}`)
      .join(
        ', ',
      )}; services run ${compiled ? 'compiled JavaScript (npm run build)' : 'TypeScript sources through tsx'}` +
      `${profile ? ', subgraphs under --cpu-prof' : ''}; ${seconds} s × ${connections} connections per item\n`,
  );

  const names = ['gateway', ...SUBGRAPHS];
  const pids = Object.fromEntries(services.map((s) => [s.name, s.child.pid!]));
  const snapshot = () => ({
    ...Object.fromEntries(names.map((n) => [n, cpuOf(pids[n])])),
    postgres: postgresCpu(postmaster),
  });
  const header = [
    'item',
    'req/s',
    'p50 ms',
    'p99 ms',
    'errors',
    'rows',
    ...names.map((n) => n.slice(0, 8)),
    'postgres',
    'sum',
  ];
  const table: string[][] = [];
  const floor: string[][] = [];
  const overload = flag('overload');

  // The services' own background work (the outbox's deliveries, the deadline and ledger sweeps, the screening's
  // lead intake — on a city generated long ago, a first start finds thousands of reminders due) would be counted
  // against the requests. Wait until it is quiet (at most --settle seconds), then measure what is left per
  // second idle: that rate times an item's duration is taken off its CPU, and printed.
  // Under --profile the sampling itself keeps every service a little busy: a short wait is all it gets.
  const settleSeconds = Number(argument('settle', profile ? '10' : '120'));
  const busyMsPerSecond = async (ms: number) => {
    const a = snapshot();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const b = snapshot();
    return Object.fromEntries(
      Object.keys(b).map((k) => [k, ((b[k as keyof typeof b] - a[k as keyof typeof a]) * 1000) / ms]),
    ) as Record<string, number>;
  };
  const settleUntil = performance.now() + settleSeconds * 1000;
  let idle = await busyMsPerSecond(2000);
  while (Object.values(idle).some((v) => v > 20) && performance.now() < settleUntil) idle = await busyMsPerSecond(2000);
  idle = await busyMsPerSecond(5000);
  const background = Object.values(idle).reduce((a, b) => a + b, 0);
  console.log(
    `Background CPU while idle (ms per second, taken off each item's figures): ${Object.entries(idle)
      .map(([k, v]) => `${k} ${fmt(v, 1)}`)
      .join(', ')}${background > 50 ? ` — still busy after ${settleSeconds} s (--settle)` : ''}\n`,
  );
  if (overload) {
    const name = argument('overload-item', 'cases(first: 3)');
    const item = items.find((i) => i.query && i.name.startsWith(name));
    exitUnless(!!item, `--overload-item: no read item named ${name}`);
    const crashed = () =>
      services.filter((s) => s.child.exitCode !== null || s.child.signalCode !== null).map((s) => s.name);
    process.exitCode = (await runOverload({ url: gatewayUrl, token, item: item!, seconds, crashed })) ? 0 : 1;
  }
  for (const item of overload ? [] : items) {
    const isMutation = !item.query;
    if (only.length && !only.some((o) => item.name.startsWith(o))) continue;
    const first = isMutation ? mutation() : { query: item.query, variables: item.variables?.() ?? {} };
    const check = await graphql(gatewayUrl, first.query, first.variables, token);
    if (check.errors) throw new Error(`${item.name}: ${JSON.stringify(check.errors).slice(0, 500)}`);
    const rows = item.rows(check.data);
    const body = JSON.stringify({ query: item.query, variables: item.variables?.() ?? {} });
    const before = snapshot();
    const from = Number(process.hrtime.bigint() / 1000n);
    const result = await autocannon({
      url: gatewayUrl,
      method: 'POST',
      connections,
      duration: seconds,
      timeout: 30,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(isMutation
        ? {
            requests: [
              {
                method: 'POST',
                setupRequest: (request) => ({ ...request, body: JSON.stringify(mutation()) }),
              },
            ],
          }
        : { body }),
    });
    const after = snapshot();
    const to = Number(process.hrtime.bigint() / 1000n);
    windows.push([from, to]);
    const served = result.requests.total;
    const cpu = Object.fromEntries(
      Object.keys(after).map((k) => [
        k,
        Math.max(0, after[k as keyof typeof after] - before[k as keyof typeof before] - (idle[k] * (to - from)) / 1e6) /
          served,
      ]),
    );
    const sum = Object.values(cpu).reduce((a, b) => a + b, 0);
    table.push([
      item.name,
      fmt(served / seconds, 0),
      String(result.latency.p50),
      String(result.latency.p99),
      String(result.errors + result.non2xx + result.timeouts),
      String(rows),
      ...names.map((n) => fmt(cpu[n], 2)),
      fmt(cpu.postgres, 2),
      fmt(sum, 2),
    ]);

    // The floor: the same rows by one hand-written statement, on as many connections for as long.
    const latencies: number[] = [];
    let floorRows = 0;
    const pgBefore = postgresCpu(postmaster);
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < deadline) {
          const [sql, parameters] = isMutation ? floorMutation() : [item.sql, item.parameters?.() ?? []];
          const started = performance.now();
          const answer = await admin.query(sql, parameters);
          latencies.push(performance.now() - started);
          floorRows = answer.rowCount ?? 0;
        }
      }),
    );
    const pgMs = Math.max(0, postgresCpu(postmaster) - pgBefore - idle.postgres * seconds) / latencies.length;
    latencies.sort((a, b) => a - b);
    floor.push([
      item.name,
      fmt(latencies.length / seconds, 0),
      fmt(pct(latencies, 50), 2),
      fmt(pct(latencies, 99), 2),
      String(floorRows),
      fmt(pgMs, 3),
    ]);
  }
  if (!overload) {
    console.log('Through the gateway — CPU ms per request:');
    printTable(header, table);
    console.log('\nThe floor: one hand-written SQL statement per item (PostgreSQL CPU ms per statement):');
    printTable(['item', 'q/s', 'p50 ms', 'p99 ms', 'rows', 'postgres'], floor);
  }
  await admin.end();
} finally {
  stopping = true;
  for (const service of [...services].reverse()) await stopService(service);
  await db.stop();
}
if (profile) summariseProfiles(profileDir, SUBGRAPHS, windows);
