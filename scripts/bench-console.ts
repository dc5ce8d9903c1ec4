/**
 * npm run bench:console -- [--households N] [--seed WORD] [--runs N]
 *
 * How heavy and how fast the admin console is (issue 14 item 8), on a generated city (the one npm run generate
 * and npm run bench:reports make, kept under .data/bench-postgres, one database per size and seed; generated here
 * the first time):
 *  - the initial JavaScript and CSS of the build (what index.html loads before anything else), raw and gzipped,
 *    and what each page family's lazy chunk adds when it is opened;
 *  - in headless chromium, each load cold (a new browser context: nothing cached) with a signed-in session of the
 *    city's administrator, median of --runs loads: navigation to the programmes list showing its first row; to
 *    the households list of the whole city (N households, paged on the server) showing its first row; and to the
 *    dashboard with every chart drawn (ECharts' `finished`, marked data-drawn on the canvas).
 * The console is built first when its sources are newer than admin/dist. A benchmark, not a test.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { chromium, type Browser } from 'playwright-core';
import {
  createLogger,
  ensureDatabase,
  freePort,
  loadPrivateKey,
  startEmbeddedPostgres,
  startSubgraph,
  SUBGRAPHS,
  type RunningSubgraph,
  type SubgraphName,
} from '@doudi/shared';
import { startGateway } from '@doudi/gateway';
import { definitions } from './subgraphs.js';
import { buildConsole, consoleIsStale } from './console.js';
import { StaffAccount } from '../subgraphs/organisations/src/account/account.entities.js';
import { CITY_PRESETS } from './generate/city.js';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'admin', 'dist');
const argument = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const households = Number(argument('households', '20000'));
const seed = argument('seed', 'bench');
const runs = Number(argument('runs', '5'));
if (!Number.isInteger(households) || households < 100 || !/^\w{1,30}$/.test(seed) || !(runs >= 1)) {
  console.error('usage: npm run bench:console -- [--households N ≥ 100] [--seed WORD] [--runs N ≥ 1]');
  process.exit(2);
}
const CITY = '1408';
const cityCode = CITY.padEnd(12, '0');
const logger = createLogger('bench', { ...process.env, LOG_LEVEL: 'warn' });

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const spread = (values: number[]) =>
  `median ${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)}, ${values.length} loads)`;

// ── the build ──────────────────────────────────────────────────────────────────────────────────────────────

function sizes() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/admin\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const measure = (files: string[]) =>
    files.reduce(
      (sum, file) => {
        const content = readFileSync(join(dist, file));
        return { raw: sum.raw + content.length, gzip: sum.gzip + gzipSync(content, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  const lazy = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') && !initial.includes(`assets/${f}`))
    .map((f) => `assets/${f}`);
  const largest = lazy
    .map((file) => ({ file: file.replace(/^assets\/|-[\w-]{8}\.js$/g, ''), ...measure([file]) }))
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 6);
  return { initial: measure(initial), lazy: measure(lazy), lazyFiles: lazy.length, largest };
}

// ── the system on the generated city ────────────────────────────────────────────────────────────────────────

async function database(): Promise<{ url: string; stop: () => Promise<void> }> {
  const name = `bench_${households}_${seed}`.toLowerCase();
  if (process.env.DATABASE_URL)
    return { url: await ensureDatabase(process.env.DATABASE_URL, name), stop: async () => {} };
  const db = await startEmbeddedPostgres({
    dataDir: join(root, '.data', 'bench-postgres'),
    port: await freePort(),
    persistent: true,
  });
  return { url: await ensureDatabase(db.url, name), stop: db.stop };
}

async function graphql<T = Record<string, any>>(url: string, query: string, variables: object, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** Cold loads (a fresh context each): from navigating to `path` with the session until `ready` resolves. */
async function coldLoads(browser: Browser, session: string, url: string, ready: (page: any) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript((value) => (globalThis as any).sessionStorage.setItem('doudi.session', value), session);
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(url);
    await ready(page);
    times.push(performance.now() - started);
    await context.close();
  }
  return times;
}

if (consoleIsStale(root)) {
  console.log('Building the console (its sources are newer than admin/dist)…');
  await buildConsole(root);
}
const { initial, lazy, lazyFiles, largest } = sizes();
console.log(`Initial JavaScript and CSS: ${kib(initial.raw)} (${kib(initial.gzip)} gzipped)`);
console.log(`Loaded later, where used (${lazyFiles} files): ${kib(lazy.raw)} (${kib(lazy.gzip)} gzipped); largest:`);
for (const chunk of largest) console.log(`  ${chunk.file.padEnd(28)} ${kib(chunk.gzip)} gzipped`);

