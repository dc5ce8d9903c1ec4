/**
 * npm run bench:screening -- [--households N] [--rounds N] [--seed TEXT] [--folder NAME]
 *
 * The screening of every household (issue 15 items 2 and 6): on a generated city of --households households (default
 * 100,000; generated once and kept under .data/bench-postgres, one database per size and seed, as bench:reports does),
 * side by side in one run:
 *   (a) PostgreSQL reads the same facts with `COPY (select …) TO STDOUT` — the feed's own statement
 *       (households/src/screening-feed), every byte received and counted;
 *   (b) a full screening of the city: households streams the facts over its internal route, programmes tests every
 *       household against the programmes in force (a CEL rule per kind, from eligibility/FACTS.md, published for the
 *       run) and the key groups, and writes leads, warnings and fingerprints — the first screening, when every
 *       finding is new, and a second one with nothing changed.
 * Each round of (b) runs in a transaction rolled back at its end, so every round (and every later run) screens from
 * scratch: the run's batch transactions, which commit on their own in production, are savepoints of it here. Prints the medians of --rounds rounds, the ratio screening / COPY (target ≤ 3×) and the peak resident memory
 * of this process (which serves the households subgraph too). A benchmark, not a test.
 */
import pg from 'pg';
import { deliverySigner, loadPrivateKey, newId, shanghaiDate } from '@doudi/shared';
import { definitions } from './subgraphs.js';
import { CITY_PRESETS } from './generate/city.js';
import { householdFactsQuery } from '../subgraphs/households/src/screening-feed/household-facts.sql.js';
import {
  claimScreeningRun,
  executeScreening,
  householdFactsFeed,
  queueScreening,
  ScreeningTrigger,
} from '../subgraphs/programmes/src/screening/index.js';
import { argument, cityArguments, exitUnless } from './bench-support/options.js';
import {
  BENCH_CITY as CITY,
  benchCityCode as cityCode,
  benchCityExists,
  benchDatabaseName,
  generateBenchCity,
  openBenchDatabase,
} from './bench-support/database.js';
import { median, peakRssMiB } from './bench-support/measure.js';
import { benchEnv, startSubgraphsInProcess } from './bench-support/system.js';

const rounds = Number(argument('rounds', '3'));
/** The PostgreSQL folder under .data/ (bench-postgres, shared with bench:reports, unless told). */
const pgFolder = argument('folder', 'bench-postgres');
const { households, seed, valid: cityValid } = cityArguments(100000);
exitUnless(
  cityValid && Number.isInteger(rounds) && rounds >= 1,
  'usage: npm run bench:screening -- [--households N ≥ 100] [--rounds N ≥ 1] [--seed WORD] [--folder NAME]',
);
const today = shanghaiDate();

/** The rules published for the run, by programme kind (eligibility/FACTS.md, from the regulations). */
const RULES: Record<string, string> = {
  DIBAO: 'household.perCapitaIncome < standards.dibaoLine && !household.hasAbleObligor',
  TEKUN:
    "members.exists(m, (m.age >= 60 || m.disabled || m.age < 16) && m.workAbility == 'NONE') && !household.hasAbleObligor",
  RELAPSE_PREVENTION: "household.povertyMonitoring != 'NONE' && !('RELAPSE_PREVENTION' in household.receives)",
  MEDICAL: 'members.exists(m, m.seriousIllness) && household.perCapitaIncome < standards.lowIncomeLine',
  EDUCATION:
    "members.exists(m, m.schooling == 'SENIOR_SECONDARY' || m.schooling == 'HIGHER') && household.perCapitaIncome < standards.lowIncomeLine",
  DISABLED_CHILD_REHABILITATION: 'members.exists(m, m.disabled && m.age <= 6)',
  SPRING_BUD: "members.exists(m, m.sex == 'FEMALE' && m.age < 18 && (m.orphan || m.unattendedChild))",
};

/**
 * `COPY … TO STDOUT` through the driver: the statement is sent as a simple query and every CopyData message is
 * received and counted (what a client that reads the rows does, without parsing them).
 */
function copyOut(client: pg.Client, sql: string): Promise<{ bytes: number; rows: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let rows = 0;
    let failed: Error | null = null;
    const submittable = {
      submit: (connection: { query: (text: string) => void }) => connection.query(`copy (${sql}) to stdout`),
      handleCopyData: (message: { chunk: Buffer }) => {
        bytes += message.chunk.length;
        rows++;
      },
      handleCommandComplete: () => {},
      handleEmptyQuery: () => {},
      handleError: (error: Error) => {
        failed = error;
      },
      handleReadyForQuery: () => (failed ? reject(failed) : resolve({ bytes, rows })),
    };
    client.query(submittable as unknown as pg.Submittable);
  });
}

/** The feed's statement with its parameters written in (COPY takes none); they are codes and dates. */
function literalSql(jurisdictionCode: string, date: string): string {
  const { sql, bindings } = householdFactsQuery(jurisdictionCode, date);
  let i = 0;
  return sql.replace(/\?/g, () => `'${String(bindings[i++]).replace(/'/g, "''")}'`);
}

