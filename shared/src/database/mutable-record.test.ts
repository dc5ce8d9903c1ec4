import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { assertVersion } from './mutable-record.js';

const record = { id: '019a0000-0000-7000-8000-000000000001', version: 3 };

function caught(run: () => void) {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  return undefined;
}

describe('assertVersion, the stale-version check', () => {
  it('lets through the version that was read, or none sent', () => {
    expect(caught(() => assertVersion(record, 3, 'Case'))).toBeUndefined();
    expect(caught(() => assertVersion(record, undefined, 'Case'))).toBeUndefined();
    expect(caught(() => assertVersion(record, null, 'Case'))).toBeUndefined();
  });

  it('answers a stale version with CONFLICT naming the field and the current version', () => {
    const error = caught(() => assertVersion(record, 2, 'Case'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version', currentVersion: 3 });
    expect(error?.message).toContain('version 3, you sent 2');
  });

  it('names another field where the version came in a list line', () => {
    const error = caught(() => assertVersion(record, 1, 'Income', { field: 'input.lines.0.version' }));
    expect(error?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.lines.0.version' });
  });

  it('asks for the version when a correction requires it', () => {
    const error = caught(() => assertVersion(record, undefined, 'Standards', { required: true }));
    expect(error?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 3 });
    expect(error?.message).toContain('you sent none');
  });
});
