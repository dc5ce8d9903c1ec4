/**
 * npm run generate -- --households N [--seed TEXT] [--city 1408] [--as-of YYYY-MM-DD] [--if-absent]
 * Fills the running system's database with a generated city (scripts/generate/generate.ts); prints the rows
 * written and rows per second. Arguments: options.ts.
 */
import { ENV } from '@doudi/shared';
import { loadVault } from '@doudi/shared';
import { CityExists, generateCity, subgraphUrls, type Counts } from './generate.js';
import { parseArguments, USAGE, UsageError } from './options.js';
import { progressLine } from './progress.js';

const rowsOf = (counts: Counts) => Object.values(counts).reduce((a, b) => a + b, 0);

/** The administrator connection of the running system: DATABASE_URL, or npm start's embedded PostgreSQL. */
export function adminDatabaseUrl(env = process.env): string {
  return (
    env[ENV.databaseUrlAdmin] || `postgres://postgres:doudi-dev@127.0.0.1:${Number(env.POSTGRES_PORT || 54329)}/doudi`
  );
}

async function main() {
  let args;
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`generate: ${error.message}\n`);
    console.error(USAGE);
    process.exit(error.message ? 2 : 0);
  }
  const urls = subgraphUrls(adminDatabaseUrl());
  const vault = await loadVault();
  const bar = progressLine();
  console.error(
    `Generating ${args.households.toLocaleString('en')} households (seed "${args.seed}", as of ${args.asOf})…`,
  );
  try {
    const { counts, city } = await generateCity(args, urls, vault, (done, total, c) =>
      bar.update(done, total, rowsOf(c)),
    );
    const seconds = bar.done();
    const rows = rowsOf(counts);
    console.log(
      `${city.city.name}: ${city.counties.length} counties, ${city.townships.length} townships, ${city.villages.length} villages\n` +
        Object.entries(counts)
          .map(([table, n]) => `  ${table.padEnd(14)} ${n.toLocaleString('en').padStart(12)}`)
          .join('\n') +
        `\n${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds).toLocaleString('en')} rows/s`,
    );
  } catch (error) {
    bar.done();
    if (error instanceof CityExists) {
      if (args.ifAbsent) return;
      console.error(`generate: ${error.message}`);
      process.exit(1);
    }
    const code = (error as { code?: string }).code;
    if (code === 'ECONNREFUSED') {
      console.error(
        `generate: no database answers at the configured address: start the system first (npm start) or set ${ENV.databaseUrlAdmin}`,
      );
      process.exit(1);
    }
    throw error;
  }
}

await main();
