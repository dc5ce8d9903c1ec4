/**
 * Prometheus metrics and the log line of an unexpected error, for every service (README, "Running in
 * production"). Each service has its own registry (tests run several services in one process), served at
 * `GET /metrics` in the Prometheus text format.
 *
 * Labels are bounded and never carry what a caller sent: the operation type, the root field (a name from the
 * schema, never an alias or the operation's own name) and the error code a client sees (the API's error codes, the
 * GraphQL protocol's, or INTERNAL_SERVER_ERROR). Variables are never read here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { formatError } from './errors.js';
import type { Logger } from './logger.js';
import { safeMessage } from './logger.js';

type Env = Record<string, string | undefined>;

/** Bearer token Prometheus presents at /metrics; in production /metrics answers 404 until it is set. */
export const METRICS_TOKEN_ENV = 'METRICS_TOKEN';

/** Seconds: from a quick lookup to the gateway's subgraph timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Several distinct root fields in one operation are counted together: the label stays bounded. */
export const MULTIPLE_ROOT_FIELDS = '(multiple)';
const NO_OPERATION = '(none)';

export interface ServiceMetrics {
  registry: Registry;
  /** The Apollo plugin that counts requests, errors and latency, and logs unexpected errors. */
  plugin: ApolloServerPlugin<BaseContext>;
  /** `GET /metrics` (see metricsRoute for who may read it). */
  route: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /**
   * The gateway's subgraph calls: wraps a data source's `process` to count each call by subgraph and
   * outcome (ok, errors, http_error, timeout, aborted, network_error) and time it.
   */
  instrumentSubgraph<T extends SubgraphDataSource>(subgraph: string, source: T): T;
}

interface SubgraphDataSource {
  process(options: { context?: unknown }): Promise<{ errors?: readonly unknown[] | null }>;
}

export interface MetricsOptions {
  logger: Logger;
  production: boolean;
  env?: Env;
}

export function createMetrics(service: string, options: MetricsOptions): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'doudi_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation type, root field and outcome (the _count is the request rate)',
    labelNames: ['operation_type', 'root_field', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'doudi_graphql_errors_total',
    help: 'Errors answered, by the code the client sees (API error codes, protocol codes, INTERNAL_SERVER_ERROR)',
    labelNames: ['operation_type', 'code'] as const,
    registers: [registry],
  });
  const subgraphDuration = new Histogram({
    name: 'doudi_gateway_subgraph_request_duration_seconds',
    help: 'Calls from the gateway to a subgraph, by subgraph and outcome (the _count is the call rate)',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const subgraphTimeouts = new Counter({
    name: 'doudi_gateway_subgraph_timeouts_total',
    help: 'Subgraph calls the gateway gave up on after SUBGRAPH_TIMEOUT_MS',
    labelNames: ['subgraph'] as const,
    registers: [registry],
  });

  const clientCode = formatError(true);
  const logger = options.logger;

  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors(requestContext) {
          const operationType = requestContext.operation?.operation ?? NO_OPERATION;
          for (const error of requestContext.errors) {
            const code = codeOf(clientCode, error);
            errors.inc({ operation_type: operationType, code });
            if (code !== 'INTERNAL_SERVER_ERROR') continue;
            // One line per unexpected error; never the variables, the query text or a value it carried.
            const cause = (error as { originalError?: unknown }).originalError ?? error;
            logger.error(
              {
                requestId: requestIdOf(requestContext),
                operationType,
                path: error.path?.join('.'),
                errorClass: errorClassOf(cause),
                errorMessage: safeMessage(cause instanceof Error ? cause.message : String(cause)),
              },
              'unexpected error',
            );
          }
        },
        async willSendResponse(requestContext) {
          const body = requestContext.response.body;
          const failed = body.kind === 'single' ? Boolean(body.singleResult.errors?.length) : false;
          const operation = requestContext.operation;
          duration.observe(
            {
              operation_type: operation?.operation ?? NO_OPERATION,
              root_field: operation ? rootFieldOf(operation, requestContext.document?.definitions ?? []) : NO_OPERATION,
              outcome: failed ? 'error' : 'ok',
            },
            Number(process.hrtime.bigint() - started) / 1e9,
          );
        },
      };
    },
  };

  return {
    registry,
    plugin,
    route: metricsRoute(registry, options),
    instrumentSubgraph(subgraph, source) {
      // Present from the start at 0, so that a rate or an alert on timeouts has a series to read.
      subgraphTimeouts.inc({ subgraph }, 0);
      const process = source.process.bind(source);
      source.process = async (processOptions) => {
        const end = subgraphDuration.startTimer({ subgraph });
        try {
          const response = await process(processOptions);
          end({ outcome: response.errors?.length ? 'errors' : 'ok' });
          return response;
        } catch (error) {
          const outcome = outcomeOf(error);
          end({ outcome });
          // The gateway's fetcher logs the timeout itself (with the request id); here it is counted.
          if (outcome === 'timeout') subgraphTimeouts.inc({ subgraph });
          throw error;
        }
      };
      return source;
    },
  };
}

