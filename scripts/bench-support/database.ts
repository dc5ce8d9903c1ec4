/**
 * The generated city the benchmarks measure on, and the PostgreSQL that keeps it between runs.
 *
 * Generating a city of 20,000–100,000 households takes minutes, so it is done once: the city lives in an embedded
 * PostgreSQL kept under .data/<folder> (or in DATABASE_URL's server), one database per size and seed, and a later
 * run of any benchmark on the same size and seed measures without generating again.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ENV, ensureDatabase, freePort, startEmbeddedPostgres } from '@doudi/shared';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** The city every benchmark generates (scripts/generate/city.ts: its name, counties and villages). */
export const BENCH_CITY = '1408';
/** The city's own jurisdiction code, and the bounds of its subtree (`code between $1 and $2`). */
export const benchCityCode = BENCH_CITY.padEnd(12, '0');
export const benchCityBounds = [benchCityCode, BENCH_CITY.padEnd(12, '9')];

/** The database of a size and seed (`bench_20000_bench`); `prefix` keeps a benchmark's own variant apart. */
export const benchDatabaseName = (households: number, seed: string, prefix = 'bench') =>
  `${prefix}_${households}_${seed}`.toLowerCase();

export interface BenchDatabase {
  /** Administrator connection to the benchmark's database (what DATABASE_URL is to `npm start`). */
  url: string;
  /** The postmaster's process id when the server is our embedded one (bench:api measures its CPU). */
  postmasterPid?: number;
  stop(): Promise<void>;
}

/**
 * PostgreSQL locks its data folder (postmaster.pid) while it runs, so a second benchmark started on the same
 * folder would fail to start its server: it waits instead until the one holding it has finished.
 */
async function waitForFolder(dataDir: string, label: string): Promise<void> {
  const lock = join(dataDir, 'postmaster.pid');
  for (let said = false; ; said = true) {
    const holder = existsSync(lock) ? Number(readFileSync(lock, 'utf8').split('\n')[0]) : 0;
    // A lock left by a killed server names a process that is gone: PostgreSQL itself starts over it.
    if (!holder || !existsSync(`/proc/${holder}`)) return;
    if (!said) console.log(`Another benchmark's PostgreSQL (pid ${holder}) runs on ${label}: waiting for it…`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}

/**
 * The database `name`, created when missing: in DATABASE_URL's server when that is set (and `external` allows it:
 * bench:api measures its own server's CPU), else in the embedded PostgreSQL under .data/<folder>, started here,
 * after any other benchmark using that folder has finished, and stopped by `stop()`.
 */
export async function openBenchDatabase(
  name: string,
  { folder = 'bench-postgres', external = true }: { folder?: string; external?: boolean } = {},
): Promise<BenchDatabase> {
  const externalUrl = process.env[ENV.databaseUrlAdmin];
  if (external && externalUrl) return { url: await ensureDatabase(externalUrl, name), stop: async () => {} };
  const dataDir = join(repoRoot, '.data', folder);
  await waitForFolder(dataDir, `.data/${folder}`);
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
  try {
    return { url: await ensureDatabase(server.url, name), postmasterPid: server.pid(), stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Whether the city has been generated in this database (its jurisdiction is there). Before any subgraph has
 * migrated, the schema itself is missing: then it has not.
 */
export async function benchCityExists(databaseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const found = await client
      .query('select 1 from organisations.jurisdiction where code = $1', [benchCityCode])
      .catch(() => ({ rowCount: 0 }));
    return !!found.rowCount;
  } finally {
    await client.end();
  }
}

/**
 * Generates the city with `npm run generate`'s script, in its own process: its memory is not counted in this one's
 * peak RSS, and subgraphs started in this process keep answering while it runs. `env` must hold DATABASE_URL (and
 * whatever else the generator reads, e.g. PERSONAL_DATA_KEY); `quiet` drops its row counts, keeping its errors.
 */
export async function generateBenchCity(options: {
  households: number;
  seed: string;
  env: NodeJS.ProcessEnv;
  quiet?: boolean;
}): Promise<void> {
  const args = ['--households', String(options.households), '--seed', options.seed, '--city', BENCH_CITY];
  const generator = spawn(process.execPath, ['--import', 'tsx', 'scripts/generate/main.ts', ...args], {
    cwd: repoRoot,
    stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: options.env,
  });
  const status = await new Promise<number | null>((resolve) => generator.on('exit', resolve));
  if (status !== 0) throw new Error(`the generator failed (exit ${status})`);
}
