/**
 * npm run bench:import -- [rows]   (npx tsx scripts/bench-import.ts [rows])
 * How fast a household list goes in: starts a throwaway PostgreSQL, writes a CSV of `rows` people to a temporary
 * file (default 100,000, about 3.3 people per household, valid sample ID numbers), then streams it from disk into
 * importHouseholdFile — as the import reads any file — once as a dry run and once for real, and prints for each rows
 * per second, the CPU milliseconds of this process and of PostgreSQL, and the process's peak resident memory (run it
 * at 20,000 and 100,000 rows: the peak stays flat).
 * A benchmark, not a test: the organisations subgraph is stood in for by a function that knows every code.
 */
import { randomBytes } from 'node:crypto';
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
import { tmpdir } from 'node:os';
import pg from 'pg';
import { join } from 'node:path';
import {
  checkCharacter,
  ensureDatabase,
  freePort,
  openOrm,
  provisionSubgraph,
  startEmbeddedPostgres,
  type Principal,
} from '@doudi/shared';
import { createVault } from '@doudi/shared';
import { households } from '@doudi/households';
import { ImportFormat } from '../subgraphs/households/src/import/import.parse.js';
import { importHouseholdFile, type ImportContext } from '../subgraphs/households/src/import/import.service.js';

const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 100_000);
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

const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

const dir = mkdtempSync(join(tmpdir(), 'doudi-bench-'));
// --explain FILE: PostgreSQL's plans (auto_explain, with timings) of the import's statements over 100 ms, to FILE.
const explainTo = process.argv.includes('--explain') ? process.argv[process.argv.indexOf('--explain') + 1] : null;
const db = await startEmbeddedPostgres({
  dataDir: join(dir, 'pg'),
  port: await freePort(),
  persistent: false,
  ...(explainTo ? { onLog: (message: unknown) => appendFileSync(explainTo, `${String(message)}\n`) } : {}),
});
try {
  const adminUrl = await ensureDatabase(db.url, 'doudi');
  const clientUrl = await provisionSubgraph(adminUrl, 'households');
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
  const orm = await openOrm({
    subgraph: 'households',
    clientUrl,
    entities: households.entities,
    migrations: households.migrations,
  });
  const path = join(dir, 'bench.csv');
  const generated = generateCsv(rows, path);
  console.log(
    `${rows} rows, ${generated.households} households, ${(statSync(path).size / 1e6).toFixed(1)} MB of CSV ` +
      `(peak RSS before importing: ${peakRss()} MiB)`,
  );
  const vault = createVault(randomBytes(32));
  const context = (): ImportContext => ({
    em: orm.em.fork(),
    principal: CASEWORKER,
    vault,
    assertion: 'bench',
    organisations: async (_document, variables) => ({
      jurisdictions: { nodes: (variables.codes as string[]).map((code) => ({ code })) },
    }),
  });
  // --statements: each statement's time (send to answer), the slowest printed after each run.
  const statements = new Map<string, { sql: string; at: number }>();
  const spent = new Map<string, { ms: number; n: number }>();
  if (process.argv.includes('--statements')) {
    const knex = orm.em.getConnection().getKnex();
    knex.on('query', (q: { __knexQueryUid: string; sql: string }) =>
      statements.set(q.__knexQueryUid, { sql: q.sql, at: performance.now() }),
    );
    knex.on('query-response', (_r: unknown, q: { __knexQueryUid: string }) => {
      const s = statements.get(q.__knexQueryUid);
      if (!s) return;
      statements.delete(q.__knexQueryUid);
      const key = s.sql.replace(/\s+/g, ' ').slice(0, 110);
      const t = spent.get(key) ?? { ms: 0, n: 0 };
      t.ms += performance.now() - s.at;
      t.n++;
      spent.set(key, t);
    });
  }
  const printStatements = () => {
    for (const [sql, t] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
      console.log(`  ${Math.round(t.ms).toString().padStart(6)} ms ${String(t.n).padStart(4)}× ${sql}`);
    spent.clear();
  };
  const run = async (dryRun: boolean) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const postgresBefore = postgresCpuMs(join(dir, 'pg'));
    const report = await importHouseholdFile(context(), {
      fileName: 'bench.csv',
      format: ImportFormat.CSV,
      content: createReadStream(path, { highWaterMark: 64 * 1024 }),
      dryRun,
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    if (report.problems.length) throw new Error(`unexpected problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
    console.log(
      `${dryRun ? 'dry run' : 'import '}: ${seconds.toFixed(2)} s, ${Math.round(report.rows / seconds)} rows/s; ` +
        `CPU ${Math.round((used.user + used.system) / 1000)} ms here, ` +
        `${postgresCpuMs(join(dir, 'pg')) - postgresBefore} ms PostgreSQL ` +
        `(${report.households} households, imported: ${report.imported}; peak RSS so far ${peakRss()} MiB)`,
    );
    printStatements();
  };
  await run(true);
  await run(false);
  const stored = await orm.em.fork().getConnection().execute('select count(*)::int as n from person');
  console.log(`people stored: ${stored[0].n}`);
  console.log(`peak RSS: ${peakRss()} MiB`);
  await orm.close();
} finally {
  await db.stop();
  rmSync(dir, { recursive: true, force: true });
}
