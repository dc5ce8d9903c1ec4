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
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { buildConsole, consoleIsStale } from './console.js';
import { CITY_PRESETS } from './generate/city.js';
import { argument, cityArguments, exitUnless } from './bench-support/options.js';
import { BENCH_CITY as CITY, benchCityCode as cityCode, repoRoot as root } from './bench-support/database.js';
import { median } from './bench-support/measure.js';
import { postGraphql, signInAsCityStaff, startCitySystem } from './bench-support/system.js';

const dist = join(root, 'admin', 'dist');
const { households, seed, valid: cityValid } = cityArguments(20000);
const runs = Number(argument('runs', '5'));
exitUnless(
  cityValid && runs >= 1,
  'usage: npm run bench:console -- [--households N ≥ 100] [--seed WORD] [--runs N ≥ 1]',
);

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
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

/** One request of the benchmark's own (the session, the households' count): an error ends the benchmark. */
async function graphql<T>(url: string, query: string, variables: object, token?: string): Promise<T> {
  const body = await postGraphql<T>(url, query, variables, token);
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

// The subgraphs keep answering while a missing city is generated in its own process.
const system = await startCitySystem({
  households,
  seed,
  generating: `Generating ${households.toLocaleString('en')} households of ${CITY_PRESETS[CITY].name} (once)…`,
});
try {
  const { gateway } = system;
  // The city civil-affairs bureau's administrator: programmes, every household of the city, the dashboard.
  const signIn = await signInAsCityStaff(system, {
    username: `bench.console.${seed}`.toLowerCase(),
    displayName: '基准测试管理员',
    roles: ['JURISDICTION_ADMIN'],
  });
  const session = JSON.stringify(signIn);
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
  }
} finally {
  await system.stop();
}
