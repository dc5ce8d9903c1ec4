/**
 * npm run bench:import -- [rows] [--heap MB] [--explain FILE]   (npx tsx scripts/bench-import.ts [rows])
 * How fast a household list goes in, as a client sends it: starts a throwaway PostgreSQL, the households subgraph in
 * its own process (its TypeScript sources through tsx, as the tests run them) and the gateway in this one, writes a
 * CSV of `rows` people to a temporary file (default 100,000, about 3.3 people per household, valid sample ID
 * numbers), then streams it from disk to the gateway's POST /imports/households — once as a dry run, once for real —
 * and prints for each the rows per second, the CPU milliseconds (and µs a row) of the households process and of
 * PostgreSQL, and the households process's peak resident memory (run it at 20,000 and 100,000 rows: it stays flat).
 * --heap MB caps the households process's JavaScript heap (--max-old-space-size): the import completes all the same.
 * BENCH_CPU_PROF=DIR runs households under node --cpu-prof, its profile written to DIR when it stops.
 * --explain FILE writes PostgreSQL's plans of the statements over 100 ms (auto_explain, with timings) to FILE.
 * A benchmark, not a test: the organisations subgraph is stood in for by a small server in this process that knows
 * every division code and every session (the token is signed with a key made for the run).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  appendFileSync,
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createServer, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  accessTokens,
  checkCharacter,
  close,
  createLogger,
  ensureDatabase,
  freePort,
  generateSigningKey,
  listen,
  provisionSubgraph,
  publicJwkOf,
  sendJson,
  startEmbeddedPostgres,
  type Principal,
} from '@doudi/shared';
import { startGateway } from '@doudi/gateway';
import { stopChildren, waitReady } from './processes.js';

const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
if (!Number.isInteger(rows) || rows < 1) throw new Error('usage: npx tsx scripts/bench-import.ts [rows]');

const CASEWORKER: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-00000000c001',
  organisationId: '019a0000-0000-7000-8000-00000000a001',
  jurisdictionCode: '141023100000',
  roles: ['CASEWORKER'],
  scopes: [],
};

/** A household list as a village keeps it: head, spouse, children (and now and then a grandparent). */
/** Written to `path` a thousand lines at a time, so the list is never whole in memory. */
function generateCsv(count: number, path: string): { households: number } {
  const serials = new Map<string, number>();
  const idNumber = (birth: string, male: boolean) => {
    const compact = birth.replace(/-/g, '');
    const next = serials.get(compact) ?? 0;
    serials.set(compact, next + 1);
    const first17 = `141023${compact}${String(next * 2 + (male ? 1 : 0)).padStart(3, '0')}`;
    if (first17.length !== 17) throw new Error('too many people born on one day for the sample numbers');
    return first17 + checkCharacter(first17);
  };
  const day = (year: number, n: number) => {
    const date = new Date(Date.UTC(year, 0, 1 + (n % 365)));
    return date.toISOString().slice(0, 10);
  };
  const file = openSync(path, 'w');
  let lines = ['\ufeff户编号,户籍地区划代码,家庭住址,姓名,性别,出生日期,与户主关系,身份证号,联系电话'];
  let written = -1;
  const flush = () => {
    writeSync(file, lines.join('\r\n') + '\r\n');
    written += lines.length;
    lines = [];
  };
  const SIZES = [3, 4, 3, 2, 5, 3];
  const SURNAMES = '王李张刘陈杨赵黄周吴';
  let household = 0;
  while (written + lines.length < count) {
    household++;
    const village = `141023100${String(200 + (household % 20) + 1).padStart(3, '0')}`;
    const surname = SURNAMES[household % SURNAMES.length];
    const size = Math.min(SIZES[household % SIZES.length], count - (written + lines.length));
    const members: [string, boolean, string, string][] = [];
    const headBirth = day(1950 + (household % 40), household);
    members.push([`${surname}建国${household}`, true, headBirth, '户主']);
    if (size > 1) members.push([`刘秀英${household}`, false, day(1952 + (household % 40), household + 7), '配偶']);
    for (let c = 2; c < size; c++)
      members.push([
        `${surname}小${c}号${household}`,
        c % 2 === 0,
        day(1978 + (household % 40), household + c),
        '子女',
      ]);
    for (const [name, male, birth, relation] of members) {
      const phone = relation === '户主' ? `13${String(800000000 + household).padStart(9, '0')}` : '';
      lines.push(
        [
          household,
          village,
          relation === '户主' ? `第${household % 12}组` : '',
          name,
          male ? '男' : '女',
          birth,
          relation,
          idNumber(birth, male),
          phone,
        ].join(','),
      );
    }
    if (lines.length >= 1_000) flush();
  }
  flush();
  closeSync(file);
  return { households: household };
}

/** CPU milliseconds PostgreSQL's processes (the postmaster and its children) have used so far (Linux /proc). */
function postgresCpuMs(dataDir: string): number {
  const ticks = (stat: string[]) => Number(stat[13]) + Number(stat[14]);
  try {
    const postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0].trim();
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const stat = text.slice(text.lastIndexOf(')') + 2).split(' ');
        if (pid === postmaster || stat[1] === postmaster) total += ticks(['', '', ...stat]);
      } catch {
        // the process ended meanwhile
      }
    }
    return total * 10;
  } catch {
    return NaN;
  }
}

/** CPU milliseconds (user + system) and peak resident memory (MiB) of a process, from /proc. */
function processCpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const stat = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(stat[11]) + Number(stat[12])) * 10;
}
function processPeakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024);
}

