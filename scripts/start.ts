/**
 * npm start: the whole system on one machine — PostgreSQL (embedded unless DATABASE_URL is set), the four
 * subgraphs and the gateway as separate processes, demo data on first start. Each part is supervised
 * (scripts/supervise.ts): one that dies alone is started again with back-off while the others keep answering.
 *
 * Run compiled (scripts/dist/start.js, which scripts/start.mjs chooses whenever the build is fresh) it runs every
 * service's compiled JavaScript (`npm run build`) with plain node; run from source, the TypeScript sources through
 * tsx. With NODE_ENV=production (always compiled) it first refuses default passwords, the embedded database and
 * missing keys. The gateway starts beside the subgraphs (it needs only the committed supergraph to start), so a
 * start takes as long as its slowest part rather than the sum (README, "Quick start").
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  createLogger,
  ENV,
  ensureDatabase,
  isProduction,
  loadPrivateKey,
  portOf,
  productionStartProblems,
  startEmbeddedPostgres,
  SUBGRAPHS,
  subgraphUrl,
  type EmbeddedDatabase,
} from '@doudi/shared';
import { buildConsole, consoleIsStale } from './console.js';
import { ensureDemoCounty } from './demo-county.js';
import { waitReady } from './processes.js';
import { childProcess, Supervisor } from './supervise.js';

const started = Date.now();
// scripts/start.ts, or its compiled copy scripts/dist/start.js.
const root = join(import.meta.dirname, basename(import.meta.dirname) === 'dist' ? '../..' : '..');
const production = isProduction();
/** This file's compiled copy runs the services' compiled copies too. */
const compiled = basename(import.meta.dirname) === 'dist';
/** Seconds since start, for the log of where a start's time goes. */
const elapsed = () => Number(((Date.now() - started) / 1000).toFixed(1));
const logger = createLogger('start');
let embedded: EmbeddedDatabase | undefined;
let stopping = false;

// Every part is restarted when it dies (scripts/supervise.ts); SUPERVISE_MAX_CRASHES crashes of one part within
// SUPERVISE_WINDOW_MS stop everything with exit code 1.
const supervisor = new Supervisor({
  logger,
  maxCrashes: Number(process.env.SUPERVISE_MAX_CRASHES || 5),
  windowMs: Number(process.env.SUPERVISE_WINDOW_MS || 60_000),
  onGiveUp: () => void stop(1),
});

const POSTGRES = 'postgres';

async function databaseUrl(): Promise<string> {
  if (process.env[ENV.databaseUrlAdmin]) return process.env[ENV.databaseUrlAdmin]!;
  const port = Number(process.env.POSTGRES_PORT || 54329);
  // The embedded PostgreSQL is a supervised part too: killed, it is started again on its data folder.
  await supervisor.add({
    name: POSTGRES,
    start: async () => {
      if (embedded) await embedded.restart();
      else {
        embedded = await startEmbeddedPostgres({ dataDir: join(root, '.data', 'postgres'), port, persistent: true });
        logger.info({ port, dataDir: '.data/postgres' }, 'embedded PostgreSQL running');
      }
      const db = embedded;
      return { pid: db.pid(), exited: db.exited(), stop: () => db.stop() };
    },
  });
  return ensureDatabase(embedded!.url, 'doudi');
}

/** A service's entry point: its compiled main.js when this runs compiled (`npm run build`), its main.ts through tsx otherwise. */
function entryArguments(folder: string): string[] {
  if (!compiled) return ['--import', 'tsx', `${folder}/src/main.ts`];
  const main = `${folder}/dist/main.js`;
  if (!existsSync(join(root, main))) throw new Error(`${main} is missing: run \`npm run build\` first`);
  return ['--conditions=compiled', main];
}

/** Each service is its own process, so one can die alone; the supervisor starts it again. */
function run(name: string, folder: string, env: NodeJS.ProcessEnv, readyUrl: string): Promise<void> {
  return supervisor.add({
    name,
    start: childProcess(entryArguments(folder), { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] }),
    ready: () => waitReady(readyUrl),
    needs: embedded ? [POSTGRES] : [],
  });
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await supervisor.stop();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

