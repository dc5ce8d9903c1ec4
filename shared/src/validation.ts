import { badInput } from './errors.js';
import { isIsoDate, shanghaiDate } from './scalars.js';

/** A required piece of text, trimmed; empty or longer than `max` is the caller's mistake, named by `field`. */
export function requiredText(field: string, value: string | null | undefined, max: number, what = 'This'): string {
  const text = value?.trim();
  if (!text || text.length > max) throw badInput(field, `${what} is required and at most ${max} characters`);
  return text;
}

/**
 * The day a step happened: given, or today (Asia/Shanghai); a real date, not in the future, and not before
 * `notBefore` (e.g. a decision before its proposal).
 */
export function pastDate(field: string, value: string | null | undefined, notBefore?: string | null): string {
  const today = shanghaiDate();
  const date = value ?? today;
  if (!isIsoDate(date)) throw badInput(field, `${field} must be a date, YYYY-MM-DD`);
  if (date > today) throw badInput(field, `${field} cannot be in the future`);
  if (notBefore && date < notBefore) throw badInput(field, `${field} cannot be before ${notBefore}`);
  return date;
}
