import { badInput } from './errors.js';

/** A required piece of text, trimmed; empty or longer than `max` is the caller's mistake, named by `field`. */
export function requiredText(field: string, value: string | null | undefined, max: number, what = 'This'): string {
  const text = value?.trim();
  if (!text || text.length > max) throw badInput(field, `${what} is required and at most ${max} characters`);
  return text;
}
