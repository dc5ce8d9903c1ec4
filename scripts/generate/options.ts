import { isIsoDate, shanghaiDate } from '@doudi/shared';
import { CITY_PRESETS } from './city.js';
import type { GenerateOptions } from './generate.js';

export class UsageError extends Error {}

export const USAGE = `usage: npm run generate -- --households N [--seed TEXT] [--city ${Object.keys(CITY_PRESETS).join('|')}] [--as-of YYYY-MM-DD] [--if-absent]

  --households N   households to generate (1 to 2,000,000); about 3.4 persons, 0.75 cases and 1.6 benefits each
  --seed TEXT      the same seed (and --as-of) gives the same city; default "doudi"
  --city CODE      the prefecture whose real county codes are used (${Object.entries(CITY_PRESETS)
    .map(([code, preset]) => `${code} ${preset.name}`)
    .join(', ')}); default 1408
  --as-of DATE     the last day anything happens; default today (Asia/Shanghai)
  --if-absent      do nothing (and succeed) when the city's first county is already there

Writes into the database of the running system (npm start): DATABASE_URL, or each <NAME>_DATABASE_URL, or the
embedded PostgreSQL of .data/ (POSTGRES_PORT, default 54329).`;

export interface Arguments extends GenerateOptions {
  ifAbsent: boolean;
}

const MAX_HOUSEHOLDS = 2_000_000;

/** Reads the command line; a UsageError says what is wrong. */
export function parseArguments(argv: string[], today = shanghaiDate()): Arguments {
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = match;
    if (!['households', 'seed', 'city', 'as-of', 'if-absent', 'help'].includes(name)) {
      throw new UsageError(`unknown option --${name}`);
    }
    if (name === 'if-absent' || name === 'help') {
      values.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    values.set(name, value);
  }
  if (values.has('help')) throw new UsageError('');
  const raw = values.get('households');
  if (raw === undefined) throw new UsageError('--households is required');
  const households = Number(String(raw).replace(/[_,]/g, ''));
  if (!Number.isInteger(households) || households < 1 || households > MAX_HOUSEHOLDS) {
    throw new UsageError(
      `--households must be a whole number from 1 to ${MAX_HOUSEHOLDS.toLocaleString('en')}, got "${raw}"`,
    );
  }
  const seed = String(values.get('seed') ?? 'doudi');
  if (!seed.trim() || seed.length > 100) throw new UsageError('--seed must be 1 to 100 characters');
  const city = String(values.get('city') ?? '1408');
  if (!CITY_PRESETS[city]) {
    throw new UsageError(`--city must be one of ${Object.keys(CITY_PRESETS).join(', ')}, got "${city}"`);
  }
  const asOf = String(values.get('as-of') ?? today);
  if (!isIsoDate(asOf)) throw new UsageError(`--as-of must be a date (YYYY-MM-DD), got "${asOf}"`);
  if (asOf > today) throw new UsageError(`--as-of may not be in the future (today is ${today})`);
  if (asOf < '2023-01-01') throw new UsageError('--as-of must be 2023-01-01 or later (the holiday schedules known)');
  return { households, seed, city, asOf, ifAbsent: values.get('if-absent') === true };
}