const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'doudi-bench-'));
const explainTo = process.argv.includes('--explain') ? process.argv[process.argv.indexOf('--explain') + 1] : null;
const db = await startEmbeddedPostgres({
  dataDir: join(dir, 'pg'),
  port: await freePort(),
  persistent: false,
  ...(explainTo ? { onLog: (message: unknown) => appendFileSync(explainTo, `${String(message)}\n`) } : {}),
});
const stops: (() => Promise<unknown>)[] = [];
try {
  const adminUrl = await ensureDatabase(db.url, 'doudi');
  await provisionSubgraph(adminUrl, 'households');
  if (explainTo) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`alter role doudi_households set session_preload_libraries = 'auto_explain'`);
    for (const setting of [
      'log_min_duration = 100',
      'log_analyze = on',
      'log_nested_statements = on',
      'log_triggers = on',
    ])
      await admin.query(`alter role doudi_households set auto_explain.${setting}`);
    await admin.end();
  }

  // Keys made for this run: the gateway signs principals for households, the stand-in organisations signs tokens.
  const keys = {
    gateway: await generateSigningKey(),
    auth: await generateSigningKey(),
    service: await generateSigningKey(),
  };
  const tokens = await accessTokens(keys.auth);
  const organisations = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/.well-known/jwks.json') return sendJson(res, 200, tokens.jwks);
    if (url.pathname === '/internal/session') return sendJson(res, 200, { active: true });
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { variables } = JSON.parse(body) as { variables: { codes: string[] } };
      sendJson(res, 200, { data: { jurisdictions: { nodes: variables.codes.map((code) => ({ code })) } } });
    });
  });
  const organisationsPort = await listen(organisations, 0, '127.0.0.1');
  stops.push(() => close(organisations));
  const organisationsUrl = `http://127.0.0.1:${organisationsPort}/graphql`;

  const householdsPort = await freePort();
  // --heap MB: the households process with its JavaScript heap capped (the import must still complete).
  const heap = process.argv.includes('--heap') ? process.argv[process.argv.indexOf('--heap') + 1] : null;
  const nodeOptions = [
    ...(heap ? [`--max-old-space-size=${heap}`] : []),
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
  ];
  const child = spawn(
    process.execPath,
    [...nodeOptions, '--import', 'tsx', join(root, 'subgraphs/households/src/main.ts')],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        DATABASE_URL: adminUrl,
        HOUSEHOLDS_PORT: String(householdsPort),
        ORGANISATIONS_URL: organisationsUrl,
        GATEWAY_PUBLIC_KEY: JSON.stringify(publicJwkOf(keys.gateway)),
        SERVICE_SIGNING_KEY: JSON.stringify(keys.service),
        SERVICE_PUBLIC_KEY: JSON.stringify(publicJwkOf(keys.service)),
        PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
        LOG_LEVEL: 'warn',
      },
    },
  );
  stops.push(() => stopChildren([child]));
  const householdsUrl = `http://127.0.0.1:${householdsPort}/graphql`;
  await waitReady(householdsUrl);
  const gateway = await startGateway({
    subgraphUrls: {
      organisations: organisationsUrl,
      households: householdsUrl,
      programmes: organisationsUrl,
      cases: organisationsUrl,
    },
    signingKey: keys.gateway,
    logger: createLogger('bench', { ...process.env, LOG_LEVEL: 'warn' }),
  });
  stops.push(() => gateway.stop());
  const token = await tokens.issue({ ...CASEWORKER, sessionId: randomUUID() }, new Date(Date.now() + 3_600_000));

  const path = join(dir, 'bench.csv');
  const generated = generateCsv(rows, path);
  console.log(
    `${rows} rows, ${generated.households} households, ${(statSync(path).size / 1e6).toFixed(1)} MB of CSV; ` +
      `households process ${child.pid} (peak RSS at rest ${processPeakRss(child.pid!)} MiB), load average ` +
      loadavg()
        .map((l) => l.toFixed(1))
        .join(' '),
  );
  /** The file from disk to the gateway's streaming route, as a client would send it. */
  const send = (dryRun: boolean) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request(
        gateway.url.replace(/\/graphql$/, `/imports/households?dryRun=${dryRun}&fileName=bench.csv`),
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'text/csv',
            'content-length': String(statSync(path).size),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () =>
            res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`${res.statusCode}: ${body}`)),
          );
        },
      );
      req.on('error', reject);
      createReadStream(path, { highWaterMark: 64 * 1024 }).pipe(req);
    });
  const run = async (dryRun: boolean) => {
    const started = performance.now();
    const cpu = processCpuMs(child.pid!);
    const postgresBefore = postgresCpuMs(join(dir, 'pg'));
    const report = await send(dryRun);
    const seconds = (performance.now() - started) / 1000;
    const service = processCpuMs(child.pid!) - cpu;
    const postgres = postgresCpuMs(join(dir, 'pg')) - postgresBefore;
    const problems = report.problems as unknown[];
    if (problems.length) throw new Error(`unexpected problems: ${JSON.stringify(problems.slice(0, 3))}`);
    const perRow = (ms: number) => Math.round((ms * 1000) / (report.rows as number));
    console.log(
      `${dryRun ? 'dry run' : 'import '}: ${seconds.toFixed(2)} s, ${Math.round((report.rows as number) / seconds)} rows/s; ` +
        `CPU households ${service} ms (${perRow(service)} µs a row), PostgreSQL ${postgres} ms (${perRow(postgres)} µs a row); ` +
        `${String(report.households)} households, imported: ${String(report.imported)}; ` +
        `households peak RSS so far ${processPeakRss(child.pid!)} MiB`,
    );
  };
  await run(true);
  await run(false);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const stored = await admin.query<{ n: number }>('select count(*)::int as n from households.person');
  await admin.end();
  console.log(
    `people stored: ${stored.rows[0].n}; households peak RSS: ${processPeakRss(child.pid!)} MiB; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
