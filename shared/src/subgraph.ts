import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { ENV, isProduction, jobPollMs, portOf, productionStartProblems, type SubgraphName } from './config.js';
import { openOrm, type MigrationEntry, type MikroORM } from './database/orm.js';
import { provisionSubgraph } from './database/provision.js';
import { formatError, outageStatusPlugin, RETRY_AFTER_SECONDS } from './errors.js';
import type { Principal } from './auth/principal.js';
import { PRINCIPAL_HEADER, principalVerifier } from './auth/assertion.js';
import { loadPublicKey } from './auth/keys.js';
import { close, createGraphQLHttpServer, listen, requestSignal, sendJson, type Route } from './http.js';
import { createLogger, type Logger } from './logger.js';
import type { Constructor } from '@mikro-orm/core';
import type { EventHandlers } from './events/event.js';
import { deliveriesIn } from './events/relay.js';
import { setUpEvents } from './events/runtime.js';
import type { JobRun, Jobs } from './jobs/job.js';
import { createJobQueue } from './jobs/queue.js';
import { jobRunsOf, scheduledJobs } from './jobs/scheduler.js';
import { createMetrics } from './metrics.js';
import { inputGuardPlugin } from './input-guard.js';
import { createAdmission, subgraphAdmissionOptions } from './overload.js';

/** What every resolver receives: a request's own EntityManager and DataLoaders (docs/architecture.md, Notes on the stack). */
export interface SubgraphContext<Loaders, Services = unknown> {
  em: EntityManager;
  /** What the subgraph's setup() made once at start (signing keys, clients …). */
  services: Services;
  /** The caller, as vouched for by the gateway's signed principal header. */
  principal: Principal;
  /** That signed header itself, to pass on when this subgraph asks another (see subgraphClient). */
  assertion: string;
  loaders: Loaders;
  logger: Logger;
  requestId: string;
  /** Aborts when the gateway has given up or the caller is gone (http.ts requestSignal): long loops check it. */
  signal?: AbortSignal;
}

export interface SubgraphDefinition<Loaders> {
  name: SubgraphName;
  entities: Constructor<object>[];
  migrations: MigrationEntry[];
  buildSchema(): Promise<{ schema: GraphQLSchema; sdl: string }>;
  /**
   * Per-request DataLoaders. `request` carries what loaders that ask another subgraph need: the services
   * from setup() and the caller's signed principal to pass on.
   */
  createLoaders(em: EntityManager, request: LoaderRequest): Loaders;
  /** Runs once at start: services for every request's context, and extra HTTP routes. */
  setup?(orm: MikroORM, env: Env): Promise<{ services?: unknown; routes?: Record<string, Route> }>;
  /** Loads the demo data; must be idempotent (it runs at every start with DEMO_DATA=true). */
  seedDemo?(em: EntityManager, logger: Logger, options: { production: boolean; services: unknown }): Promise<void>;
  /**
   * The events this subgraph consumes, by type (events/subscriptions.ts says who receives what). Each runs in
   * the transaction that records the event as processed; the entities must then include ProcessedEvent.
   * A subgraph publishes events by listing OutboxMessage in its entities: the runtime then delivers them
   * on its job queue (events/relay.ts, jobs/queue.ts).
   */
  eventHandlers?: EventHandlers;
  /**
   * Jobs run on a schedule, by name (jobs/scheduler.ts), on the subgraph's job queue (jobs/queue.ts): each
   * replica looks for due work every JOB_POLL_MS and a due job runs once across all of them.
   */
  jobs?: Jobs;
}

type Env = Record<string, string | undefined>;

export interface LoaderRequest {
  services: unknown;
  assertion: string;
  /**
   * True once Apollo has read the operation and it is a query: loaders may then read rows instead of entities
   * (selectRows), since nothing in the request changes an entity they would hand out. A mutation, or a request
   * whose operation is not known yet, reads entities through the ORM (its identity map shows the request's own
   * changes). Missing: entities.
   */
  readOnly?: () => boolean;
}

/** A request's operation kind by its EntityManager (set by the plugin below, read by readOnly). */
const operationKinds = new WeakMap<object, { query: boolean }>();

/** Tells a request's loaders whether its operation is a query (LoaderRequest.readOnly). */
function operationKindPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const em = (contextValue as { em?: object }).em;
          const kind = em && operationKinds.get(em);
          if (kind) kind.query = operation?.operation === 'query';
        },
      };
    },
  };
}

export interface RunningSubgraph {
  name: SubgraphName;
  url: string;
  port: number;
  orm: MikroORM;
  /**
   * Both run everything due on the subgraph's queue now (tests await them): drainOutbox answers how many
   * deliveries succeeded (0 for a subgraph that publishes none), runDueJobs which scheduled jobs ran ([] without jobs).
   */
  drainOutbox(): Promise<number>;
  runDueJobs(): Promise<JobRun[]>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Administrator connection: the subgraph provisions its own role and schema with it. */
  adminDatabaseUrl?: string;
  /** A connection as the subgraph's own role (already provisioned). */
  databaseUrl?: string;
  port?: number;
  host?: string;
  demoData?: boolean;
  production?: boolean;
  logger?: Logger;
  /** Where keys and secrets are read from (default: process.env); tests pass their own. */
  env?: Env;
}

/** Reads the options of a subgraph process from its environment (see README, "Configuration"). */
export function startOptionsFromEnv(name: SubgraphName, env = process.env): StartOptions {
  return {
    adminDatabaseUrl: env[ENV.databaseUrlAdmin],
    databaseUrl: env[ENV.databaseUrl(name)],
    port: portOf(name, env),
    host: env[ENV.host] || '127.0.0.1',
    demoData: env[ENV.demoData] === 'true',
    production: isProduction(env),
  };
}

