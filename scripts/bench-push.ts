/**
 * npm run bench:push -- [--households N] [--rows N] [--seed TEXT]
 *
 * How fast an office's list is matched and written (issue 15 items 1 and 6, 河鱼府发【2021】39号 二(四)): on a city of
 * --households households (default 20,000) made by the generator of `npm run generate` (once, in its own process, so
 * this one's memory is the push's; kept for later runs, see below), pushes a disability list of
 * --rows rows (default 50,000) as a CSV file: four rows in five are people of the city (read back from the registry
 * with the same personal-data key), one in five a valid ID number registered nowhere. Times the dry run, the real
 * run and the same batch re-sent, and prints rows per second, the time and the process's peak resident memory.
 * A benchmark, not a test: the figures depend on the machine.
 */
import { createHash } from 'node:crypto';
import { checkCharacter, ENV, openOrm, provisionSubgraph, SUBGRAPHS, type Principal } from '@doudi/shared';
import { definitions } from './subgraphs.js';
import { createVault } from '@doudi/shared';
import { ImportFormat } from '../subgraphs/households/src/import/import.parse.js';
import { DataPushKind } from '../subgraphs/households/src/push/push.kinds.js';
import { pushDepartmentData, type PushContext } from '../subgraphs/households/src/push/push.service.js';
import { argument, cityArguments, exitUnless } from './bench-support/options.js';
import {
  BENCH_CITY as CITY,
  benchCityExists,
  benchDatabaseName,
  generateBenchCity,
  openBenchDatabase,
} from './bench-support/database.js';
import { peakRssMiB as peakRss } from './bench-support/measure.js';

const rows = Number(argument('rows', '50000'));
const { households, seed, valid: cityValid } = cityArguments(20000);
exitUnless(
  cityValid && Number.isInteger(rows) && rows >= 10,
  'usage: npm run bench:push -- [--households N ≥ 100] [--rows N ≥ 10] [--seed WORD]',
);

/**
 * The city is kept in a PostgreSQL under .data/bench-push-postgres (or in DATABASE_URL's server), one database per size
 * and seed, so a second run measures without generating again. Its ID numbers are sealed with a key derived from the
 * database's name: the data is synthetic, and any run can read it back.
 */
