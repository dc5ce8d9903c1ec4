/**
 * npx tsx scripts/bench-import.ts [rows]
 * How fast a household list goes in: starts a throwaway PostgreSQL, generates a CSV of `rows` people
 * (default 100,000, about 3.3 people per household, valid sample ID numbers), then checks it (dry run)
 * and imports it, and prints rows per second for each and the process's peak resident memory.
 * A benchmark, not a test: the organisations subgraph is stood in for by a function that knows every code.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
import { createVault } from '../subgraphs/households/src/personal-data/vault.js';
import { households } from '@doudi/households';
import { ImportFormat } from '../subgraphs/households/src/import/import.parse.js';
import { importHouseholds, type ImportContext } from '../subgraphs/households/src/import/import.service.js';

const rows = Number(process.argv[2] ?? 100_000);
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
function generateCsv(count: number): { csv: string; households: number } {
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
  const lines = ['户编号,户籍地区划代码,家庭住址,姓名,性别,出生日期,与户主关系,身份证号,联系电话'];
  const SIZES = [3, 4, 3, 2, 5, 3];
  const SURNAMES = '王李张刘陈杨赵黄周吴';
  let household = 0;
  while (lines.length - 1 < count) {
    household++;
    const village = `141023100${String(200 + (household % 20) + 1).padStart(3, '0')}`;
    const surname = SURNAMES[household % SURNAMES.length];
    const size = Math.min(SIZES[household % SIZES.length], count - (lines.length - 1));
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
  }
  return { csv: '\ufeff' + lines.join('\r\n') + '\r\n', households: household };
}

const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

const dir = mkdtempSync(join(tmpdir(), 'doudi-bench-'));
const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port: await freePort(), persistent: false });
try {
  const orm = await openOrm({
    subgraph: 'households',
    clientUrl: await provisionSubgraph(await ensureDatabase(db.url, 'doudi'), 'households'),
    entities: households.entities,
    migrations: households.migrations,
  });
  const generated = generateCsv(rows);
  const contentBase64 = Buffer.from(generated.csv).toString('base64');
  console.log(
    `${rows} rows, ${generated.households} households, ${(generated.csv.length / 1e6).toFixed(1)} M characters of CSV`,
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
  const run = async (dryRun: boolean) => {
    const started = performance.now();
    const report = await importHouseholds(context(), {
      fileName: 'bench.csv',
      format: ImportFormat.CSV,
      contentBase64,
      dryRun,
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.problems.length) throw new Error(`unexpected problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
    console.log(
      `${dryRun ? 'dry run' : 'import '}: ${seconds.toFixed(2)} s, ${Math.round(report.rows / seconds)} rows/s ` +
        `(${report.households} households, imported: ${report.imported}; peak RSS so far ${peakRss()} MiB)`,
    );
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
