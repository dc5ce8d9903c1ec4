import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { close, listen, nestsDeeperThan, requestSignal, TIMEOUT_HEADER } from './http.js';

/** A server whose one request waits until its signal aborts, and tells why. */
async function waitingServer() {
  let resolveReason: (reason: string) => void;
  const reason = new Promise<string>((resolve) => (resolveReason = resolve));
  const server = createServer((req, res) => {
    const signal = requestSignal(req, res);
    signal.addEventListener('abort', () => {
      resolveReason(String((signal.reason as Error)?.name ?? signal.reason));
      res.end();
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}/`, reason, stop: () => close(server) };
}

describe('a request’s abort signal', () => {
  it('aborts when the caller’s stated wait has passed', async () => {
    const server = await waitingServer();
    await fetch(server.url, { headers: { [TIMEOUT_HEADER]: '50' } });
    expect(await server.reason).toBe('TimeoutError');
    await server.stop();
  });

  it('aborts when the caller gives up and closes the connection', async () => {
    const server = await waitingServer();
    await fetch(server.url, { signal: AbortSignal.timeout(50) }).catch(() => null);
    expect(await server.reason).toBe('Error');
    await server.stop();
  });
});

describe('JSON nesting', () => {
  it('is measured in one pass, skipping strings', () => {
    expect(nestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(nestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[\\"[[["}', 3)).toBe(false);
    expect(nestsDeeperThan('['.repeat(30_000_000), 64)).toBe(true);
  });
});
