import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen } from '@doudi/shared';
import { adminConsoleRoute } from './admin-console.js';

let dir: string;
let server: Server;
let base: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'doudi-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>兜底</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'doudi-console-secret.txt'), 'secret');
  const route = adminConsoleRoute(dir);
  server = createServer((req, res) => void route(req, res));
  base = `http://localhost:${await listen(server, 0, '127.0.0.1')}`;
});
afterAll(async () => {
  await close(server);
  rmSync(dir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'doudi-console-secret.txt'), { force: true });
});

describe('the admin console served by the gateway at /admin/', () => {
  it('answers a deep link with the app page, never cached, so reloading any console address works', async () => {
    const response = await fetch(`${base}/admin/programmes/019a/show`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(await response.text()).toContain('兜底');
  });

  it('caches hashed assets for a year and answers a missing one 404 instead of the page', async () => {
    const asset = await fetch(`${base}/admin/assets/index-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect((await fetch(`${base}/admin/assets/gone-000.js`)).status).toBe(404);
  });

  it('sends /admin to /admin/ and never serves a file outside the build', async () => {
    const bare = await fetch(`${base}/admin`, { redirect: 'manual' });
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe('/admin/');
    const escaped = await fetch(`${base}/admin/..%2fdoudi-console-secret.txt`);
    expect(await escaped.text()).not.toContain('secret');
  });
});
