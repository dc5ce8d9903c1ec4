/**
 * The household import as a stream (issue 16 item 4): the gateway's `POST /imports/households` pipes the file's bytes
 * here with the caller's signed principal, and the import reads them as they arrive (import.stream.ts) — nothing
 * holds the whole file, and a slow database slows the upload (the request is read only as fast as lines are staged).
 * The answer is the ImportReport of the importHouseholds mutation as JSON; a refusal is `{ errors: [{ message,
 * extensions: { code, field? } }] }` with the API's codes and an HTTP status that matches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  badInput,
  DomainError,
  ErrorCode,
  formatError,
  importTimeoutMs,
  isProduction,
  PRINCIPAL_HEADER,
  RETRY_AFTER_SECONDS,
  requestSignal,
  sendJson,
  serviceUnavailable,
  type Logger,
  type PrincipalVerifier,
  type Route,
} from '@doudi/shared';
import type { Services } from '../services.js';
import { ImportFormat } from './import.parse.js';
import { importHouseholdFile } from './import.service.js';

/** The content types the route reads, and the format each is. */
export const IMPORT_CONTENT_TYPES: Record<string, ImportFormat> = {
  'text/csv': ImportFormat.CSV,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ImportFormat.XLSX,
};

/** An import's file format from its Content-Type (parameters such as charset ignored), or null. */
export const formatOfContentType = (header: string | undefined): ImportFormat | null =>
  IMPORT_CONTENT_TYPES[(header ?? '').split(';')[0].trim().toLowerCase()] ?? null;

/** Imports one process runs at once; more are told to retry (503, Retry-After), as an overloaded service is. */
export const IMPORTS_AT_ONCE = 2;

const STATUS: Record<string, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.LIMIT_EXCEEDED]: 413,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** An error as the API answers it (formatError: no SQL, outages named) with its HTTP status. */
export function sendImportError(res: ServerResponse, error: unknown, production = isProduction()) {
  const raw = error as { message?: string; extensions?: Record<string, unknown> };
  const formatted = formatError(production)(
    { message: String(raw?.message ?? error), extensions: raw?.extensions ?? {} },
    error,
  );
  const { stacktrace: _, ...extensions } = formatted.extensions ?? {};
  const code = String(extensions.code ?? 'INTERNAL_SERVER_ERROR');
  // A cap with a wait (the ID-number probe throttle) is "too many requests"; a file too large is "too large".
  let status = STATUS[code] ?? 500;
  if (code === ErrorCode.LIMIT_EXCEEDED && extensions.retryAfterSeconds !== undefined) status = 429;
  const retryAfter = extensions.retryAfterSeconds ?? (status === 503 ? RETRY_AFTER_SECONDS : undefined);
  if (retryAfter !== undefined) res.setHeader('retry-after', String(retryAfter));
  if (res.headersSent || res.destroyed) return void res.destroy();
  sendJson(res, status, { errors: [{ message: formatted.message, extensions }] });
}

/** `true`/`false` of a query parameter, else BAD_USER_INPUT naming it. */
function booleanParameter(url: URL, name: string): boolean {
  const value = url.searchParams.get(name);
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badInput(name, `${name} must be true (only check the file) or false (import it)`);
}

export function householdImportRoute(
  orm: MikroORM,
  services: Services,
  verifier: PrincipalVerifier,
  logger?: Logger,
): Route {
  let running = 0;
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendJson(res, 405, {
          errors: [{ message: 'POST the file', extensions: { code: ErrorCode.BAD_USER_INPUT } }],
        });
      }
      // Only the gateway calls this route, with the caller it authenticated (its signed principal).
      const assertion = req.headers[PRINCIPAL_HEADER];
      const principal = await verifier.verify(assertion);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const format = formatOfContentType(req.headers['content-type']);
      if (!format)
        throw new DomainError(
          ErrorCode.BAD_USER_INPUT,
          `Send the list as text/csv or as an XLSX workbook (${Object.keys(IMPORT_CONTENT_TYPES)[1]})`,
          { field: 'content-type' },
        );
      const dryRun = booleanParameter(url, 'dryRun');
      const fileName = url.searchParams.get('fileName') ?? '';
      const idempotencyKey =
        url.searchParams.get('idempotencyKey') ?? (req.headers['idempotency-key'] as string | undefined) ?? null;
      if (running >= IMPORTS_AT_ONCE)
        throw serviceUnavailable('households', 'Other imports are running; try again shortly');
      running++;
      try {
        const signal = AbortSignal.any([requestSignal(req, res), AbortSignal.timeout(importTimeoutMs())]);
        const report = await importHouseholdFile(
          {
            em: orm.em.fork(),
            principal,
            assertion: String(assertion),
            vault: services.vault,
            organisations: services.organisations,
            signal,
          },
          { fileName, format, dryRun, idempotencyKey, content: req },
        ).catch((error: unknown) => {
          if (signal.aborted && (signal.reason as Error)?.name === 'TimeoutError')
            throw new DomainError(
              ErrorCode.LIMIT_EXCEEDED,
              `The import took longer than ${Math.round(importTimeoutMs() / 1000)} s; split the list`,
              { field: 'content' },
            );
          throw error;
        });
        sendJson(res, 200, report);
      } finally {
        running--;
      }
    } catch (error) {
      const code = (error as { extensions?: { code?: string } }).extensions?.code;
      if (!code || code === 'INTERNAL_SERVER_ERROR') logger?.error({ err: error }, 'household import failed');
      sendImportError(res, error);
    }
  };
}
