/**
 * `POST /imports/households?dryRun=true|false&fileName=…[&idempotencyKey=…]` — a household list as the body
 * (`Content-Type: text/csv` or the XLSX type), streamed to the households subgraph as it arrives (issue 16 item 4):
 * the gateway holds a piece of the file at a time, never the whole of it, and reads from the client only as fast
 * as households takes the bytes (pipe back-pressure, which households applies as fast as PostgreSQL stages the lines).
 * Authenticated like /graphql (a bearer token, the caller signed for households); the body is bounded by
 * MAX_BODY_BYTES. The answer is the importHouseholds mutation's ImportReport as JSON, or `{ errors: [{ message,
 * extensions: { code } }] }` with the API's codes. The mutation stays for small files.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { Transform } from 'node:stream';
import {
  ErrorCode,
  INTERNAL_ROUTES,
  internalRouteUrl,
  PRINCIPAL_HEADER,
  RETRY_AFTER_SECONDS,
  sendJson,
  TIMEOUT_HEADER,
  type Logger,
  type Principal,
  type PrincipalSigner,
  type Route,
} from '@doudi/shared';
import { clientAddressOf } from './client-address.js';

export const IMPORT_STREAM_PATH = '/imports/households';

const CONTENT_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

export interface ImportStreamOptions {
  /** The gateway's authenticator (authenticate.ts): a token to a principal, or a GraphQLError. */
  authenticate(authorization: string | undefined): Promise<Principal>;
  signer: PrincipalSigner;
  /** The households subgraph's /graphql address: its internal import route lies beside it. */
  householdsUrl: string;
  /** The largest file taken (MAX_BODY_BYTES). */
  maxBytes: number;
  /** How long an import may take before the gateway gives up (and households stops). */
  timeoutMs: number;
  trustProxyHops?: number;
  logger: Logger;
}

const refuse = (res: ServerResponse, status: number, code: string, message: string, extra: object = {}) => {
  if (res.headersSent) return void res.destroy();
  if (status === 503) res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
  // The client may still be sending: the answer is given, the rest of its body read and dropped.
  res.setHeader('connection', 'close');
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extra } }] });
};

class BodyTooLarge extends Error {}

export function importStreamRoute(options: ImportStreamOptions): Route {
  const target = internalRouteUrl(options.householdsUrl, INTERNAL_ROUTES.householdImport);
  const tooLarge = `At most ${options.maxBytes} bytes per file (MAX_BODY_BYTES)`;
  return async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = String(req.headers['x-request-id'] ?? randomUUID());
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse(res, 405, ErrorCode.BAD_USER_INPUT, 'POST the file');
    }
    let principal: Principal;
    try {
      principal = await options.authenticate(req.headers.authorization);
    } catch (error) {
      const extensions = (error as { extensions?: { code?: string; http?: { status?: number } } }).extensions;
      const status = extensions?.http?.status ?? 401;
      return refuse(res, status, extensions?.code ?? ErrorCode.UNAUTHENTICATED, (error as Error).message);
    }
    if (principal.kind === 'ANONYMOUS')
      return refuse(res, 401, ErrorCode.UNAUTHENTICATED, 'Sign in to import a household list');
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!CONTENT_TYPES.includes(type))
      return refuse(res, 415, ErrorCode.BAD_USER_INPUT, `Send the list as ${CONTENT_TYPES.join(' or ')}`, {
        field: 'content-type',
      });
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > options.maxBytes) return refuse(res, 413, ErrorCode.LIMIT_EXCEEDED, tooLarge);

    // The import may run as long as its own time limit, and asks organisations about its divisions only once the whole
    // file is staged: the caller's assertion lives that long, not the usual minute.
    const assertion = await options.signer.sign(
      { ...principal, clientAddress: clientAddressOf(req, options.trustProxyHops) },
      { ttlSeconds: options.timeoutMs / 1000 },
    );
    const search = new URL(req.url ?? '/', 'http://localhost').search;
    const upstream = httpRequest(`${target}${search}`, {
      method: 'POST',
      headers: {
        'content-type': req.headers['content-type'],
        'x-request-id': requestId,
        [PRINCIPAL_HEADER]: assertion,
        [TIMEOUT_HEADER]: String(options.timeoutMs),
        ...(req.headers['idempotency-key'] ? { 'idempotency-key': req.headers['idempotency-key'] } : {}),
        ...(req.headers['content-length'] ? { 'content-length': req.headers['content-length'] } : {}),
      },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    // Counted as it passes (a body sent without Content-Length, or longer than it said, stops at the bound).
    let bytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > options.maxBytes) return done(new BodyTooLarge(tooLarge));
        done(null, chunk);
      },
    });
    let answered = false;
    const fail = (status: number, code: string, message: string) => {
      if (answered) return;
      answered = true;
      upstream.destroy();
      refuse(res, status, code, message);
    };
    counted.on('error', (error) =>
      error instanceof BodyTooLarge
        ? fail(413, ErrorCode.LIMIT_EXCEEDED, tooLarge)
        : fail(400, ErrorCode.BAD_USER_INPUT, 'The upload was interrupted'),
    );
    // The client gone before the answer: households sees its connection close and rolls the import back.
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.once('error', () => upstream.destroy());
    upstream.on('error', (error) => {
      if (answered || res.writableFinished) return;
      const timedOut = (error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError';
      options.logger.warn({ requestId, reason: String(error) }, 'household import: households did not answer');
      fail(
        503,
        ErrorCode.SERVICE_UNAVAILABLE,
        timedOut
          ? 'The households service did not finish the import in time; try again shortly'
          : 'The households service is unavailable; try again shortly',
      );
    });
    upstream.on('response', (answer) => {
      if (answered) return void answer.resume();
      answered = true;
      res.statusCode = answer.statusCode ?? 502;
      for (const header of ['content-type', 'retry-after']) {
        const value = answer.headers[header];
        if (value !== undefined) res.setHeader(header, value);
      }
      answer.pipe(res);
    });
    req.pipe(counted).pipe(upstream);
  };
}
