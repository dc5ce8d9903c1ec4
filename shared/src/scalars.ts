import { GraphQLScalarType, Kind } from 'graphql';
import { badInput } from './errors.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  // Arithmetic rather than a Date a call (a household import checks three dates a line). Years before 100 are
  // refused, as Date.UTC reads them as 19xx.
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badInput('date', `A date must be written YYYY-MM-DD and exist, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A calendar date in the jurisdiction's calendar, `YYYY-MM-DD` (docs/architecture.md, API conventions). */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD, in the calendar of the jurisdiction concerned.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The calendar day an instant falls on in Asia/Shanghai (not UTC: 07:00 there is still yesterday in UTC). */
export function shanghaiDate(instant: Date = new Date()): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar month (YYYY-MM) an instant falls in, in Asia/Shanghai. */
export const shanghaiMonth = (instant: Date = new Date()): string => shanghaiDate(instant).slice(0, 7);

/** Formats an instant as ISO 8601 with the +08:00 offset (docs/architecture.md, API conventions: instants in Asia/Shanghai). */
export function toShanghaiIso(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' && /[zZ]|[+-]\d{2}:\d{2}$/.test(value) ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw badInput('dateTime', `An instant must be ISO 8601 with an offset, got ${JSON.stringify(value)}`);
  }
  return date;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 with offset, shown in Asia/Shanghai (+08:00).',
  serialize: (value) => toShanghaiIso(value instanceof Date ? value : parseDateTime(value)),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
