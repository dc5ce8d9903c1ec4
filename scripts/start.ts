/**
 * npm start: the whole system on one machine — PostgreSQL (embedded unless DATABASE_URL is set), the four
 * subgraphs and the gateway as separate processes, demo data on first start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createLogger,
  ENV,
  ensureDatabase,
  loadPrivateKey,
  portOf,
  startEmbeddedPostgres,
  SUBGRAPHS,
  subgraphUrl,
  type EmbeddedDatabase,
} from '@doudi/shared';

const started = Date.now();
const root = join(import.meta.dirname, '..');
const logger = createLogger('start');
const children: ChildProcess[] = [];
let embedded: EmbeddedDatabase | undefined;
let stopping = false;

async function databaseUrl(): Promise<string> {
  if (process.env[ENV.databaseUrlAdmin]) return process.env[ENV.databaseUrlAdmin]!;
  const port = Number(process.env.POSTGRES_PORT || 54329);
  embedded = await startEmbeddedPostgres({ dataDir: join(root, '.data', 'postgres'), port, persistent: true });
  logger.info({ port, dataDir: '.data/postgres' }, 'embedded PostgreSQL running');
  return ensureDatabase(embedded.url, 'doudi');
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    logger.error({ service: name, code, signal }, 'a service stopped unexpectedly; stopping the rest');
    void stop(1);
  });
  children.push(child);
  return child;
}

async function waitReady(url: string, timeoutMs = 120_000) {
  const readyz = url.replace(/\/graphql$/, '/readyz');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(readyz).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${readyz} did not become ready within ${timeoutMs / 1000} s`);
}

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
  await embedded?.stop();
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

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
  for (const name of SUBGRAPHS) run(name, `subgraphs/${name}/src/main.ts`, env);
  await Promise.all(SUBGRAPHS.map((name) => waitReady(subgraphUrl(name, env))));
  run('gateway', 'gateway/src/main.ts', env);
  const gatewayUrl = `http://localhost:${portOf('gateway', env)}/graphql`;
  await waitReady(gatewayUrl);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const example =
    '{ cases(first: 3) { totalCount nodes { channel summary household { jurisdiction { name } members { nodes { name } } } referrals { nodes { toOrganisation { name } } } } } }';
  console.log(`
Doudi is running (ready in ${seconds} s).

  Gateway:     ${gatewayUrl}
  Subgraphs:   ${SUBGRAPHS.map((n) => `${n} :${portOf(n, env)}`).join(', ')}
  PostgreSQL:  ${embedded ? `embedded, data in .data/postgres (port ${process.env.POSTGRES_PORT || 54329})` : 'DATABASE_URL'}

Try it:

  curl -s ${gatewayUrl} -H 'content-type: application/json' \\
    -d '{"query":"${example.replace(/"/g, '\\"')}"}'

Press Ctrl+C to stop.
`);
} catch (error) {
  logger.fatal({ err: error, reason: String(error) }, 'start failed');
  await stop(1);
}
