import { badInput } from './errors.js';
import { isIsoDate, shanghaiDate } from './scalars.js';

/** A required piece of text, trimmed; empty or longer than `max` is the caller's mistake, named by `field`. */
export function requiredText(field: string, value: string | null | undefined, max: number, what = 'This'): string {
  const text = value?.trim();
  if (!text || text.length > max) throw badInput(field, `${what} is required and at most ${max} characters`);
  return text;
}

// Every C0 control character and DEL; multi-line text may also hold tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Refuses control characters (NUL …) in a stored text, naming the field; notes may span lines. */
export function assertNoControlCharacters(field: string, value: string, multiline = false): string {
  if ((multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL_CHARACTERS).test(value)) {
    throw badInput(
      field,
      multiline
        ? `${field} must not contain control characters (such as NUL); only tabs and line breaks`
        : `${field} must not contain control characters (such as NUL, tabs or line breaks)`,
    );
  }
  return value;
}

/** requiredText for a stored field: also free of control characters (`multiline` allows line breaks). */
export function requiredPlainText(
  field: string,
  value: string | null | undefined,
  max: number,
  what = 'This',
  multiline = false,
) {
  return assertNoControlCharacters(field, requiredText(field, value, max, what), multiline);
}

/** An optional stored text: trimmed, empty is null, at most `max` characters, free of control characters. */
export function optionalText(
  field: string,
  value: string | null | undefined,
  max: number,
  what = 'This',
  multiline = false,
): string | null {
  const text = value?.trim();
  if (!text) return null;
  if (text.length > max) throw badInput(field, `${what} is at most ${max} characters`);
  return assertNoControlCharacters(field, text, multiline);
}

/** A real calendar date written YYYY-MM-DD (no 2026-02-30); anything else is the caller's mistake, named by `field`. */
export function assertDate(field: string, value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw badInput(field, `${field} must be a date written YYYY-MM-DD that exists, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** assertDate for a date that may be left out: null stays null. */
export function optionalDate(field: string, value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : assertDate(field, value);
}

/**
 * The day a step happened: given, or today (Asia/Shanghai); a real date, not in the future, and not before
 * `notBefore` (e.g. a decision before its proposal).
 */
export function pastDate(field: string, value: string | null | undefined, notBefore?: string | null): string {
  const today = shanghaiDate();
  const date = assertDate(field, value ?? today);
  if (date > today) throw badInput(field, `${field} cannot be in the future`);
  if (notBefore && date < notBefore) throw badInput(field, `${field} cannot be before ${notBefore}`);
  return date;
}
