import { createServer, request, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  close,
  createLogger,
  generateSigningKey,
  INTERNAL_ROUTES,
  listen,
  PRINCIPAL_HEADER,
  principalSigner,
  type Principal,
} from '@doudi/shared';
import { importStreamRoute } from './import-stream.js';

const CASEWORKER: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-00000000c001',
  organisationId: '019a0000-0000-7000-8000-00000000a001',
  jurisdictionCode: '141023100000',
  roles: ['CASEWORKER'],
  scopes: [],
};

/**
 * The streaming route on its own, in front of a stand-in for households' internal route that counts the bytes it
 * receives: what the gateway passes on, and what it stops. (The whole path, households and PostgreSQL included, is
 * tested in test/household-import.test.ts.)
 */
describe('the gateway’s household import stream (issue 16 item 4)', () => {
  const received: { bytes: number; principal: boolean; path: string }[] = [];
  const households = createServer((req: IncomingMessage, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      received.push({ bytes, principal: !!req.headers[PRINCIPAL_HEADER], path: req.url ?? '' });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ rows: bytes }));
    });
    req.on('error', () => undefined);
  });
  let gateway: ReturnType<typeof createServer>;
  let url = '';
  beforeAll(async () => {
    const householdsPort = await listen(households, 0, '127.0.0.1');
    const route = importStreamRoute({
      authenticate: async (authorization) => {
        if (authorization !== 'Bearer good') throw new Error('no');
        return CASEWORKER;
      },
      signer: await principalSigner(await generateSigningKey()),
      householdsUrl: `http://127.0.0.1:${householdsPort}/graphql`,
      maxBytes: 100_000,
      timeoutMs: 10_000,
      logger: createLogger('test', { LOG_LEVEL: 'silent' }),
    });
    gateway = createServer((req, res) => void route(req, res));
    url = `http://127.0.0.1:${await listen(gateway, 0, '127.0.0.1')}/imports/households`;
  });
  afterAll(async () => {
    await close(gateway);
    await close(households);
  });

  /** A body sent in pieces without Content-Length, as a client streaming a file it has not measured does. */
  const sendChunked = (pieces: number, size: number) =>
    new Promise<{ status: number; body: Record<string, any> }>((resolve, reject) => {
      const req = request(`${url}?dryRun=true&fileName=a.csv`, {
        method: 'POST',
        headers: { authorization: 'Bearer good', 'content-type': 'text/csv', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      let sent = 0;
      const next = () => {
        if (sent++ === pieces) return req.end();
        if (req.write(Buffer.alloc(size, 0x61))) setImmediate(next);
        else req.once('drain', next);
      };
      next();
    });

  it('passes a file within the bound through whole, with the caller signed for households, to its internal route', async () => {
    const answer = await sendChunked(9, 10_000);
    expect(answer).toEqual({ status: 200, body: { rows: 90_000 } });
    expect(received.at(-1)).toEqual({
      bytes: 90_000,
      principal: true,
      path: `${INTERNAL_ROUTES.householdImport}?dryRun=true&fileName=a.csv`,
    });
  });

  it('stops a body that grows past the bound without a declared length: 413 LIMIT_EXCEEDED', async () => {
    const before = received.length;
    const answer = await sendChunked(30, 10_000);
    expect(answer.status).toBe(413);
    expect(answer.body.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
    // Households got at most the bound and never answered for the rest.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const call of received.slice(before)) expect(call.bytes).toBeLessThanOrEqual(100_000);
  });

  it('refuses a caller the authenticator refuses, before reading the file', async () => {
    const answer = await fetch(`${url}?dryRun=true&fileName=a.csv`, {
      method: 'POST',
      headers: { authorization: 'Bearer bad', 'content-type': 'text/csv' },
      body: 'a,b\n',
    });
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
