import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildConsole, consoleIsStale } from '../../../scripts/console.js';

const root = join(import.meta.dirname, '..', '..', '..');
const require = createRequire(import.meta.url);

/** Screenshots of the main pages, for a person to look at (git-ignored with the rest of .data/). */
export const SCREENSHOTS = join(root, '.data', 'screenshots');

/** DESIGN §7: Debian's chromium from PATH; these flags keep it quiet, offline and sandbox-free as root. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Browser test files run in parallel, and a build empties admin/dist first: one file builds while the others
 * wait for it (a folder made atomically is the lock), then find the build fresh.
 */
async function withBuildLock(work: () => Promise<void>) {
  const lock = join(root, '.data', 'console-build.lock');
  mkdirSync(join(root, '.data'), { recursive: true });
  for (const started = Date.now(); ;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 300_000) throw new Error(`${lock} held for 5 minutes: remove it if no build runs`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function chromiumPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error('chromium is not on PATH: apt-get install -y chromium fonts-noto-cjk (see .ci/run)');
  }
}

/** The console built from the current sources (what `npm start` would serve), then a headless Chromium. */
export async function launchBrowser(): Promise<Browser> {
  await withBuildLock(async () => {
    if (consoleIsStale(root)) await buildConsole(root);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: chromiumPath(), args: FLAGS, headless: true });
}

/** A fresh page (its own session storage) in zh-CN and Asia/Shanghai, as an administrator's browser would be. */
export async function newPage(browser: Browser): Promise<Page> {
  // axe-core is injected as a script: the page's CSP would refuse it, so this context bypasses CSP.
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 900 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  // A script error in the console fails the test that meets it with the browser's own words.
  page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error(`[browser console] ${message.text()}`);
  });
  return page;
}

export async function signIn(page: Page, consoleUrl: string, username: string, password: string) {
  await page.goto(consoleUrl);
  await page
    .getByRole('textbox', { name: '用户名' })
    .fill(username)
    .catch(async (error: unknown) => {
      await screenshot(page, 'sign-in-failed');
      console.error(`[browser] sign-in page: ${(await page.content()).slice(0, 2000)}`);
      throw error;
    });
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * A full-page screenshot from the top: scrolled down (after clicking low on a long page), the app bar, fixed to the
 * viewport, would be drawn across the middle of the picture.
 */
export async function screenshot(page: Page, name: string) {
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/**
 * An axe-core scan of the page as it is now (WCAG 2.x A and AA, which GB/T 37668 follows): no serious or
 * critical violation. The others are returned for the test to print if it wants.
 */
export async function expectAccessible(page: Page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(
    () =>
      (globalThis as unknown as { axe: { run: (c: unknown) => Promise<AxeResult> } }).axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }) as Promise<AxeResult>,
  );
  const severe = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(severe, severe.join('\n')).toEqual([]);
}
