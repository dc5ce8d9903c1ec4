import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Route } from '@doudi/shared';

/** Where `npm run build -w admin` writes the console (gateway/src or gateway/dist → ../../admin/dist). */
export const ADMIN_DIST = fileURLToPath(new URL('../../admin/dist', import.meta.url));
export const ADMIN_PATH = '/admin';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// Only the console's own files and the API on the same origin; MUI's emotion styles are injected inline.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * Serves the built console at /admin/ from the gateway's own origin, so the console calls /graphql with no
 * CORS. Hashed files under assets/ are cached for a year (their name changes with their content); any other
 * path is a page of the single-page app and gets index.html, never cached, so a deep link or a reload works
 * and a new build is picked up at once.
 */
export function adminConsoleRoute(dist = ADMIN_DIST): Route {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return void res.end();
    }
    if (url.pathname === ADMIN_PATH) {
      res.writeHead(308, { location: `${ADMIN_PATH}/${url.search}` });
      return void res.end();
    }
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice(ADMIN_PATH.length + 1));
    } catch {
      res.writeHead(400);
      return void res.end();
    }
    const candidate = normalize(join(dist, relative));
    const inside = candidate === dist || candidate.startsWith(dist + sep);
    const asset = inside && relative !== '' && (await isFile(candidate));
    if (!asset && relative.startsWith('assets/')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('not found');
    }
    const file = asset ? candidate : join(dist, 'index.html');
    if (!(await isFile(file))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      return void res.end('The admin console is not built yet: run `npm run build -w admin` (npm start does it).');
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  };
}