export async function startSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  options: StartOptions,
): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(definition.name);
  const clientUrl =
    options.databaseUrl ??
    (options.adminDatabaseUrl ? await provisionSubgraph(options.adminDatabaseUrl, definition.name) : undefined);
  if (!clientUrl)
    throw new Error(`${definition.name}: set ${ENV.databaseUrlAdmin} or ${ENV.databaseUrl(definition.name)}`);

  const orm = await openOrm({
    subgraph: definition.name,
    clientUrl,
    entities: definition.entities,
    migrations: definition.migrations,
  });

  const env = options.env ?? process.env;
  const verifier = await principalVerifier(await loadPublicKey('gateway', env));
  const { services, routes } = (await definition.setup?.(orm, env)) ?? {};
  const events = await setUpEvents(definition, orm, env, logger);
  const scheduled =
    definition.jobs && Object.keys(definition.jobs).length
      ? scheduledJobs({ orm, jobs: definition.jobs, logger: logger.child({ component: 'jobs' }), services, env })
      : undefined;
  // One queue for the outbox's deliveries and the scheduled jobs: one worker pool per replica.
  const users = [events.delivery, scheduled].filter((user) => user !== undefined);
  const queue = users.length
    ? createJobQueue({ orm, users, logger: logger.child({ component: 'queue' }), pollMs: jobPollMs(env) })
    : undefined;
  if (options.demoData && definition.seedDemo) {
    await definition.seedDemo(orm.em.fork(), logger, { production: options.production ?? false, services });
  }
  const { schema } = await definition.buildSchema();
  const production = options.production ?? false;
  const metrics = createMetrics(definition.name, { logger, production, env });
  const apollo = new ApolloServer<SubgraphContext<Loaders>>({
    schema,
    formatError: formatError(production),
    includeStacktraceInErrorResponses: !production,
    introspection: !production,
    // We stop on signals ourselves (stopOnSignals): Apollo's own handler would re-raise the signal into ours.
    stopOnTerminationSignals: false,
    // Only the gateway calls a subgraph: no landing page, no traces sent back to it.
    // Metrics and the log line of an unexpected error (metrics.ts); every string argument bounded (input-guard.ts).
    // No cache hints either: Apollo's cache-control plugin wraps every field's resolver to compute them, and the
    // schema declares none (@cacheControl), so every answer was uncacheable anyway.
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      metrics.plugin,
      inputGuardPlugin(),
      operationKindPlugin(),
      outageStatusPlugin(),
    ],
    logger: {
      debug: () => {},
      info: (m) => logger.info(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
  });
  // As many operations at once as the database pool has connections, a short queue, then 503 (overload.ts).
  const admission = createAdmission(subgraphAdmissionOptions(orm.config.get('pool')?.max ?? 10, env));
  const http = createGraphQLHttpServer<SubgraphContext<Loaders>>({
    apollo,
    admission: { admission, service: definition.name },
    context: async (req: IncomingMessage) => {
      const em = orm.em.fork();
      const requestId = String(req.headers['x-request-id'] ?? randomUUID());
      const principal = await verifier.verify(req.headers[PRINCIPAL_HEADER]);
      const assertion = String(req.headers[PRINCIPAL_HEADER]);
      const kind = { query: false };
      operationKinds.set(em, kind);
      return {
        em,
        principal,
        assertion,
        services,
        loaders: definition.createLoaders(em, { services, assertion, readOnly: () => kind.query }),
        logger: logger.child({ requestId }),
        requestId,
        signal: requestSignal(req),
      };
    },
    routes: {
      ...routes,
      ...events.routes,
      '/healthz': (_req, res) => sendJson(res, 200, { status: 'ok', service: definition.name }),
      '/metrics': metrics.route,
      // Which part is missing, by name: { status, service, dependencies: { database: 'up' | 'down' } }.
      '/readyz': async (_req, res) => {
        const database = await Promise.race([
          orm.isConnected().catch(() => false),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000).unref()),
        ]);
        if (!database) res.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
        sendJson(res, database ? 200 : 503, {
          status: database ? 'ready' : 'unavailable',
          service: definition.name,
          dependencies: { database: database ? 'up' : 'down' },
        });
      },
    },
    onError: (error) => logger.error({ err: error }, 'request failed'),
  });
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: http }));
  await apollo.start();
  const port = await listen(http, options.port ?? 0, options.host ?? '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  logger.info({ url }, 'subgraph ready');
  queue?.start();

  return {
    name: definition.name,
    url,
    port,
    orm,
    drainOutbox: async () => deliveriesIn((await queue?.runDue()) ?? []),
    runDueJobs: async () => jobRunsOf((await queue?.runDue()) ?? []),
    stop: async () => {
      // The queue first: a job in flight still uses the database pool closed below.
      await queue?.stop();
      await apollo.stop();
      await close(http);
      await orm.close();
      logger.info('subgraph stopped');
    },
  };
}

/** Ends the process cleanly on SIGINT/SIGTERM: stop taking requests, finish the open ones, close the pool. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      stop().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

/** The body of each subgraph's main.ts: start from the environment, stop on signals, exit on failure. */
export async function runSubgraphProcess<Loaders>(definition: SubgraphDefinition<Loaders>) {
  const logger = createLogger(definition.name);
  // Default passwords, the embedded database or a missing key stop a production start (config.ts).
  const problems = isProduction() ? productionStartProblems(process.env, [definition.name]) : [];
  if (problems.length) {
    logger.fatal({ problems }, 'refusing to start in production: see README, "Running in production"');
    process.exit(1);
  }
  try {
    const running = await startSubgraph(definition, { ...startOptionsFromEnv(definition.name), logger });
    stopOnSignals(running.stop, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'subgraph failed to start');
    process.exit(1);
  }
}
