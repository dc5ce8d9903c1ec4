/**
 * npm run bench:console — how heavy and how fast the admin console is:
 *  - the initial JavaScript of the build (what index.html loads before anything else), raw and gzipped,
 *    and the code editor's chunk that only the publish form fetches;
 *  - against the running system (`npm start`, or CONSOLE_URL), the time from navigating to the console with a
 *    signed-in session to the programmes list showing its rows, median of 5 loads in headless chromium.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const dist = join(root, 'admin', 'dist');
const consoleUrl = process.env.CONSOLE_URL ?? 'http://localhost:4000/admin/';
const username = process.env.CONSOLE_USER ?? 'xiangfen.admin';
const password = process.env.CONSOLE_PASSWORD ?? 'doudi-demo-2026';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

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
  return { initial: measure(initial), lazy: measure(lazy), lazyFiles: lazy.length };
}

async function loadTimes(runs = 5): Promise<number[]> {
  const executablePath = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run'],
  });
  try {
    const graphql = new URL('/graphql', consoleUrl).href;
    const signIn = await fetch(graphql, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SignInInput!) { signIn(input: $input) { accessToken expiresAt } }',
        variables: { input: { username, password } },
      }),
    }).then((r) => r.json() as Promise<{ data: { signIn: { accessToken: string; expiresAt: string } } }>);
    const session = JSON.stringify({ ...signIn.data.signIn, username });
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      // A new context each time: nothing cached, as on a first visit of the day.
      const context = await browser.newContext({ locale: 'zh-CN' });
      await context.addInitScript(
        (value) => (globalThis as any).sessionStorage.setItem('doudi.session', value),
        session,
      );
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${consoleUrl}programmes`);
      await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 });
      times.push(performance.now() - started);
      await context.close();
    }
    return times;
  } finally {
    await browser.close();
  }
}

const { initial, lazy, lazyFiles } = sizes();
console.log(`Initial JavaScript and CSS: ${kib(initial.raw)} (${kib(initial.gzip)} gzipped)`);
console.log(
  `Loaded later, where used (${lazyFiles} files, e.g. the CEL editor): ${kib(lazy.raw)} (${kib(lazy.gzip)} gzipped)`,
);
const times = (await loadTimes()).sort((a, b) => a - b);
console.log(
  `Navigation to a usable programmes list (${consoleUrl}programmes, cold cache): median ${times[2].toFixed(0)} ms ` +
    `(min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}, 5 loads)`,
);