const db = await database();
const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
try {
  for (const name of SUBGRAPHS) {
    for (const started of Object.values(subgraphs)) env[`${started.name.toUpperCase()}_URL`] = started.url;
    subgraphs[name] = await startSubgraph(definitions[name], {
      adminDatabaseUrl: db.url,
      demoData: false,
      env,
      logger,
    });
  }
  for (const name of SUBGRAPHS) env[`${name.toUpperCase()}_URL`] = subgraphs[name].url;
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const present = await admin.query('select 1 from organisations.jurisdiction where code = $1', [cityCode]);
  if (!present.rowCount) {
    console.log(`Generating ${households.toLocaleString('en')} households of ${CITY_PRESETS[CITY].name} (once)…`);
    const generator = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/generate/main.ts',
        '--households',
        String(households),
        '--seed',
        seed,
        '--city',
        CITY,
      ],
      { cwd: root, stdio: 'inherit', env },
    );
    if ((await new Promise<number | null>((resolve) => generator.on('exit', resolve))) !== 0)
      throw new Error('the generator failed');
  }
  const gateway = await startGateway({
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url])) as Record<SubgraphName, string>,
    signingKey: await loadPrivateKey('gateway'),
    logger,
  });
  // The city civil-affairs bureau's administrator: programmes, every household of the city, the dashboard.
  const password = randomBytes(12).toString('hex');
  const username = `bench.console.${seed}`.toLowerCase();
  const { rows: bureaus } = await admin.query<{ id: string }>(
    `select id from organisations.organisation where jurisdiction_code = $1 and kind = 'CIVIL_AFFAIRS'`,
    [cityCode],
  );
  await admin.end();
  const em = subgraphs.organisations.orm.em.fork();
  const account =
    (await em.findOne(StaffAccount, { username })) ??
    Object.assign(new StaffAccount(), {
      organisationId: bureaus[0].id,
      username,
      displayName: '基准测试管理员',
      roles: ['JURISDICTION_ADMIN'],
      jurisdictionCode: cityCode,
    });
  account.passwordHash = await hash(password);
  await em.persist(account).flush();
  const { signIn } = await graphql<{ signIn: { accessToken: string; expiresAt: string } }>(
    gateway.url,
    'mutation($input: SignInInput!) { signIn(input: $input) { accessToken expiresAt } }',
    { input: { username, password } },
  );
  const session = JSON.stringify({ ...signIn, username });
  const { households: listed } = await graphql<{ households: { totalCount: number } }>(
    gateway.url,
    'query($code: ID!) { households(filter: { jurisdictionCode: $code }, first: 1) { totalCount } }',
    { code: cityCode },
    signIn.accessToken,
  );

  const consoleUrl = gateway.url.replace(/\/graphql$/, '/admin/');
  const executablePath = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
    encoding: 'utf8',
  }).trim();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
  });
  try {
    const firstRow = (page: any) => page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });
    const programmes = await coldLoads(browser, session, `${consoleUrl}programmes`, firstRow);
    console.log(`Programmes list, first row: ${spread(programmes)}`);
    const list = await coldLoads(browser, session, `${consoleUrl}households`, firstRow);
    console.log(
      `Households list of ${CITY_PRESETS[CITY].name} (${listed.totalCount.toLocaleString('en')} households, 25 a page from the API), first row: ${spread(list)}`,
    );
    const dashboard = await coldLoads(browser, session, `${consoleUrl}dashboard`, async (page: any) => {
      await page.locator('[data-chart] [role="img"]').first().waitFor({ timeout: 120_000 });
      await page.waitForFunction(
        () => {
          const charts = [...(globalThis as any).document.querySelectorAll('[data-chart] [role="img"]')] as {
            getAttribute(n: string): string | null;
          }[];
          return charts.length >= 4 && charts.every((c) => c.getAttribute('data-drawn') === 'true');
        },
        undefined,
        { timeout: 120_000 },
      );
    });
    console.log(`Dashboard of ${CITY_PRESETS[CITY].name} (this year), every chart drawn: ${spread(dashboard)}`);
  } finally {
    await browser.close();
    await gateway.stop();
  }
} finally {
  for (const name of [...SUBGRAPHS].reverse()) await subgraphs[name]?.stop();
  await db.stop();
}