const db = await openBenchDatabase(benchDatabaseName(households, seed), { folder: pgFolder });
const env = benchEnv(db.url);
let stopSubgraphs = async () => {};
try {
  if (!(await benchCityExists(db.url))) {
    // Every subgraph's tables first, then the generator, in its own process.
    const all = await startSubgraphsInProcess(db.url, env);
    console.log(
      `Generating ${households.toLocaleString('en')} households of ${CITY_PRESETS[CITY].name} (once; kept for later runs)…`,
    );
    await generateBenchCity({ households, seed, env }).finally(all.stop);
  }

  // households serves the feed; programmes screens (its scheduled jobs left out: nothing else runs meanwhile).
  const started = await startSubgraphsInProcess(db.url, env, [
    definitions.households,
    { ...definitions.programmes, jobs: undefined },
  ]);
  stopSubgraphs = started.stop;
  const householdsSubgraph = started.subgraphs.households!;
  const programmesSubgraph = started.subgraphs.programmes!;
  const feed = householdFactsFeed(
    householdsSubgraph.url,
    await deliverySigner(await loadPrivateKey('service', env), 'programmes'),
    30_000,
  );

  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const { rows: counted } = await admin.query<{ households: string; programmes: string }>(
    `select (select count(*) from households.household where jurisdiction_code like $1 or residence_jurisdiction_code like $1) as households,
            (select count(*) from programmes.programme where jurisdiction_code like $1 and not is_template) as programmes`,
    [`${CITY}%`],
  );
  console.log(
    `${CITY_PRESETS[CITY].name} (${cityCode}): ${Number(counted[0].households).toLocaleString('en')} households, ` +
      `${counted[0].programmes} programmes; screened for ${today}, ${rounds} round(s)`,
  );

  await admin.query('set search_path to households');
  const sql = literalSql(cityCode, today);
  const copies: number[] = [];
  const firsts: number[] = [];
  const seconds: number[] = [];
  let summary = '';
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    const { bytes, rows } = await copyOut(admin, sql);
    copies.push(performance.now() - start);
    if (round === 0) console.log(`COPY: ${rows.toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(1)} MB`);

    const em = programmesSubgraph.orm.em.fork();
    await em.begin();
    try {
      // The programmes in force: a version with its kind's rule for every programme of the city (rolled back).
      const programmes = await em.getConnection().execute<{ id: string; kind: string; number: number }[]>(
        `select p.id, p.kind, coalesce(max(v.number), 0) as number from programme p left join programme_version v on v.programme_id = p.id
            where p.jurisdiction_code like ? and not p.is_template group by p.id, p.kind`,
        [`${CITY}%`],
        'all',
        em.getTransactionContext(),
      );
      for (const p of programmes.filter((p) => RULES[p.kind])) {
        await em.getConnection().execute(
          `insert into programme_version (id, programme_id, number, effective_from, settings, locks, note, published_at)
             values (?, ?, ?, ?, ?::jsonb, '[]'::jsonb, 'bench:screening', now())`,
          [newId(), p.id, Number(p.number) + 1, today, JSON.stringify({ eligibilityRule: RULES[p.kind] })],
          'run',
          em.getTransactionContext(),
        );
      }
      for (const times of [firsts, seconds]) {
        const queued = queueScreening(em, {
          jurisdictionCode: cityCode,
          trigger: ScreeningTrigger.ON_DEMAND,
          screenedOn: today,
        });
        await em.flush();
        const began = performance.now();
        // As the job does: claimed, then each batch in its own transaction (here a savepoint of the round's).
        const run = (await claimScreeningRun(em, queued.id))!;
        await executeScreening(em, run, { feed });
        times.push(performance.now() - began);
        if (round === 0)
          summary +=
            `\n  ${times === firsts ? 'first' : 'second'} screening: ${run.households.toLocaleString('en')} households, ` +
            `${run.leadsFound.toLocaleString('en')} leads, ${run.warnings.toLocaleString('en')} on the early-warning list, ` +
            `${run.flagged} benefits flagged`;
      }
    } finally {
      await em.rollback();
    }
  }
  await admin.end();
  const copy = median(copies);
  const first = median(firsts);
  const second = median(seconds);
  console.log(summary.trimStart());
  console.log(`COPY (select …) TO STDOUT        ${(copy / 1000).toFixed(2)} s`);
  console.log(`screening, all findings new     ${(first / 1000).toFixed(2)} s   ${(first / copy).toFixed(2)}× COPY`);
  console.log(`screening, nothing changed      ${(second / 1000).toFixed(2)} s   ${(second / copy).toFixed(2)}× COPY`);
  console.log(`peak resident memory of this process (households and programmes): ${peakRssMiB()} MB`);
} finally {
  await stopSubgraphs();
  await db.stop();
}