/** The code a client sees for this error in production (formatError's masking), so the label set is bounded. */
function codeOf(clientCode: ReturnType<typeof formatError>, error: { message: string; extensions?: unknown }) {
  const formatted = clientCode(
    { message: error.message, extensions: error.extensions as Record<string, unknown> },
    error,
  );
  const code = formatted.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function requestIdOf(requestContext: Pick<GraphQLRequestContext<BaseContext>, 'contextValue'>) {
  const id = (requestContext.contextValue as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' ? id : undefined;
}

function errorClassOf(error: unknown): string {
  if (error instanceof Error) return error.constructor?.name || error.name;
  return typeof error;
}

function outcomeOf(thrown: unknown): string {
  // The gateway names an unreachable or slow subgraph SERVICE_UNAVAILABLE, keeping the fetch's error as the cause.
  const named = thrown as { extensions?: { code?: unknown }; cause?: unknown } | null;
  const error = named?.extensions?.code === 'SERVICE_UNAVAILABLE' && named.cause ? named.cause : thrown;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  const status = (error as { extensions?: { response?: { status?: unknown } } } | null)?.extensions?.response?.status;
  if (typeof status === 'number') return 'http_error';
  return 'network_error';
}

/**
 * The root field an operation asks for — a name from the schema, so a bounded label — or MULTIPLE_ROOT_FIELDS.
 * Fragments at the root are followed (a validated document has no cycles).
 */
export function rootFieldOf(operation: OperationDefinitionNode, definitions: readonly { kind: string }[] = []): string {
  const fragments = new Map(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(operation.selectionSet);
  names.delete('__typename');
  if (names.size === 0) return '__typename';
  return names.size === 1 ? [...names][0] : MULTIPLE_ROOT_FIELDS;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/**
 * `GET /metrics`. With METRICS_TOKEN set it asks for `Authorization: Bearer <token>`. Without it, production
 * answers 404: the gateway's port is public, and behind a reverse proxy every caller looks local, so neither
 * the port nor the caller's address can tell Prometheus from anyone else. Development answers everyone (the
 * services listen on 127.0.0.1 by default).
 */
export function metricsRoute(registry: Registry, options: { production: boolean; env?: Env }) {
  const token = (options.env ?? process.env)[METRICS_TOKEN_ENV] || undefined;
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (!token && options.production) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (token) {
      const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
      if (!timingSafeEqual(sha256(given), sha256(token))) {
        res.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' }).end('unauthorized');
        return;
      }
    }
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text);
  };
}

/**
 * The value of one sample in a Prometheus text exposition, whatever the order of its labels (0 when absent).
 * For tests and scripts reading /metrics.
 */
export function sampleValue(exposition: string, metric: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== metric) continue;
    const present = new Set((match[2] ?? '').match(/\w+="(?:[^"\\]|\\.)*"/g) ?? []);
    if (wanted.every((pair) => present.has(pair))) return Number(match[3]);
  }
  return 0;
}
