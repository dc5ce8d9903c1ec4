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
  /** How often a subgraph's job queue looks for work that became due (event retries, scheduled runs). */
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
    // How long a household import streamed through the gateway may take, and each of its statements.
    'IMPORT_TIMEOUT_MS',
    // Bearer token for GET /metrics (metrics.ts); without it production serves no metrics.
    'METRICS_TOKEN',
    // Reverse proxies in front of the gateway whose X-Forwarded-For names the caller (gateway/src/client-address.ts).
    'TRUST_PROXY_HOPS',
    // Admission control (overload.ts): operations run at once, queued, and how long one may wait.
    'MAX_CONCURRENT_OPERATIONS',
    'OPERATION_QUEUE',
    'OPERATION_QUEUE_WAIT_MS',
    'GATEWAY_MAX_CONCURRENT_OPERATIONS',
    'GATEWAY_OPERATION_QUEUE',
    'GATEWAY_OPERATION_QUEUE_WAIT_MS',
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

function positiveMs(env: Env, name: string, fallback: number): number {
  const value = env[name] ? Number(env[name]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be positive`);
  return value;
}

export const subgraphTimeoutMs = (env: Env = process.env) => positiveMs(env, ENV.subgraphTimeoutMs, 10_000);

/**
 * How long one household import may take (IMPORT_TIMEOUT_MS, default 5 minutes): the gateway's streaming route
 * waits that long for households, and the import's statements may each run that long (the whole file's rows go
 * in one statement a table, longer than a request's usual statement_timeout).
 */
export const importTimeoutMs = (env: Env = process.env) => positiveMs(env, 'IMPORT_TIMEOUT_MS', 300_000);

/** New jobs (an event committed) wake the queue at once; polling finds retries and runs that became due. */
export const jobPollMs = (env: Env = process.env) => positiveMs(env, ENV.jobPollMs, 1_000);

/** Passwords that exist in this repository (development defaults, docker-compose.yml's old fallback). */
export const DEVELOPMENT_PASSWORDS: readonly string[] = [
  'doudi-dev',
  'postgres',
  ...SUBGRAPHS.map((name) => `doudi-${name}-dev`),
];
const MIN_PASSWORD_LENGTH = 16;

/** The keys each service needs in production (README, "Keys"). */
const PRODUCTION_KEYS: Record<SubgraphName | 'gateway', string[]> = {
  gateway: ['GATEWAY_SIGNING_KEY'],
  organisations: ['AUTH_SIGNING_KEY', 'GATEWAY_PUBLIC_KEY', 'SERVICE_SIGNING_KEY'],
  households: ['PERSONAL_DATA_KEY', 'GATEWAY_PUBLIC_KEY', 'SERVICE_SIGNING_KEY'],
  programmes: ['GATEWAY_PUBLIC_KEY', 'SERVICE_SIGNING_KEY'],
  cases: ['GATEWAY_PUBLIC_KEY', 'SERVICE_SIGNING_KEY'],
};

function passwordProblem(variable: string, password: string | undefined): string | null {
  if (!password) return `${variable} is not set`;
  if (DEVELOPMENT_PASSWORDS.includes(password)) return `${variable} is a development default ("${password}")`;
  if (password.length < MIN_PASSWORD_LENGTH) return `${variable} is shorter than ${MIN_PASSWORD_LENGTH} characters`;
  return null;
}

function urlPassword(raw: string): string | undefined {
  try {
    return decodeURIComponent(new URL(raw).password) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * What stops a production start (NODE_ENV=production) of these services, each with what to set; [] when none.
 * The embedded PostgreSQL (fixed superuser password) is for development only, so a subgraph needs DATABASE_URL
 * or its own <NAME>_DATABASE_URL; no password may be a development default; every key must be set, never
 * made on the spot (README, "Running in production").
 */
export function productionStartProblems(
  env: Env = process.env,
  services: readonly (SubgraphName | 'gateway')[] = [...SUBGRAPHS, 'gateway'],
): string[] {
  const problems: string[] = [];
  const howToMake = 'make them with `npm run -s keys > .env` and load that file';
  const subgraphs = services.filter((s): s is SubgraphName => s !== 'gateway');
  const provisioned = subgraphs.filter((name) => !env[ENV.databaseUrl(name)]);
  if (provisioned.length && !env[ENV.databaseUrlAdmin]) {
    problems.push(
      `${ENV.databaseUrlAdmin} is not set: production needs your own PostgreSQL (an administrator connection, ` +
        `postgres://user:password@host:5432/doudi); the embedded one has a fixed superuser password and is for development only`,
    );
  } else if (provisioned.length) {
    const problem = passwordProblem(`the password in ${ENV.databaseUrlAdmin}`, urlPassword(env[ENV.databaseUrlAdmin]!));
    if (problem) problems.push(`${problem}: give the PostgreSQL administrator a strong password`);
  }
  for (const name of subgraphs) {
    const own = env[ENV.databaseUrl(name)];
    const problem = own
      ? passwordProblem(`the password in ${ENV.databaseUrl(name)}`, urlPassword(own))
      : passwordProblem(ENV.dbPassword(name), env[ENV.dbPassword(name)]);
    if (problem) problems.push(`${problem}: set a strong password for the ${name} database role (${howToMake})`);
  }
  const keys = [...new Set(services.flatMap((service) => PRODUCTION_KEYS[service]))];
  for (const key of keys) if (!env[key]) problems.push(`${key} is not set: ${howToMake}`);
  return problems;
}

/** Throws with every production start problem of these services, or returns when there is none. */
export function assertProductionReady(env: Env = process.env, services?: readonly (SubgraphName | 'gateway')[]): void {
  if (!isProduction(env)) return;
  const problems = productionStartProblems(env, services);
  if (problems.length) {
    throw new Error(
      `Refusing to start in production:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        `See README, "Running in production".`,
    );
  }
}
