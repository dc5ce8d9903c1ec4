/**
 * npm run bench:attacks [-- --production] [-- <gateway URL>]
 * Replays the requests of issue 10 item 4 that once stalled the system and prints, for each, the worst time
 * per request and the answer's HTTP status and error code, while polling the gateway's /healthz every 50 ms
 * and printing its worst wait. Goal: every hostile request answered within 1 s, /healthz never waiting more
 * than 100 ms.
 *
 * Without a URL it starts its own system, as `npm start` does (separate processes, a throwaway embedded
 * PostgreSQL, demo data, development keys in a temporary folder). With --production it runs that system with
 * NODE_ENV=production instead: fresh secrets (`npm run keys`), no demo data, and a first administrator made
 * with `npm run create-admin` to sign in as (its county then holds no households). With a URL it signs in as
 * BENCH_USERNAME / BENCH_PASSWORD (default: the demo county administrator), who needs programmes:write.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ENV, ensureDatabase, freePort, startEmbeddedPostgres, SUBGRAPHS, type EmbeddedDatabase } from '@doudi/shared';
import { productionEnvFile } from './keys.js';
import { stopChildren, waitReady } from './processes.js';

const ROUNDS = 5;
const production = process.argv.includes('--production');
/** Where ruleMatchCount counts: the demo county, or the province the production administrator is made in. */
const JURISDICTION = production ? '140000000000' : '141023000000';
const root = join(import.meta.dirname, '..');
const children: ChildProcess[] = [];
let embedded: EmbeddedDatabase | undefined;
let dir: string | undefined;

/** The lines of a .env file (`NAME='value'`) as variables. */
const envOf = (file: string) =>
  Object.fromEntries([...file.matchAll(/^([A-Z_]+)='([^']*)'$/gm)].map(([, name, value]) => [name, value]));

const BENCH_ADMIN = { username: 'bench.admin', password: `bench-${Math.random().toString(36).slice(2)}-password` };

/** The system as `npm start` runs it: each service its own process. */
async function startOwnSystem(production: boolean): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'doudi-attacks-'));
  const secrets = production ? envOf(await productionEnvFile()) : {};
  embedded = await startEmbeddedPostgres({
    dataDir: join(dir, 'pg'),
    port: await freePort(),
    persistent: false,
    password: secrets.POSTGRES_PASSWORD,
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...secrets,
    NODE_ENV: production ? 'production' : 'development',
    [ENV.databaseUrlAdmin]: await ensureDatabase(embedded.url, 'doudi'),
    [ENV.demoData]: production ? 'false' : 'true',
    [ENV.logLevel]: process.env[ENV.logLevel] ?? 'error',
    KEYS_DIR: join(dir, 'keys'),
  };
  for (const service of ['gateway', ...SUBGRAPHS] as const) env[ENV.port(service)] = String(await freePort());
  const run = (folder: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${folder}/src/main.ts`], {
      cwd: root,
      env,
      stdio: ['ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore', 'inherit'],
    });
    children.push(child);
  };
  // Keys are made by the first service that needs them: organisations first, alone.
  run('subgraphs/organisations');
  await waitReady(`http://localhost:${env[ENV.port('organisations')]}/readyz`);
  if (production) {
    const created = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/create-admin.ts',
        '--username',
        BENCH_ADMIN.username,
        '--organisation',
        '山西省民政厅',
        '--jurisdiction',
        '140000000000',
        '--jurisdiction-name',
        '山西省',
      ],
      {
        cwd: root,
        env: { ...env, CREATE_ADMIN_PASSWORD: BENCH_ADMIN.password },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const code = await new Promise((resolve) => created.once('exit', resolve));
    if (code !== 0) throw new Error('create-admin failed');
  }
  for (const name of SUBGRAPHS.filter((n) => n !== 'organisations')) run(`subgraphs/${name}`);
  for (const name of SUBGRAPHS) await waitReady(`http://localhost:${env[ENV.port(name)]}/readyz`);
  run('gateway');
  const url = `http://localhost:${env[ENV.port('gateway')]}/graphql`;
  await waitReady(url.replace(/\/graphql$/, '/readyz'));
  return url;
}

async function stopOwnSystem() {
  await stopChildren(children);
  await embedded?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

interface Answer {
  status: number;
  code: string;
  ms: number;
}

async function post(url: string, body: string, token?: string): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let code = 'OK';
  try {
    const json = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    if (json.errors?.length) code = json.errors[0].extensions?.code ?? 'ERROR';
  } catch {
    code = 'not JSON';
  }
  return { status: response.status, code, ms };
}

const gql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });

function fragmentBomb(n: number) {
  const defs = [`fragment F0 on Query { __typename }`];
  for (let i = 1; i < n; i++) defs.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `query { ...F${n - 1} } ${defs.join(' ')}`;
}

const list = `[${Array.from({ length: 200 }, (_, i) => i).join(',')}]`;

