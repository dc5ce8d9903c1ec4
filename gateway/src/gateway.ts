import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { JWK } from 'jose';
import { adminConsoleRoute, ADMIN_DIST, ADMIN_PATH } from './admin-console.js';
import { authenticator } from './authenticate.js';
import { clientAddressOf } from './client-address.js';
import { documentsRoute, DOCUMENTS_PATH } from './documents.js';
import { guardPlugin } from './guard.js';
import { IMPORT_STREAM_PATH, importStreamRoute } from './import-stream.js';
import { LIMITS, operationLimits } from './limits.js';
import {
  ANONYMOUS,
  loadPrivateKey,
  PRINCIPAL_HEADER,
  principalSigner,
  type Principal,
  type PrincipalSigner,
  close,
  createAdmission,
  createGraphQLHttpServer,
  createLogger,
  createMetrics,
  ENV,
  ErrorCode,
  formatError,
  gatewayAdmissionOptions,
  importTimeoutMs,
  outageStatusPlugin,
  RETRY_AFTER_SECONDS,
  serviceUnavailable,
  isProduction,
  listen,
  MAX_BODY_BYTES,
  MAX_REQUEST_BYTES,
  portOf,
  requestSignal,
  sendJson,
  SUBGRAPHS,
  subgraphTimeoutMs,
  subgraphUrl,
  TIMEOUT_HEADER,
  type AdmissionOptions,
  type Logger,
  type SubgraphName,
} from '@doudi/shared';

// @apollo/gateway otherwise reports usage metrics to Apollo and probes cloud metadata addresses at start;
// personal-data systems send nothing anywhere unasked. Set APOLLO_TELEMETRY_DISABLED=false to opt in.
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

export const SUPERGRAPH_PATH = new URL('../../schema/supergraph.graphql', import.meta.url);

export interface GatewayContext {
  requestId: string;
  principal: Principal;
  /** The principal signed once per request, for every subgraph call it makes. */
  assertion?: Promise<string>;
  /** /graphql, or the import route that alone accepts a large body (README, "Households"). */
  route: 'graphql' | 'import';
  /** Aborts when the client is gone (or its stated wait passed): the subgraph calls made for it are cancelled. */
  signal?: AbortSignal;
}

/** The client request a subgraph call is made for, so its fetch is cancelled when that client is gone. */
const callerSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * The bound of a gateway started without one (tests, embedding): wide, so that a test's burst of concurrent
 * requests is never refused. The gateway process (main.ts) takes gatewayAdmissionOptions() from its environment,
 * the bound sized to the machine's cores that bench:api --overload measures.
 */
const EMBEDDED_ADMISSION = { limit: 64, queue: 64, maxWaitMs: 5_000 };

/** The one route whose body may be as large as MAX_BODY_BYTES: a household file to import. */
export const IMPORT_PATH = '/graphql/import';

