import { v7 as uuidv7, validate, version } from 'uuid';
import { badInput } from './errors.js';

/** Entity ids are UUIDv7 (docs/architecture.md, API conventions): time-ordered, so new rows append to the primary-key index. */
export const newId = (): string => uuidv7();

export function isUuid(value: string): boolean {
  return validate(value) && version(value) >= 1;
}

/** Checks an id argument; a malformed id is the caller's mistake, not a missing record. */
export function assertId(field: string, value: string): string {
  if (!isUuid(value)) throw badInput(field, `${field} must be an id, got "${value}"`);
  return value.toLowerCase();
}
