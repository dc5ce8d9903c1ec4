/**
 * Faults injected into a running system (issue 18 item 5), shared by the short versions in test/resilience/ and
 * the long ones of `npm run bench:faults`: a subgraph process killed while requests flow, restarted by npm start's
 * supervisor (scripts/supervise.ts); PostgreSQL killed with SIGKILL during acknowledged writes, restarted the
 * same way. Each answers what it measured: recovery times, and what the clients saw meanwhile.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  ENV,
  ensureDatabase,
  freePort,
  generateSigningKey,
  principalSigner,
  PRINCIPAL_HEADER,
  publicJwkOf,
  startEmbeddedPostgres,
  startSubgraph,
  SUBGRAPHS,
  type EmbeddedDatabase,
  type Principal,
  type RunningSubgraph,
  type SubgraphName,
} from '@doudi/shared';
import { startGateway, type RunningGateway } from '@doudi/gateway';
import { definitions } from '../subgraphs.js';
import { waitReady } from '../processes.js';
import { childProcess, Supervisor } from '../supervise.js';

const root = join(import.meta.dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keys made for one run, in the variables the services read (as the test environment does). */
export async function faultKeys() {
  const [gateway, auth, service] = await Promise.all([
    generateSigningKey(),
    generateSigningKey(),
    generateSigningKey(),
  ]);
  const signer = await principalSigner(gateway);
  return {
    gateway,
    env: {
      GATEWAY_PUBLIC_KEY: JSON.stringify(publicJwkOf(gateway)),
      AUTH_SIGNING_KEY: JSON.stringify(auth),
      SERVICE_SIGNING_KEY: JSON.stringify(service),
      SERVICE_PUBLIC_KEY: JSON.stringify(publicJwkOf(service)),
      PERSONAL_DATA_KEY: randomBytes(32).toString('base64'),
    } as Record<string, string>,
    /** The principal header the gateway would send, for calling a subgraph directly. */
    header: async (principal: Principal) => ({ [PRINCIPAL_HEADER]: await signer.sign(principal) }),
  };
}

const SYSTEM_ADMIN: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-0000000fa017',
  organisationId: null,
  jurisdictionCode: null,
  roles: ['SYSTEM_ADMIN'],
  scopes: [],
};

// Answers are read loosely, as a client would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Answer {
  status: number;
  body: { data?: Record<string, Json> | null; errors?: { message: string; extensions?: Record<string, Json> }[] };
  text: string;
}

async function post(url: string, query: string, variables: unknown, headers: Record<string, string>): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Answer['body'], text };
}

/** What no answer may carry during an outage: SQL, an internal address, a file path, a stack trace. */
export const LEAKS = /127\.0\.0\.1|localhost:\d|ECONNREFUSED|\bselect\b|\binsert into\b|stacktrace|\/src\//i;

/** Restarts what dies, as npm start does, without giving up (a fault-injection run kills on purpose). */
function supervisorFor(logger: ReturnType<typeof createLogger>) {
  return new Supervisor({ logger, maxCrashes: 1_000, windowMs: 60_000, onGiveUp: () => {} });
}