/** @apollo/gateway sets no timeout on subgraph calls (docs/architecture.md, Notes on the stack); a slow subgraph must not hold a request forever. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    private readonly timeoutMs: number,
    private readonly signer: PrincipalSigner,
    logger: Logger,
  ) {
    super({
      url,
      // The subgraph is told how long we wait (TIMEOUT_HEADER) and sees the connection close when we give
      // up, so it stops its own work too (shared/src/http.ts requestSignal, and statement_timeout).
      // A client that is gone cancels the calls made for it too: the subgraph sees the connection close, drops
      // the operation if it is still queued (shared/src/overload.ts) and stops checking its signal otherwise.
      fetcher: (async (input: string, init?: RequestInit) => {
        const caller = callerSignal.getStore();
        const timeout = AbortSignal.timeout(timeoutMs);
        try {
          return await fetch(input, { ...init, signal: caller ? AbortSignal.any([caller, timeout]) : timeout });
        } catch (error) {
          const requestId = new Headers(init?.headers).get('x-request-id');
          if (caller?.aborted && !timeout.aborted) {
            logger.debug({ requestId, subgraph: name }, 'subgraph call cancelled: the client is gone');
            throw Object.assign(serviceUnavailable(name, 'The request was cancelled'), { cause: error });
          }
          // Down (refused, reset) or overloaded (no answer in time): a named outage the client may retry,
          // never the subgraph's address (@apollo/gateway would pass "fetch failed … 127.0.0.1:4002" on).
          if ((error as Error)?.name === 'TimeoutError') {
            logger.warn({ requestId, subgraph: name, timeoutMs }, 'subgraph timed out');
            throw Object.assign(
              serviceUnavailable(name, `The ${name} service did not answer in time; try again shortly`),
              { cause: error },
            );
          }
          logger.warn(
            { requestId, subgraph: name, reason: String((error as Error)?.cause ?? error) },
            'subgraph unreachable',
          );
          // The cause stays for the metrics' outcome (timeout, network_error); the client never sees it.
          throw Object.assign(serviceUnavailable(name), { cause: error });
        }
      }) as unknown as RemoteGraphQLDataSource['fetcher'],
    });
  }

  /**
   * A subgraph's non-2xx answer: @apollo/gateway would turn it into "400: Bad Request" carrying the
   * subgraph's address and body (which production then hides as an internal error). A 4xx with GraphQL
   * errors is the caller's mistake the subgraph found (an impossible date in a custom scalar): pass its
   * message and API error code on, with the same HTTP status. Anything else is ours, without the address.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]) {
    const body = (await this.parseBody(response).catch(() => null)) as {
      errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
    } | null;
    const first = body && typeof body === 'object' && Array.isArray(body.errors) ? body.errors[0] : undefined;
    if (response.status >= 400 && response.status < 500 && typeof first?.message === 'string') {
      const code = first.extensions?.code;
      const field = first.extensions?.field;
      return new GraphQLError(first.message, {
        extensions: {
          code: code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : 'BAD_USER_INPUT',
          ...(typeof field === 'string' ? { field } : {}),
          http: { status: response.status === 401 || response.status === 403 ? response.status : 400 },
        },
      });
    }
    // The subgraph is up but a part it needs is not (its database): its own SERVICE_UNAVAILABLE, passed on.
    if (response.status === 503 || first?.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE) {
      const service = first?.extensions?.service;
      return serviceUnavailable(
        typeof service === 'string' ? service : this.name,
        typeof first?.message === 'string' ? first.message : undefined,
      );
    }
    return new GraphQLError(`The ${this.name} service answered HTTP ${response.status}`);
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const context = 'context' in options ? (options.context as Partial<GatewayContext>) : undefined;
    return callerSignal.run(context?.signal, () => super.process(options));
  }

  // The subgraph request is built afresh: nothing the client sent is forwarded but the operation itself,
  // so a client can never smuggle in its own principal header.
  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set('x-request-id', context?.requestId ?? randomUUID());
    headers.set(TIMEOUT_HEADER, String(this.timeoutMs));
    const principal = context?.principal ?? ANONYMOUS;
    if (context) context.assertion ??= this.signer.sign(principal);
    headers.set(PRINCIPAL_HEADER, await (context?.assertion ?? this.signer.sign(principal)));
  }
}

export interface GatewayOptions {
  port?: number;
  host?: string;
  supergraphSdl?: string;
  subgraphUrls: Record<SubgraphName, string>;
  timeoutMs?: number;
  production?: boolean;
  logger?: Logger;
  /** The gateway's private key for principal assertions (default: from the environment). */
  signingKey?: JWK;
  /** How long a token's open session is trusted before asking again (default 5 s). */
  sessionCacheMs?: number;
  /** How many reverse proxies in front of the gateway to trust for X-Forwarded-For (default 0: none). */
  trustProxyHops?: number;
  /** The built admin console served at /admin/ (default: admin/dist of this checkout or image). */
  adminDist?: string;
  /** Operations run at once, queued, and how long one may wait (gatewayOptionsFromEnv: gatewayAdmissionOptions()). */
  admission?: AdmissionOptions;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export function gatewayOptionsFromEnv(env = process.env): GatewayOptions {
  return {
    port: portOf('gateway', env),
    host: env[ENV.host] || '127.0.0.1',
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphUrl(name, env)])) as Record<
      SubgraphName,
      string
    >,
    timeoutMs: subgraphTimeoutMs(env),
    production: isProduction(env),
    sessionCacheMs: env.SESSION_CACHE_MS ? Number(env.SESSION_CACHE_MS) : undefined,
    trustProxyHops: Number(env.TRUST_PROXY_HOPS || 0),
    admission: gatewayAdmissionOptions(env),
  };
}