if (production) {
  const problems = productionStartProblems(process.env);
  if (problems.length) {
    console.error(
      `Refusing to start in production (NODE_ENV=production):\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See README, "Running in production".',
    );
    process.exit(1);
  }
}

try {
  // Development keys are made once, here, before four processes could race to make them.
  await loadPrivateKey('auth');
  await loadPrivateKey('gateway');
  await loadPrivateKey('service');
  const env = {
    ...process.env,
    [ENV.databaseUrlAdmin]: await databaseUrl(),
    [ENV.demoData]: process.env[ENV.demoData] ?? 'true',
  };
  // Built beside the services starting up (it needs none of them); the banner waits for both.
  let consoleBuilt: Promise<void> = Promise.resolve();
  if (!production && consoleIsStale(root)) {
    logger.info('building the admin console (its sources changed since the last build)');
    // A console that does not build leaves the API running: reported, not fatal.
    consoleBuilt = buildConsole(root).catch((error: unknown) =>
      logger.warn({ reason: String(error) }, 'the admin console could not be built; the API runs without it'),
    );
  } else if (production && consoleIsStale(root)) {
    logger.warn('admin/dist is missing or older than its sources: run `npm run build` to serve the console');
  }
  const postgresAt = elapsed();
  // Every service at once: the gateway loads the committed supergraph and answers once organisations does.
  const gatewayUrl = `http://localhost:${portOf('gateway', env)}/graphql`;
  await Promise.all([
    ...SUBGRAPHS.map((name) => run(name, `subgraphs/${name}`, env, subgraphUrl(name, env))),
    run('gateway', 'gateway', env, gatewayUrl),
  ]);
  const ready: Record<string, number> = {};
  const subgraphsReady = Promise.all(
    SUBGRAPHS.map((name) => waitReady(subgraphUrl(name, env)).then(() => void (ready[name] = elapsed()))),
  );
  // The schemas are migrated once the subgraphs answer: the demo's generated county goes in then.
  const demoCounty = subgraphsReady.then(() =>
    !production && env[ENV.demoData] === 'true' ? ensureDemoCounty(root, env, logger) : undefined,
  );
  await subgraphsReady;
  await waitReady(gatewayUrl);
  ready.gateway = elapsed();
  await consoleBuilt;
  await demoCounty;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // Where the start's time went, in seconds since it began (README, "Quick start").
  logger.info({ compiled, postgres: postgresAt, ready, total: elapsed() }, 'start-up times');
  const example =
    '{ cases(first: 3) { totalCount nodes { channel summary household { jurisdiction { name } members { nodes { name } } } referrals { nodes { toOrganisation { name } } } } } }';
  const signIn =
    'mutation { signIn(input: { username: "xiangfen.admin", password: "doudi-demo-2026" }) { accessToken } }';
  const quote = (query: string) => JSON.stringify({ query });
  // Only sign-in answers an anonymous caller, so the example signs in first (with a demo account, which
  // production never loads).
  const tryIt =
    production || env[ENV.demoData] !== 'true'
      ? 'Sign in with an account of yours (README, "Signing in and calling the API").'
      : `Try it (a demo account):

  TOKEN=$(curl -s ${gatewayUrl} -H 'content-type: application/json' \\
    -d '${quote(signIn)}' | sed -E 's/.*"accessToken":"([^"]+)".*/\\1/')
  curl -s ${gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '${quote(example)}'`;
  console.log(`
Doudi is running (ready in ${seconds} s).

  Gateway:     ${gatewayUrl}
  Console:     http://localhost:${portOf('gateway', env)}/admin/
  Subgraphs:   ${SUBGRAPHS.map((n) => `${n} :${portOf(n, env)}`).join(', ')}
  PostgreSQL:  ${embedded ? `embedded, data in .data/postgres (port ${process.env.POSTGRES_PORT || 54329})` : 'DATABASE_URL'}

${tryIt}

A service, the gateway or PostgreSQL that dies is started again (logged); Ctrl+C stops everything.
`);
} catch (error) {
  logger.fatal({ err: error, reason: String(error) }, 'start failed');
  await stop(1);
}
