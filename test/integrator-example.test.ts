import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import * as demo from '@doudi/shared/demo';
import { DoudiClient, DoudiError } from '../examples/agency-app/client.js';
import { documentsOfReferral, downloadDocument } from '../examples/agency-app/documents.js';
import { merge, syncSentReferrals, type SyncedReferral } from '../examples/agency-app/sync.js';
import { verifyWebhook, type VerifiedDelivery } from '../examples/agency-app/webhook.js';
import { deliverWebhooksUntil } from './support/webhooks.js';
import { startSystem, type System } from './support/system.js';
import { must, step } from './support/steps.js';
import { createClient } from './support/two-counties.js';

/**
 * Issue 19 items 5 and 6: the example agency app of docs/integrators.md, against the whole running system. The
 * police's case system sends a referral to 民政局; when 民政局 answers it in writing (襄政办发〔2023〕26号 七(五) 书面函复)
 * the app is told by a signed webhook (its receiver answers 500 the first time: the retry carries the same event id
 * and is acted on once), syncs the answer with updatedSince, and downloads the answer letter as a PDF whose text
 * holds the measures taken; the runnable main.ts does the same from the command line.
 */
let system: System;
const { xiangfenPolice, xiangfenCivilAffairs } = demo.organisations;
const MEASURES = ['纳入农村低保，每月600元', '其子纳入教育救助，免除学杂费'];

/** The app's webhook receiver, written as docs/integrators.md shows: verify, act once per event id, answer 2xx. */
const acted: VerifiedDelivery[] = [];
const refused: string[] = [];
const answers: number[] = [];
let arrivals = 0;
let secret = '';
const receiver = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', () => {
    arrivals++;
    const status = answers.shift();
    if (status) return void res.writeHead(status).end();
    try {
      const delivery = verifyWebhook(secret, req.headers, body);
      if (!acted.some((seen) => seen.id === delivery.id)) acted.push(delivery);
      res.writeHead(204).end();
    } catch (error) {
      refused.push((error as Error).message);
      res.writeHead(400).end();
    }
  });
});
let receiverUrl = '';

const deliveriesUntil = async (count: number) =>
  expect(await deliverWebhooksUntil(system, () => arrivals, count)).toBe(count);

let app: DoudiClient;
let credentials: { clientId: string; clientSecret: string };
let referral: { id: string; version: number };
let caseId: string;
let syncedUntil: string;
const copy = new Map<string, SyncedReferral>();

