import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { RETRY_AFTER_SECONDS } from './errors.js';
import { Overloaded, type Admission } from './overload.js';

/** Large enough for a village's household list sent as a file to import (see README, Configuration). */
export const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES || 32_000_000);

/** Any other request: an operation and its variables, never a file (README, Configuration). */
export const MAX_REQUEST_BYTES = 1_000_000;

/** JSON nested deeper than this is refused before parsing; no operation's variables need more. */
export const MAX_JSON_DEPTH = 64;

/** The header in which a caller says how long it will wait for the answer (the gateway sets it for subgraphs). */
export const TIMEOUT_HEADER = 'x-doudi-timeout-ms';

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The request body exceeds ${limit} bytes`);
  }
}

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found in one pass over the text (strings
 * skipped) before JSON.parse and anything after it walk the value recursively.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

const signals = new WeakMap<IncomingMessage, AbortSignal>();

/**
 * Aborts when the caller is gone (the connection closed before the answer was sent) or its stated wait
 * (TIMEOUT_HEADER) has passed: long work checks it and stops, rather than running on for nobody.
 */
export function requestSignal(req: IncomingMessage, res?: ServerResponse): AbortSignal {
  let signal = signals.get(req);
  if (signal) return signal;
  const controller = new AbortController();
  const gone = () => {
    if (!res?.writableFinished) controller.abort(new Error('the caller closed the connection'));
  };
  (res ?? req).once('close', gone);
  const waitMs = Number(req.headers[TIMEOUT_HEADER]);
  signal =
    Number.isFinite(waitMs) && waitMs > 0
      ? AbortSignal.any([controller.signal, AbortSignal.timeout(waitMs)])
      : controller.signal;
  signals.set(req, signal);
  return signal;
}

/** The whole request body as text; a body over `limit` ends in a 413 (see createGraphQLHttpServer). */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      return reject(new BodyTooLarge(limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (and dropping) the rest, so the client gets the 413 rather than a reset connection.
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () =>
      size > limit ? reject(new BodyTooLarge(limit)) : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

export type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

const refusal = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });

/**
 * An operation the service did not run: busy (overload.ts), or its caller gave up while it waited. HTTP 503,
 * `Retry-After` and SERVICE_UNAVAILABLE naming the service, as for an outage (errors.ts): retrying is safe,
 * since nothing was done.
 */
function refuseBusy(res: ServerResponse, service: string, reason: string) {
  if (res.destroyed || res.headersSent) return void res.destroy();
  res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
  sendJson(res, 503, {
    errors: [
      {
        message: `The ${service} service is busy; try again shortly`,
        extensions: { code: 'SERVICE_UNAVAILABLE', service, reason, retryAfterSeconds: RETRY_AFTER_SECONDS },
      },
    ],
  });
}

/**
 * A small Apollo Server integration on node:http (no web framework needed): POST/GET /graphql plus
 * plain routes such as /healthz and /readyz. `graphqlPaths` gives each GraphQL path its body limit
 * (default: /graphql with MAX_BODY_BYTES); the context sees the path in `req.url`.
 */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: {
  apollo: ApolloServer<TContext>;
  context: (req: IncomingMessage) => Promise<TContext>;
  routes?: Record<string, Route>;
  /** Paths under a prefix (e.g. '/admin' for the console's files); the handler answers everything below it. */
  prefixRoutes?: Record<string, Route>;
  graphqlPaths?: Record<string, { maxBodyBytes: number }>;
  /**
   * Bounds the GraphQL operations run at once (overload.ts); excess is refused with 503 before its body is
   * read. `service` names this service in the refusal. Plain routes (/readyz, /metrics …) are not counted.
   */
  admission?: { admission: Admission; service: string };
  onError?: (error: unknown) => void;
}): Server {
  const graphqlPaths = options.graphqlPaths ?? { '/graphql': { maxBodyBytes: MAX_BODY_BYTES } };
  // The handler answers every failure itself (the catch below), so no rejection escapes to node:http.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = options.routes?.[url.pathname];
      if (route) return await route(req, res);
      for (const [prefix, handler] of Object.entries(options.prefixRoutes ?? {})) {
        if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) return await handler(req, res);
      }
      const graphqlPath = Object.hasOwn(graphqlPaths, url.pathname) ? graphqlPaths[url.pathname] : undefined;
      if (!graphqlPath) return sendJson(res, 404, { error: 'not found' });
      const signal = requestSignal(req, res);
      let release: (() => void) | undefined;
      if (options.admission) {
        try {
          release = await options.admission.admission.acquire(signal);
        } catch (error) {
          // Busy, or the caller gave up while this waited: the operation never runs.
          return refuseBusy(res, options.admission.service, error instanceof Overloaded ? error.reason : 'caller gone');
        }
      }
      try {
        await answerGraphQL(req, res, url, graphqlPath, options);
      } finally {
        // The slot is held until the work is done, not until the caller is gone: the bound is on work.
        release?.();
      }
    } catch (error) {
      if (error instanceof BodyTooLarge) return sendJson(res, 413, refusal(error.message));
      options.onError?.(error);
      if (!res.headersSent)
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      else res.end();
    }
  });
}

/** One GraphQL request over HTTP: body limits and shape checks, then Apollo, streamed back. */
async function answerGraphQL<TContext extends BaseContext>(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  graphqlPath: { maxBodyBytes: number },
  options: {
    apollo: ApolloServer<TContext>;
    context: (req: IncomingMessage) => Promise<TContext>;
  },
): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const raw = req.method === 'POST' ? await readBody(req, graphqlPath.maxBodyBytes) : '';
  let body: unknown = raw;
  if (raw && headers.get('content-type')?.includes('application/json')) {
    if (nestsDeeperThan(raw, MAX_JSON_DEPTH))
      return sendJson(res, 400, refusal(`The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels`));
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, refusal('The request body is not valid JSON'));
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return sendJson(res, 400, refusal('The request body must be one JSON object (batches are not accepted)'));
    const { variables, extensions, operationName } = body as Record<string, unknown>;
    const isObject = (v: unknown) => v === undefined || v === null || (typeof v === 'object' && !Array.isArray(v));
    if (!isObject(variables)) return sendJson(res, 400, refusal('variables must be a JSON object'));
    if (!isObject(extensions)) return sendJson(res, 400, refusal('extensions must be a JSON object'));
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
      return sendJson(res, 400, refusal('operationName must be a string'));
  }
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body },
    context: () => options.context(req),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2_000).unref();
  });
}
