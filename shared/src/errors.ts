import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
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
  /**
   * A part the answer needs is down or overloaded (a service unreachable, PostgreSQL refusing or dropping
   * connections, no free connection in time): not the caller's fault and not a bug — retry later. Carries
   * `service` (which part: a subgraph's name or `database`) and `retryAfterSeconds`; where the whole answer
   * failed, the HTTP status is 503 with a `Retry-After` header.
   */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
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

/** How long a client should wait before retrying after SERVICE_UNAVAILABLE (the supervisor restarts a part in seconds). */
export const RETRY_AFTER_SECONDS = 5;

/** A named outage: `service` is the part that is missing (a subgraph's name, `database`, …). */
export const serviceUnavailable = (
  service: string,
  message = `The ${service} service is unavailable; try again shortly`,
) => new DomainError(ErrorCode.SERVICE_UNAVAILABLE, message, { service, retryAfterSeconds: RETRY_AFTER_SECONDS });

/** SQLSTATEs of a database that is down, restarting or full: class 08 (connection), 57P01–57P03, 53300. */
const OUTAGE_STATES = /^(08...|57P0[123]|53300)$/;
/** Network and pool failures by code (Node's socket errors) or name (knex's pool timeout). */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// knex answers "Transaction query already complete" for the statements of a transaction whose connection the
// database dropped (it rolled the transaction back as the connection died).
const OUTAGE_MESSAGES =
  /Transaction query already complete|Connection terminated|Timeout acquiring a connection|connection error and is not queryable|Client was closed and is not queryable|Connection ended unexpectedly|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

/**
 * Whether an error (or any error it wraps, through `cause`, `originalError` or MikroORM's `previous`) is an
 * outage of the database or of the network to it, rather than a bug or the caller's input.
 */
export function isOutage(error: unknown): boolean {
  return outageKind(error) !== null;
}

/** An HTTP call to another service that failed (node's fetch) or gave up waiting, rather than the database. */
const isFetchFailure = (e: Record<string, unknown>) =>
  (e.name === 'TypeError' && e.message === 'fetch failed') || e.name === 'TimeoutError';

/** Which part is out: the database, another service called over HTTP (subgraphClient), or none (not an outage). */
function outageKind(error: unknown): 'database' | 'service' | null {
  const seen = new Set<unknown>();
  for (let e = error as Record<string, unknown> | null | undefined; e && typeof e === 'object' && !seen.has(e);) {
    seen.add(e);
    // fetch fails only for the network (refused, reset, closed mid-answer, unknown host) or our own time limit.
    if (isFetchFailure(e)) return 'service';
    if (e.name === 'KnexTimeoutError') return 'database';
    const code = typeof e.code === 'string' ? e.code : typeof e.sqlState === 'string' ? e.sqlState : undefined;
    if (code && (OUTAGE_CODES.has(code) || OUTAGE_STATES.test(code))) return 'database';
    if (typeof e.message === 'string' && OUTAGE_MESSAGES.test(e.message)) return 'database';
    e = (e.cause ?? e.originalError ?? e.previous) as Record<string, unknown> | null | undefined;
  }
  return null;
}

function outageOf(error: unknown): GraphQLFormattedError | null {
  const kind = error ? outageKind(error) : null;
  if (!kind) return null;
  const named =
    kind === 'database'
      ? serviceUnavailable('database', 'The database is unavailable; try again shortly')
      : serviceUnavailable('dependency', 'A service this answer needs is unavailable; try again shortly');
  return { message: named.message, extensions: named.extensions };
}

const OUR_CODES = new Set<string>(Object.values(ErrorCode));
const KNOWN_CODES = new Set<string>([...OUR_CODES, ...PROTOCOL_CODES]);

/**
 * HTTP 503 with `Retry-After` when the whole answer failed for an outage (no data, or only nulls at the top, and
 * every error SERVICE_UNAVAILABLE); a partial answer stays 200 with its errors beside the data.
 */
export function outageStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) return;
          if (data && Object.values(data).some((value) => value !== null)) return;
          const seconds = Math.max(
            RETRY_AFTER_SECONDS,
            ...errors.map((e) => Number(e.extensions?.retryAfterSeconds) || 0),
          );
          response.http.status = 503;
          response.http.headers.set('retry-after', String(seconds));
        },
      };
    },
  };
}

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
    // An outage is named before anything else: never INTERNAL_SERVER_ERROR, never the driver's text.
    if (!OUR_CODES.has(formatted.extensions?.code as string)) {
      const outage = outageOf(error);
      if (outage) return { ...outage, locations: formatted.locations, path: formatted.path };
    }
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
    // An outage's answer names the part and nothing more: no stack trace (file paths), in development either.
    if (code === ErrorCode.SERVICE_UNAVAILABLE && formatted.extensions?.stacktrace) {
      const { stacktrace: _, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    }
    if (!production || (typeof code === 'string' && KNOWN_CODES.has(code))) return formatted;
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
