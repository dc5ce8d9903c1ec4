import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { badInput, formatError } from './errors.js';

const asResolverError = (cause: Error) => new GraphQLError(cause.message, { originalError: cause, path: ['x'] });
const format = formatError(true);

describe('errors as callers see them', () => {
  it('answer CONFLICT when a row changed between reading and writing, with no SQL in the message', () => {
    const raced = asResolverError(OptimisticLockError.lockFailed('update "benefit" set … where "version" = 3'));
    expect(format({ message: raced.message, path: ['x'] }, raced)).toEqual({
      message: 'This record was changed by someone else; read it again',
      path: ['x'],
      locations: undefined,
      extensions: { code: 'CONFLICT' },
    });
  });

  it('answer CONFLICT when a unique key is already taken', () => {
    const taken = asResolverError(new UniqueConstraintViolationException(new Error('duplicate key value')));
    expect(format({ message: taken.message }, taken).extensions).toEqual({ code: 'CONFLICT' });
  });

  it('keep a domain error as it is, and hide an unknown one in production', () => {
    const domain = badInput('input.amount', 'A grant is more than zero');
    expect(format({ message: domain.message, extensions: domain.extensions }, domain).extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const unknown = asResolverError(new Error('relation "x" does not exist'));
    expect(format({ message: unknown.message }, unknown)).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});

describe('database errors as callers see them', () => {
  const sql = `insert into "person" ("name", "id_number") values ('张三', '141023197001010011')`;

  it('show no SQL or row values in development either', () => {
    const failed = asResolverError(new DriverException(Object.assign(new Error(sql), { code: '42703' })));
    const formatted = formatError(false)({ message: failed.message, extensions: { stacktrace: [sql] } }, failed);
    expect(formatted).toEqual({
      message: 'Internal server error',
      locations: undefined,
      path: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('answer BAD_USER_INPUT for a value the database refuses as data (SQLSTATE class 22)', () => {
    const pgError = Object.assign(new Error(`${sql} - value too long for type character varying(200)`), {
      severity: 'ERROR',
      code: '22001',
      routine: 'varchar',
    });
    const failed = asResolverError(pgError);
    const formatted = formatError(false)({ message: failed.message }, failed);
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(formatted.message).not.toContain('insert');
  });
});