const name = benchDatabaseName(households, seed, 'bench_push');
const personalDataKey = createHash('sha256').update(`doudi bench:push ${name}`).digest();
const db = await openBenchDatabase(name, { folder: 'bench-push-postgres' });
try {
  const adminUrl = db.url;
  const urls = {} as Record<string, string>;
  for (const subgraph of SUBGRAPHS) {
    urls[subgraph] = await provisionSubgraph(adminUrl, subgraph);
    if (subgraph !== 'households')
      await (
        await openOrm({
          subgraph,
          clientUrl: urls[subgraph],
          entities: definitions[subgraph].entities,
          migrations: definitions[subgraph].migrations,
        })
      ).close();
  }
  const orm = await openOrm({
    subgraph: 'households',
    clientUrl: urls.households,
    entities: definitions.households.entities,
    migrations: definitions.households.migrations,
  });
  const query = (text: string, params: unknown[] = []): Promise<Record<string, any>[]> =>
    orm.em.fork().getConnection().execute(text, params);

  if (!(await benchCityExists(adminUrl))) {
    const generating = performance.now();
    console.log(
      `Generating ${households.toLocaleString('en')} households (seed "${seed}"; once, kept for later runs)…`,
    );
    await generateBenchCity({
      households,
      seed,
      env: { ...process.env, [ENV.databaseUrlAdmin]: adminUrl, PERSONAL_DATA_KEY: personalDataKey.toString('base64') },
      quiet: true,
    });
    console.log(`generated in ${((performance.now() - generating) / 1000).toFixed(0)} s`);
  }
  // Each run pushes other grades for another date, so its facts change and its batch is new.
  const [{ n: earlier }] = await query('select count(*)::int as n from data_push');
  const asOf = new Date(Date.UTC(2026, 10, 1) - earlier * 86_400_000).toISOString().slice(0, 10);

  // The list: registered people (their numbers unsealed with the city's key), then numbers registered nowhere.
  const vault = createVault(personalDataKey);
  const matched = Math.round(rows * 0.8);
  const sealed = (await query(
    'select id_number_sealed from person where id_number_sealed is not null order by id limit ?',
    [matched],
  )) as { id_number_sealed: string }[];
  const ids = sealed.map((r) => vault.decrypt(r.id_number_sealed));
  const taken = new Set(ids);
  for (let n = 0; ids.length < rows; n++) {
    const first17 = `140899${1950 + (n % 60)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}${String(Math.floor(n / 336) % 1000).padStart(3, '0')}`;
    const id = first17 + checkCharacter(first17);
    if (taken.has(id)) continue;
    ids.push(id);
    taken.add(id);
  }
  const GRADES = ['一级', '二级', '三级', '四级'];
  const CATEGORIES = ['肢体', '视力', '听力', '言语', '智力', '精神', '多重'];
  const csv =
    '\ufeff身份证号,残疾等级,残疾类别\r\n' +
    ids.map((id, i) => `${id},${GRADES[(i + earlier) % 4]},${CATEGORIES[i % 7]}`).join('\r\n') +
    '\r\n';
  const contentBase64 = Buffer.from(csv).toString('base64');
  console.log(
    `${rows.toLocaleString('en')} rows (${sealed.length.toLocaleString('en')} of registered people), ` +
      `${(csv.length / 1e6).toFixed(1)} M characters of CSV; peak RSS before pushing ${peakRss()} MiB`,
  );

  const federation = '019a0000-0000-7000-8000-0000000be001';
  const principal: Principal = {
    kind: 'STAFF',
    id: '019a0000-0000-7000-8000-0000000be002',
    organisationId: federation,
    jurisdictionCode: `${CITY}00000000`,
    roles: ['JURISDICTION_ADMIN'],
    scopes: [],
  };
  const context = (): PushContext => ({
    em: orm.em.fork(),
    principal,
    vault,
    assertion: 'bench',
    organisations: async () => ({ organisation: { name: '市残联' } }),
  });
  const run = async (label: string, dryRun: boolean) => {
    const started = performance.now();
    const report = await pushDepartmentData(context(), {
      kind: DataPushKind.DISABILITY,
      sourceOrganisationId: federation,
      asOf,
      file: { format: ImportFormat.CSV, contentBase64 },
      dryRun,
      idempotencyKey: dryRun ? undefined : `bench-push-${name}-${earlier}`,
    });
    const seconds = (performance.now() - started) / 1000;
    if (report.invalid)
      throw new Error(`unexpected invalid rows: ${JSON.stringify(report.results.find((r) => r.problem))}`);
    console.log(
      `${label.padEnd(8)}: ${seconds.toFixed(2)} s, ${Math.round(rows / seconds).toLocaleString('en')} rows/s ` +
        `(matched ${report.matched}, unchanged ${report.unchanged}, unmatched ${report.unmatched}, ` +
        `written ${report.written}, repeated ${report.repeated}); peak RSS so far ${peakRss()} MiB`,
    );
  };
  await run('dry run', true);
  await run('real run', false);
  await run('re-sent', false);
  const [history] = await orm.em
    .fork()
    .getConnection()
    .execute('select count(*)::int as n from household_change where data_push_id is not null');
  const [waiting] = await orm.em
    .fork()
    .getConnection()
    .execute('select count(*)::int as n from data_push_unmatched_row');
  console.log(
    `history rows of the push: ${history.n}; unmatched rows waiting: ${waiting.n}; peak RSS ${peakRss()} MiB`,
  );
  await orm.close();
} finally {
  await db.stop();
}