beforeAll(async () => {
  receiverUrl = await new Promise<string>((resolve) =>
    receiver.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`)),
  );
  system = await startSystem({ demoData: true });
  credentials = await createClient(system, {
    organisationId: xiangfenPolice.id,
    name: '襄汾县公安局案件系统（示例）',
    scopes: [
      'JURISDICTIONS_READ',
      'ORGANISATIONS_READ',
      'HOUSEHOLDS_READ',
      'CASES_READ',
      'CASES_WRITE',
      'WEBHOOKS_MANAGE',
    ],
  });
  app = new DoudiClient({ url: system.gateway.url, ...credentials });
});
afterAll(async () => {
  await system?.stop();
  await new Promise((resolve) => receiver.close(resolve));
});

describe('the example agency app (docs/integrators.md)', () => {
  it('gets a token with its credentials and answers a caller’s mistake as a coded error', async () => {
    const { me } = await app.request<{ me: { kind: string; organisation: { id: string } } }>(
      `{ me { kind organisation { id } } }`,
    );
    expect(me).toEqual({ kind: 'API_CLIENT', organisation: { id: xiangfenPolice.id } });
    const wrong = await app.request(`{ referral(id: "not-an-id") { id } }`).catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(DoudiError);
    expect((wrong as DoudiError).code).toBe('BAD_USER_INPUT');
    const stranger = new DoudiClient({
      url: system.gateway.url,
      clientId: credentials.clientId,
      clientSecret: 'dds_wrong',
    });
    expect(await stranger.request(`{ me { kind } }`).catch((error: DoudiError) => error.code)).toBe('UNAUTHENTICATED');
  });

  it('subscribes to answers, sends a referral to 民政局 and finds it in its first sync', async () => {
    const subscribed = await app.request<{ createWebhookSubscription: { secret: string } }>(
      `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret } }`,
      {
        input: {
          apiClientId: credentials.clientId,
          url: receiverUrl,
          eventTypes: ['REFERRAL_ANSWERED'],
          idempotencyKey: 'example-app-subscription-1',
        },
      },
    );
    secret = subscribed.createWebhookSubscription.secret;
    expect(secret).toMatch(/^whsec_/);

    const opened = await app.request<{ openCase: { case: { id: string } } }>(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
      {
        input: {
          channel: 'NON_NATURAL_DEATH',
          householdId: demo.households[0].id,
          jurisdictionCode: '141023000000',
          leadOrganisationId: xiangfenPolice.id,
          summary: '户主交通事故死亡，家庭生活困难',
          receivedOn: '2026-11-02',
        },
      },
    );
    caseId = opened.openCase.case.id;
    const sent = await app.request<{ createReferral: { referral: { id: string; version: number } } }>(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id version } } }`,
      {
        input: {
          caseId,
          fromOrganisationId: xiangfenPolice.id,
          toOrganisationId: xiangfenCivilAffairs.id,
          kind: 'SOCIAL_ASSISTANCE',
          sentOn: '2026-11-03',
        },
      },
    );
    referral = sent.createReferral.referral;

    const first = await syncSentReferrals(app, xiangfenPolice.id, '2000-01-01T00:00:00.000Z');
    merge(copy, first.changed);
    expect(copy.get(referral.id)).toMatchObject({ status: 'SENT', answeredOn: null, measuresTaken: [] });
    syncedUntil = first.syncedUntil;
  });

  it('is told by a signed webhook when 民政局 answers, retried once after a 500 and acted on once (襄政办发〔2023〕26号 七(五))', async () => {
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    await step(system, admin, 'answerReferral', 'referral { status }', {
      referralId: referral.id,
      version: referral.version,
      answeredOn: '2026-11-20',
      measuresTaken: MEASURES,
    });
    await system.subgraphs.cases.drainOutbox();
    answers.push(500);
    await deliveriesUntil(2);
    expect(refused).toEqual([]);
    expect(acted).toHaveLength(1);
    expect(acted[0]).toMatchObject({
      type: 'referral.answered',
      organisationId: xiangfenPolice.id,
      data: { referralId: referral.id, caseId, status: 'ANSWERED', answeredOn: '2026-11-20' },
    });
    expect(JSON.stringify(acted[0]), 'the measures themselves stay in the case').not.toContain('低保');
  });

  it('syncs the answer with the syncedUntil of its last pass, what it reads again unchanged', async () => {
    const next = await syncSentReferrals(app, xiangfenPolice.id, syncedUntil);
    // The pass starts a few seconds before the last one ended (docs/sync.md): what it reads again is unchanged.
    const [answered, ...reread] = [
      ...next.changed.filter((r) => r.id === referral.id),
      ...next.changed.filter((r) => r.id !== referral.id),
    ];
    expect(answered).toMatchObject({ id: referral.id, status: 'ANSWERED' });
    for (const same of reread) expect(same).toEqual(copy.get(same.id));
    merge(copy, next.changed);
    expect(copy.get(referral.id)).toMatchObject({
      status: 'ANSWERED',
      answeredOn: '2026-11-20',
      measuresTaken: MEASURES,
    });
  });

  it('downloads the answer letter as a PDF whose text holds the measures taken', async () => {
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    await must(
      system,
      admin,
      `mutation($input: GenerateCaseDocumentInput!) { generateCaseDocument(input: $input) { document { id } } }`,
      { input: { caseId, kind: 'ANSWER_LETTER', referralId: referral.id, idempotencyKey: 'example-app-answer-1' } },
    );
    const [letter] = (await documentsOfReferral(app, referral.id)).filter((d) => d.kind === 'ANSWER_LETTER');
    const { bytes, contentType, fileName } = await downloadDocument(app, letter);
    expect(contentType).toBe('application/pdf');
    expect(fileName).toBe(letter.fileName);
    const text = (await extractText(await getDocumentProxy(bytes), { mergePages: true })).text.replace(/\s/g, '');
    for (const measure of MEASURES) expect(text).toContain(measure);
  });

  it('runs from the command line as the guide says: syncs and saves the answer letter', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'agency-app-'));
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(import.meta.dirname, '../examples/agency-app/main.ts')],
        {
          env: {
            ...process.env,
            DOUDI_URL: system.gateway.url,
            DOUDI_CLIENT_ID: credentials.clientId,
            DOUDI_CLIENT_SECRET: credentials.clientSecret,
            APP_FOLDER: folder,
          },
          timeout: 60_000,
        },
      );
      expect(stdout).toContain(`${referral.id} → 襄汾县民政局: ANSWERED`);
      const saved = (await readdir(folder)).filter((name) => name.endsWith('.pdf'));
      expect(saved).toHaveLength(1);
      expect((await readFile(join(folder, saved[0]))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(Date.parse(await readFile(join(folder, 'synced-until.txt'), 'utf8'))).not.toBeNaN();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
