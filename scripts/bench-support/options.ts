/**
 * The command line of the benchmarks: `--name value` options and bare `--flag`s, read the same way by each
 * script so that `npm run bench:… -- --households 500 --seed quick` means the same thing everywhere.
 */

/** The value after `--name`, or `fallback` when the option is absent. */
export function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Whether the bare `--name` was given. */
export const flag = (name: string): boolean => process.argv.includes(`--${name}`);

/** A seed names a database (bench_<households>_<seed>), so it is kept to a short identifier. */
const isSeed = (seed: string): boolean => /^\w{1,30}$/.test(seed);

/** Prints the usage line and exits with 2 (a usage error) unless the options are valid. */
export function exitUnless(valid: boolean, usage: string): void {
  if (valid) return;
  console.error(usage);
  process.exit(2);
}

/**
 * `--households N` (at least 100: fewer would leave some of the city's villages without any) and `--seed WORD`:
 * which generated city, and so which kept database, a benchmark measures on.
 */
export function cityArguments(defaultHouseholds: number): { households: number; seed: string; valid: boolean } {
  const households = Number(argument('households', String(defaultHouseholds)));
  const seed = argument('seed', 'bench');
  return { households, seed, valid: Number.isInteger(households) && households >= 100 && isSeed(seed) };
}