const ATTACKS: { name: string; anonymous?: boolean; body: () => string }[] = [
  { name: 'fragment bomb (30 fragments, anonymous)', anonymous: true, body: () => gql(fragmentBomb(30)) },
  {
    name: '1,000 aliases (anonymous)',
    anonymous: true,
    body: () => gql(`{ ${Array.from({ length: 1_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`),
  },
  {
    name: '100,000 invalid enum values in a variable',
    body: () =>
      gql(`query($s: [CaseStage!]) { cases(filter: { stages: $s }) { totalCount } }`, {
        s: Array.from({ length: 100_000 }, () => 'X'),
      }),
  },
  { name: '30 MB of "["', body: () => '['.repeat(30_000_000) },
  {
    name: 'JSON nested 100,000 deep in variables',
    body: () => `{"query":"{ __typename }","variables":{"v":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
  },
  {
    name: 'widest legal query (every list at first: 100, nested)',
    body: () =>
      gql(`{ cases(first: 100) { nodes { household { members(first: 100) { nodes { name } } }
        referrals(first: 100) { nodes { toOrganisation { name } } } } } }`),
  },
  {
    name: 'CEL rule multiplying three 200-item lists (ruleMatchCount)',
    body: () =>
      gql(`query($rule: String!) { ruleMatchCount(jurisdictionCode: "${JURISDICTION}", rule: $rule) { households } }`, {
        rule: `${list}.all(a, ${list}.all(b, ${list}.all(c, a + b + c >= 0)))`,
      }),
  },
  {
    name: 'costliest CEL rule the budget allows (ruleMatchCount)',
    body: () =>
      gql(`query($rule: String!) { ruleMatchCount(jurisdictionCode: "${JURISDICTION}", rule: $rule) { households } }`, {
        rule: 'members.exists(a, members.exists(b, members.exists(c, a.age > c.age)))',
      }),
  },
];

const given = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
let gatewayUrl = given;
try {
  gatewayUrl ??= await startOwnSystem(production);
  const signIn = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: gql(`mutation($input: SignInInput!) { signIn(input: $input) { accessToken } }`, {
      input: {
        username: process.env.BENCH_USERNAME ?? (production ? BENCH_ADMIN.username : 'xiangfen.admin'),
        password: process.env.BENCH_PASSWORD ?? (production ? BENCH_ADMIN.password : 'doudi-demo-2026'),
      },
    }),
  }).then((r) => r.json() as Promise<{ data?: { signIn: { accessToken: string } } }>);
  const token = signIn.data?.signIn.accessToken;
  if (!token) throw new Error(`sign-in failed: ${JSON.stringify(signIn)}`);

  // /healthz every 50 ms, from a worker thread so that this process's own sending (30 MB of "[") does not
  // count as the gateway's wait: its worst wait is how long the gateway could not answer anyone.
  const healthz = gatewayUrl.replace(/\/graphql$/, '/healthz');
  let worstHealthz = 0;
  let worstHealthzNow = 0;
  const poller = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    let polling = true;
    parentPort.on('message', () => { polling = false; });
    (async () => {
      while (polling) {
        const started = performance.now();
        await fetch(workerData).then((r) => r.arrayBuffer(), () => null);
        parentPort.postMessage(performance.now() - started);
        await new Promise((r) => setTimeout(r, 50));
      }
      parentPort.close();
    })();`,
    { eval: true, workerData: healthz },
  );
  poller.on('message', (waited: number) => {
    worstHealthz = Math.max(worstHealthz, waited);
    worstHealthzNow = Math.max(worstHealthzNow, waited);
  });
  const pollerDone = new Promise((resolve) => poller.once('exit', resolve));
  await new Promise((r) => setTimeout(r, 200));

  const mode = given ? '' : production ? ' (NODE_ENV=production)' : ' (development, demo data)';
  console.log(`\n${ROUNDS} rounds each against ${gatewayUrl}${mode}\n`);
  console.log(`${'attack'.padEnd(62)} ${'worst ms'.padStart(9)}  status  ${'code'.padEnd(25)} /healthz worst ms`);
  let worstAttack = 0;
  for (const attack of ATTACKS) {
    const body = attack.body();
    let worst: Answer | undefined;
    worstHealthzNow = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const answer = await post(gatewayUrl, body, attack.anonymous ? undefined : token);
      if (!worst || answer.ms > worst.ms) worst = answer;
    }
    worstAttack = Math.max(worstAttack, worst!.ms);
    console.log(
      `${attack.name.padEnd(62)} ${worst!.ms.toFixed(0).padStart(9)}  ${String(worst!.status).padEnd(6)}  ` +
        `${worst!.code.padEnd(25)} ${worstHealthzNow.toFixed(0)}`,
    );
  }
  poller.postMessage('stop');
  await pollerDone;
  console.log(`\nworst hostile request: ${worstAttack.toFixed(0)} ms (goal: under 1,000 ms)`);
  console.log(`worst /healthz wait meanwhile: ${worstHealthz.toFixed(0)} ms (goal: under 100 ms)\n`);
} finally {
  if (!given) await stopOwnSystem();
}