/** A supervised embedded PostgreSQL in a throwaway folder. */
async function supervisedPostgres(supervisor: Supervisor) {
  const dir = mkdtempSync(join(tmpdir(), 'doudi-faults-'));
  const port = await freePort();
  let db = undefined as EmbeddedDatabase | undefined;
  await supervisor.add({
    name: 'postgres',
    start: async () => {
      if (db) await db.restart();
      else db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), port, persistent: true });
      const running = db;
      return { pid: running.pid(), exited: running.exited(), stop: () => running.stop() };
    },
  });
  return {
    url: await ensureDatabase(db!.url, 'doudi'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface WritesUnderKillsResult {
  acknowledged: number;
  /** Acknowledged writes missing from the database afterwards, and names stored more than once. */
  lost: number;
  duplicated: number;
  /** From each SIGKILL to the first write acknowledged after it, in ms. */
  recoveryMs: number[];
  /** How the refused attempts were answered: code → count (SERVICE_UNAVAILABLE only, when all is well). */
  refusals: Record<string, number>;
  /** Answers that carried SQL, an address or a stack trace. */
  leaks: string[];
}

/**
 * Writers create organisations (createOrganisation with an idempotency key) as fast as the subgraph answers,
 * retrying a refused or lost write with the same key, while PostgreSQL is killed with SIGKILL `kills` times,
 * `everyMs` apart, and restarted by the supervisor. Then every acknowledged write must be in the database once.
 */
export async function writesWhilePostgresKilled(options: {
  kills: number;
  everyMs: number;
  writers?: number;
}): Promise<WritesUnderKillsResult> {
  const logger = createLogger('faults');
  const supervisor = supervisorFor(logger);
  const postgres = await supervisedPostgres(supervisor);
  const keys = await faultKeys();
  let organisations: RunningSubgraph | undefined;
  try {
    organisations = await startSubgraph(definitions.organisations, {
      adminDatabaseUrl: postgres.url,
      demoData: true,
      env: keys.env,
    });
    const url = organisations.url;
    const header = await keys.header(SYSTEM_ADMIN);
    const run = randomBytes(4).toString('hex');
    const acknowledged = new Map<string, string>();
    const refusals: Record<string, number> = {};
    const leaks: string[] = [];
    /** When each acknowledged write was sent and answered: a recovery counts only writes sent after the kill. */
    const ackTimes: { startedAt: number; at: number }[] = [];
    let writing = true;
    const writer = async (w: number) => {
      for (let i = 0; writing; i++) {
        const key = `faults-${run}-${w}-${i}`;
        for (;;) {
          const startedAt = Date.now();
          const answer = await post(
            url,
            'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id name } } }',
            { input: { idempotencyKey: key, jurisdictionCode: '141023000000', kind: 'CHARITY', name: `演练 ${key}` } },
            header,
          ).catch((error: Error): Answer => ({ status: 0, body: { errors: [{ message: error.message }] }, text: '' }));
          const id = answer.body.data?.createOrganisation?.organisation?.id as string | undefined;
          if (id) {
            acknowledged.set(key, id);
            ackTimes.push({ startedAt, at: Date.now() });
            break;
          }
          const code = String(answer.body.errors?.[0]?.extensions?.code ?? `HTTP ${answer.status}`);
          refusals[code] = (refusals[code] ?? 0) + 1;
          if (LEAKS.test(answer.text)) leaks.push(answer.text.slice(0, 300));
          await sleep(50);
        }
      }
    };
    const writers = Array.from({ length: options.writers ?? 4 }, (_, w) => writer(w));
    const recoveryMs: number[] = [];
    for (let k = 0; k < options.kills; k++) {
      await sleep(options.everyMs);
      while (!supervisor.isUp('postgres')) await sleep(20);
      const killedAt = Date.now();
      process.kill(supervisor.pidOf('postgres')!, 'SIGKILL');
      const after = () => ackTimes.find((t) => t.startedAt > killedAt);
      while (!after()) await sleep(20);
      recoveryMs.push(after()!.at - killedAt);
    }
    await sleep(500);
    writing = false;
    await Promise.all(writers);

    const rows = await organisations.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string; name: string }[]>(`select id, name from organisation where name like ?`, [
        `演练 faults-${run}-%`,
      ]);
    const ids = new Set(rows.map((r) => r.id));
    const names = rows.map((r) => r.name);
    return {
      acknowledged: acknowledged.size,
      lost: [...acknowledged.values()].filter((id) => !ids.has(id)).length,
      duplicated: names.length - new Set(names).size,
      recoveryMs,
      refusals,
      leaks,
    };
  } finally {
    await organisations?.stop().catch(() => {});
    await supervisor.stop();
    postgres.remove();
  }
}

export interface SubgraphKillResult {
  /** From each SIGKILL to the first whole answer after it, in ms. */
  recoveryMs: number[];
  complete: number;
  /** Answers with the other subgraphs' data and SERVICE_UNAVAILABLE naming the killed one. */
  partial: number;
  /** Anything else: a failed request, another error code, a leak. */
  wrong: string[];
}

/**
 * The programmes subgraph runs as its own process under the supervisor (as npm start runs it), the others and the
 * gateway beside it. Clients ask, through the gateway, for a division and its parent's programmes while
 * programmes is killed with SIGKILL `kills` times: meanwhile they must get the division from organisations with
 * the parent null and SERVICE_UNAVAILABLE naming programmes, never anything else.
 */
export async function requestsWhileSubgraphKilled(options: {
  kills: number;
  /** How long requests flow after each recovery before the next kill. */
  settleMs: number;
  /** An administrator connection to a fresh database; default: a throwaway embedded PostgreSQL. */
  databaseUrl?: string;
  clients?: number;
}): Promise<SubgraphKillResult> {
  const logger = createLogger('faults');
  const supervisor = supervisorFor(logger);
  const postgres = options.databaseUrl ? undefined : await supervisedPostgres(supervisor);
  const databaseUrl = options.databaseUrl ?? postgres!.url;
  const keys = await faultKeys();
  let organisations: RunningSubgraph | undefined;
  let gateway: RunningGateway | undefined;
  try {
    organisations = await startSubgraph(definitions.organisations, {
      adminDatabaseUrl: databaseUrl,
      demoData: true,
      env: keys.env,
    });
    const programmesPort = await freePort();
    const programmesUrl = `http://127.0.0.1:${programmesPort}/graphql`;
    const unused = `http://127.0.0.1:${await freePort()}/graphql`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...keys.env,
      NODE_ENV: 'development',
      [ENV.databaseUrlAdmin]: databaseUrl,
      [ENV.demoData]: 'false',
      [ENV.port('programmes')]: String(programmesPort),
      [ENV.url('organisations')]: organisations.url,
      [ENV.url('households')]: unused,
      [ENV.url('cases')]: unused,
      [ENV.logLevel]: process.env[ENV.logLevel] ?? 'warn',
    };
    await supervisor.add({
      name: 'programmes',
      start: childProcess(['--import', 'tsx', 'subgraphs/programmes/src/main.ts'], {
        cwd: root,
        env,
        stdio: ['ignore', 'ignore', 'ignore'],
      }),
      ready: () => waitReady(programmesUrl),
    });
    await waitReady(programmesUrl);
    const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, unused])) as Record<SubgraphName, string>;
    gateway = await startGateway({
      subgraphUrls: { ...urls, organisations: organisations.url, programmes: programmesUrl },
      signingKey: keys.gateway,
      timeoutMs: 10_000,
    });
    const signIn = await post(
      gateway.url,
      'mutation { signIn(input: { username: "xiangfen.admin", password: "doudi-demo-2026" }) { accessToken } }',
      {},
      {},
    );
    const token = signIn.body.data?.signIn?.accessToken as string;
    if (!token) throw new Error(`sign-in failed: ${signIn.text}`);
    const auth = { authorization: `Bearer ${token}` };

    let complete = 0;
    let partial = 0;
    const wrong: string[] = [];
    const completeTimes: { startedAt: number; at: number }[] = [];
    let asking = true;
    const client = async () => {
      while (asking) {
        const startedAt = Date.now();
        const answer = await post(
          gateway!.url,
          '{ jurisdiction(code: "141023100000") { name parent { name programmes(first: 1) { totalCount } } } }',
          {},
          auth,
        ).catch((error: Error) => ({ status: 0, body: {}, text: error.message }) as Answer);
        const jurisdiction = answer.body.data?.jurisdiction;
        const errors = answer.body.errors ?? [];
        if (jurisdiction?.parent?.programmes && !errors.length) {
          complete++;
          completeTimes.push({ startedAt, at: Date.now() });
        } else if (
          answer.status === 200 &&
          jurisdiction?.name &&
          jurisdiction.parent === null &&
          errors.length > 0 &&
          errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE' && e.extensions.service === 'programmes') &&
          !LEAKS.test(answer.text)
        ) {
          partial++;
        } else {
          wrong.push(`${answer.status} ${answer.text.slice(0, 300)}`);
        }
        await sleep(20);
      }
    };
    const clients = Array.from({ length: options.clients ?? 3 }, client);
    const recoveryMs: number[] = [];
    for (let k = 0; k < options.kills; k++) {
      await sleep(options.settleMs);
      while (!supervisor.isUp('programmes')) await sleep(20);
      const killedAt = Date.now();
      process.kill(supervisor.pidOf('programmes')!, 'SIGKILL');
      const after = () => completeTimes.find((t) => t.startedAt > killedAt);
      while (!after()) await sleep(50);
      recoveryMs.push(after()!.at - killedAt);
    }
    await sleep(300);
    asking = false;
    await Promise.all(clients);
    return { recoveryMs, complete, partial, wrong };
  } finally {
    await gateway?.stop().catch(() => {});
    await organisations?.stop().catch(() => {});
    await supervisor.stop();
    postgres?.remove();
  }
}
