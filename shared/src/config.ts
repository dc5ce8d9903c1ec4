/**
 * The one place that knows the environment variables, ports and service names. The start script,
 * the tests and docker-compose.yml (checked by test/compose-file.test.ts) all read from here.
 */
export const SUBGRAPHS = ['organisations', 'households', 'programmes', 'cases'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  organisations: 4001,
  households: 4002,
  programmes: 4003,
  cases: 4004,
};

const upper = (name: string) => name.toUpperCase();

/** Environment variable names, per service. */
export const ENV = {
  port: (service: SubgraphName | 'gateway') => `${upper(service)}_PORT`,
  /** Where the gateway reaches a subgraph (defaults to localhost and its port). */
  url: (subgraph: SubgraphName) => `${upper(subgraph)}_URL`,
  /** A ready connection string for the subgraph's own role; skips provisioning when set. */
  databaseUrl: (subgraph: SubgraphName) => `${upper(subgraph)}_DATABASE_URL`,
  /** Password given to the subgraph's role when provisioning it from DATABASE_URL. */
  dbPassword: (subgraph: SubgraphName) => `${upper(subgraph)}_DB_PASSWORD`,
  databaseUrlAdmin: 'DATABASE_URL',
  subgraphTimeoutMs: 'SUBGRAPH_TIMEOUT_MS',
  /** How often a subgraph with an outbox looks for events to deliver. */
  eventPollMs: 'EVENT_POLL_MS',
  /** How often a subgraph with scheduled jobs looks for one that is due. */
  jobPollMs: 'JOB_POLL_MS',
  demoData: 'DEMO_DATA',
  logLevel: 'LOG_LEVEL',
  nodeEnv: 'NODE_ENV',
  host: 'HOST',
} as const;

type Env = Record<string, string | undefined>;

/** Every environment variable the services read (docker-compose.yml may set only these). */
export function knownEnvironmentVariables(): string[] {
  const perService = (['gateway', ...SUBGRAPHS] as const).map((s) => ENV.port(s));
  const perSubgraph = SUBGRAPHS.flatMap((s) => [ENV.url(s), ENV.databaseUrl(s), ENV.dbPassword(s)]);
  const global = [
    ENV.databaseUrlAdmin,
    ENV.subgraphTimeoutMs,
    ENV.eventPollMs,
    ENV.jobPollMs,
    ENV.demoData,
    ENV.logLevel,
    ENV.nodeEnv,
    ENV.host,
    'APOLLO_TELEMETRY_DISABLED',
    // Keys and tokens (README, "Keys"): see auth/keys.ts, the organisations setup and the gateway.
    'AUTH_SIGNING_KEY',
    'AUTH_PUBLIC_KEY',
    'GATEWAY_SIGNING_KEY',
    'GATEWAY_PUBLIC_KEY',
    'SERVICE_SIGNING_KEY',
    'SERVICE_PUBLIC_KEY',
    'KEYS_DIR',
    'ACCESS_TOKEN_TTL_SECONDS',
    'SESSION_CACHE_MS',
    'PERSONAL_DATA_KEY',
    'MAX_BODY_BYTES',
  ];
  return [...perService, ...perSubgraph, ...global];
}

export function portOf(service: SubgraphName | 'gateway', env: Env = process.env): number {
  const raw = env[ENV.port(service)];
  if (raw === undefined || raw === '') return DEFAULT_PORTS[service];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${ENV.port(service)} must be a port number, got "${raw}"`);
  }
  return port;
}

export function subgraphUrl(subgraph: SubgraphName, env: Env = process.env): string {
  return env[ENV.url(subgraph)] || `http://localhost:${portOf(subgraph, env)}/graphql`;
}

export function isProduction(env: Env = process.env): boolean {
  return env[ENV.nodeEnv] === 'production';
}

/** Database role and schema of a subgraph: one each, so no subgraph can read another's tables. */
export function databaseNames(subgraph: SubgraphName) {
  return { schema: subgraph, role: `doudi_${subgraph}` };
}

export function subgraphTimeoutMs(env: Env = process.env): number {
  const raw = env[ENV.subgraphTimeoutMs];
  const value = raw ? Number(raw) : 10_000;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${ENV.subgraphTimeoutMs} must be positive`);
  return value;
}

export function eventPollMs(env: Env = process.env): number {
  const raw = env[ENV.eventPollMs];
  const value = raw ? Number(raw) : 1_000;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${ENV.eventPollMs} must be positive`);
  return value;
}

export function jobPollMs(env: Env = process.env): number {
  const raw = env[ENV.jobPollMs];
  const value = raw ? Number(raw) : 5_000;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${ENV.jobPollMs} must be positive`);
  return value;
}
