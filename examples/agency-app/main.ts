/**
 * The example agency app, runnable against a running Doudi (npm start): it signs in with its client credentials,
 * says who it is, syncs the referrals its organisation sent since the last run, saves the written answers (书面函复)
 * that arrived as PDF files, and — when WEBHOOK_PORT and WEBHOOK_SECRET are set — listens for webhook deliveries
 * and verifies each one. docs/integrators.md walks through it.
 *
 *   DOUDI_URL=http://localhost:4000/graphql DOUDI_CLIENT_ID=… DOUDI_CLIENT_SECRET=… npx tsx examples/agency-app/main.ts
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { DoudiClient } from './client.js';
import { documentsOfReferral, downloadDocument } from './documents.js';
import { syncSentReferrals } from './sync.js';
import { verifyWebhook } from './webhook.js';

const env = (name: string, fallback?: string) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`set ${name}`);
  return value;
};

const client = new DoudiClient({
  url: env('DOUDI_URL', 'http://localhost:4000/graphql'),
  clientId: env('DOUDI_CLIENT_ID'),
  clientSecret: env('DOUDI_CLIENT_SECRET'),
});
const folder = env('APP_FOLDER', '.agency-app');
await mkdir(folder, { recursive: true });

const { me } = await client.request<{ me: { organisation: { id: string; name: string }; permissions: string[] } }>(
  `{ me { organisation { id name } permissions } }`,
);
console.log(`signed in for ${me.organisation.name} with ${me.permissions.join(', ')}`);

// The last pass's syncedUntil, kept between runs: the first run starts from the beginning.
const stateFile = join(folder, 'synced-until.txt');
const since = await readFile(stateFile, 'utf8').catch(() => '2000-01-01T00:00:00.000Z');
const { changed, syncedUntil } = await syncSentReferrals(client, me.organisation.id, since.trim());
console.log(`${changed.length} referral(s) changed since ${since.trim()}`);
for (const referral of changed) {
  console.log(`  ${referral.id} → ${referral.toOrganisation.name}: ${referral.status}`);
  if (referral.status !== 'ANSWERED') continue;
  for (const document of await documentsOfReferral(client, referral.id)) {
    if (document.kind !== 'ANSWER_LETTER') continue;
    const { bytes, fileName } = await downloadDocument(client, document);
    const path = join(folder, `${document.id}.pdf`);
    await writeFile(path, bytes);
    console.log(`  saved ${fileName ?? document.fileName} as ${path}`);
  }
}
await writeFile(stateFile, syncedUntil);

if (process.env.WEBHOOK_PORT) {
  const secret = env('WEBHOOK_SECRET');
  const seen = new Set<string>();
  createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      try {
        const delivery = verifyWebhook(secret, req.headers, body);
        // Deliveries are retried until answered 2xx: the same event may come twice; act on it once.
        if (!seen.has(delivery.id)) console.log(`event ${delivery.type}`, delivery.data);
        seen.add(delivery.id);
        res.writeHead(204).end();
      } catch (error) {
        res.writeHead(400).end((error as Error).message);
      }
    });
  }).listen(Number(process.env.WEBHOOK_PORT), () =>
    console.log(`listening for webhooks on ${process.env.WEBHOOK_PORT}`),
  );
}
