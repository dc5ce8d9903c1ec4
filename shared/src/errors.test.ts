import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
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
