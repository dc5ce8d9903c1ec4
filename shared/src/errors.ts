import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DriverException, OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';

/** The error codes of the API (docs/architecture.md, API conventions): the contract third-party apps program against. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  INVALID_STATE: 'INVALID_STATE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes GraphQL servers themselves emit for malformed requests; these are safe to pass on. */
const PROTOCOL_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const badInput = (field: string, message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field, ...extra });

export const notFound = (type: string, id: string) =>
  new DomainError(ErrorCode.NOT_FOUND, `${type} ${id} does not exist`, { type, id });

export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.CONFLICT, message, extra);

/** A workflow step taken out of order (e.g. activating a benefit that was never approved). */
export const invalidState = (message: string, extra: Record<string, unknown> = {}) =>
  new DomainError(ErrorCode.INVALID_STATE, message, extra);

const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode), ...PROTOCOL_CODES]);

/**
 * Database refusals that are the caller's race, not our failure: a row changed between reading and writing
 * (a `version: true` entity) or a unique key already taken. Services translate the ones they expect with a
 * sharper message; this catches the rest, so no write answers without an API error code (docs/architecture.md).
 */
function conflictOf(error: unknown): GraphQLFormattedError | null {
  const cause = unwrapResolverError(error);
  if (cause instanceof OptimisticLockError)
    return { message: 'This record was changed by someone else; read it again' };
  if (cause instanceof UniqueConstraintViolationException) return { message: 'This record already exists' };
  return null;
}

/** The SQLSTATE of a database driver's error (MikroORM's DriverException or pg's own), else null. */
function sqlStateOf(cause: unknown): string | null {
  if (cause instanceof DriverException) return cause.code ?? cause.sqlState ?? '';
  const e = cause as { severity?: unknown; code?: unknown; routine?: unknown } | null;
  if (e && typeof e === 'object' && typeof e.severity === 'string' && typeof e.code === 'string' && 'routine' in e)
    return e.code;
  return null;
}

/**
 * A database driver's error carries SQL and row values in its message: never for the caller, in development
 * either (the full error is in the server log). A data exception (SQLSTATE class 22: a value out of range,
 * malformed or too long) is the caller's input; a cancelled statement (57014, statement_timeout) took too long.
 */
function driverError(error: unknown): GraphQLFormattedError | null {
  const state = sqlStateOf(unwrapResolverError(error));
  if (state === null) return null;
  if (state.startsWith('22'))
    return {
      message: 'A value is malformed, out of range or too long',
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  if (state === '57014')
    return { message: 'The request took too long and was stopped', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * Apollo's formatError hook for subgraphs and the gateway. In production an error without one of our
 * codes is an internal failure: its message may hold SQL or a file path, so the caller gets a generic one
 * (the full error is in the server log). Stack traces are removed by includeStacktraceInErrorResponses.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const conflicting = conflictOf(error);
    if (conflicting) {
      return {
        ...conflicting,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.CONFLICT },
      };
    }
    const driver = driverError(error);
    if (driver) return { ...driver, locations: formatted.locations, path: formatted.path };
    const code = formatted.extensions?.code;
    if (!production || (typeof code === 'string' && KNOWN_CODES.has(code))) return formatted;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