/** The shared formatError, and in production no schema hints in any message (variables' enums too). */
function gatewayFormatError(production: boolean) {
  const format = formatError(production);
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    if (!production || !/Did you mean/.test(result.message)) return result;
    return { ...result, message: result.message.replace(/\s*Did you mean .+\?/g, '').trim() };
  };
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger('gateway');
  const production = options.production ?? false;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Requests, errors by code, latency, subgraph calls and timeouts at GET /metrics (shared/src/metrics.ts).
  const metrics = createMetrics('gateway', { logger, production });
  const signer = await principalSigner(options.signingKey ?? (await loadPrivateKey('gateway')));
  const authenticate = authenticator({
    issuerBaseUrl: options.subgraphUrls.organisations,
    signer,
    sessionCacheMs: options.sessionCacheMs ?? 5_000,
  });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) =>
      metrics.instrumentSubgraph(
        name,
        new SubgraphDataSource(name, options.subgraphUrls[name as SubgraphName], timeoutMs, signer, logger),
      ),
    logger: {
      debug: () => {},
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: gatewayFormatError(production),
    includeStacktraceInErrorResponses: !production,
    introspection: !production,
    // No "Did you mean …" in production: field and enum names are not for anonymous guessing.
    hideSchemaDetailsFromClientErrors: production,
    // We stop on signals ourselves (stopOnSignals): Apollo's own handler would re-raise the signal into ours.
    stopOnTerminationSignals: false,
    validationRules: operationLimits(),
    parseOptions: { maxTokens: LIMITS.maxTokens },
    plugins: [
      metrics.plugin,
      guardPlugin<GatewayContext>({ logger, introspection: !production }),
      outageStatusPlugin(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  const http = createGraphQLHttpServer<GatewayContext>({
    apollo,
    graphqlPaths: { '/graphql': { maxBodyBytes: MAX_REQUEST_BYTES }, [IMPORT_PATH]: { maxBodyBytes: MAX_BODY_BYTES } },
    // The gateway's own bound (shared/src/overload.ts): beyond it a client is told 503 at once, not queued.
    admission: { admission: createAdmission(options.admission ?? EMBEDDED_ADMISSION), service: 'gateway' },
    context: async (req) => {
      const requestId = String(req.headers['x-request-id'] ?? randomUUID());
      const route = new URL(req.url ?? '/', 'http://localhost').pathname === IMPORT_PATH ? 'import' : 'graphql';
      try {
        const principal = await authenticate(req.headers.authorization);
        return {
          requestId,
          route,
          signal: requestSignal(req),
          principal: { ...principal, clientAddress: clientAddressOf(req, options.trustProxyHops) },
        };
      } catch (error) {
        // The reason only: never the token itself.
        logger.warn({ requestId, reason: (error as Error).message }, 'authentication refused');
        throw error;
      }
    },
    routes: {
      '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      '/metrics': metrics.route,
      // A household list streamed to households as it arrives (import-stream.ts); the mutation stays for small files.
      [IMPORT_STREAM_PATH]: importStreamRoute({
        authenticate,
        signer,
        householdsUrl: options.subgraphUrls.households,
        maxBytes: MAX_BODY_BYTES,
        timeoutMs: importTimeoutMs(),
        trustProxyHops: options.trustProxyHops,
        logger,
      }),
      // Which part is missing, by name. Ready (200) while organisations answers, "degraded" when another
      // subgraph is down (the gateway answers what the others can); 503 without organisations, since no
      // one can sign in or be authenticated then.
      '/readyz': async (_req, res) => {
        const checks = await Promise.all(
          SUBGRAPHS.map(async (name) => {
            const url = options.subgraphUrls[name].replace(/\/graphql$/, '/readyz');
            const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
              (r) => r.ok,
              () => false,
            );
            return [name, ok ? 'up' : 'down'] as const;
          }),
        );
        const dependencies = Object.fromEntries(checks) as Record<SubgraphName, 'up' | 'down'>;
        const down = checks.filter(([, state]) => state === 'down').map(([name]) => name);
        const ready = dependencies.organisations === 'up';
        if (!ready) res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        sendJson(res, ready ? 200 : 503, {
          status: !ready ? 'unavailable' : down.length ? 'degraded' : 'ready',
          service: 'gateway',
          dependencies,
          ...(down.length ? { missing: down } : {}),
        });
      },
    },
    prefixRoutes: {
      [ADMIN_PATH]: adminConsoleRoute(options.adminDist ?? ADMIN_DIST),
      // A case document's file (CaseDocument.downloadUrl), read as the caller from cases (documents.ts).
      [DOCUMENTS_PATH]: documentsRoute({
        authenticate,
        signer,
        casesUrl: options.subgraphUrls.cases,
        timeoutMs,
        trustProxyHops: options.trustProxyHops,
        logger,
      }),
    },
    onError: (error) => logger.error({ err: error }, 'request failed'),
  });
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: http }));
  await apollo.start();
  const port = await listen(http, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = `http://localhost:${port}/graphql`;
  logger.info({ url }, 'gateway ready');
  return {
    url,
    port,
    stop: async () => {
      await apollo.stop();
      await close(http);
      logger.info('gateway stopped');
    },
  };
}
