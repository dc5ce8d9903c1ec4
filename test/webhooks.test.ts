import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { deliverWebhooksUntil } from './support/webhooks.js';
import { startSystem, type System } from './support/system.js';
import { must, step } from './support/steps.js';
import { clientToken, createClient } from './support/two-counties.js';

/**
 * Issue 19 item 1 through the whole system: the police's case system subscribes to its own organisation's events;
 * when 民政局 answers the police's referral in writing (襄政办发〔2023〕26号 七(五) 书面函复), the app's receiver gets a
 * signed delivery — answered 500 the first time, retried with the same event id, delivered once in effect — and
 * verifies it with its secret as docs/webhooks.md shows.
 */
let system: System;
const { xiangfenPolice, xiangfenCivilAffairs } = demo.organisations;
const received: { headers: IncomingHttpHeaders; body: string; answered: number }[] = [];
const answers: number[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  req.on('end', () => {
    const status = answers.shift() ?? 200;
    received.push({ headers: req.headers, body, answered: status });
    res.writeHead(status).end();
  });
});
let receiverUrl: string;

/** What a receiver does (docs/webhooks.md): the timestamp within five minutes, and the HMAC equal. */
function verify(secret: string, headers: IncomingHttpHeaders, body: string): boolean {
  const timestamp = Number(headers['doudi-webhook-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`);
  const given = Buffer.from(String(headers['doudi-webhook-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const deliveriesUntil = async (count: number) =>
  expect(await deliverWebhooksUntil(system, () => received.length, count)).toBe(count);

beforeAll(async () => {
  receiverUrl = await new Promise<string>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/doudi`)),
  );
  system = await startSystem({ demoData: true });
});
afterAll(async () => {
  await system?.stop();
  await new Promise((resolve) => server.close(resolve));
});

describe('webhooks for agency apps (issue 19 item 1)', () => {
  it('tell the police app by a signed delivery when 民政局 answers its referral, retried after a 500 with the same event id', async () => {
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    const police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
    const credentials = await createClient(system, {
      organisationId: xiangfenPolice.id,
      name: '公安局案件系统',
      scopes: ['CASES_READ', 'CASES_WRITE', 'WEBHOOKS_MANAGE'],
    });
    const app = await clientToken(system, credentials);

    // The app subscribes itself; the secret is shown this once.
    const subscribed = await step(system, app, 'createWebhookSubscription', 'secret subscription { id status }', {
      apiClientId: credentials.clientId,
      url: receiverUrl,
      eventTypes: ['REFERRAL_ANSWERED'],
      idempotencyKey: 'police-webhook-0001',
    });
    expect(subscribed.subscription.status).toBe('ACTIVE');
    const secret: string = subscribed.secret;

    const opened = await step(system, police, 'openCase', 'case { id }', {
      channel: 'NON_NATURAL_DEATH',
      householdId: demo.households[0].id,
      jurisdictionCode: '141023000000',
      leadOrganisationId: xiangfenPolice.id,
      summary: '走访函已收到',
      receivedOn: '2026-11-02',
    });
    const sent = await step(system, police, 'createReferral', 'referral { id version }', {
      caseId: opened.case.id,
      fromOrganisationId: xiangfenPolice.id,
      toOrganisationId: xiangfenCivilAffairs.id,
      kind: 'SOCIAL_ASSISTANCE',
      sentOn: '2026-11-03',
    });
    await step(system, admin, 'answerReferral', 'referral { status }', {
      referralId: sent.referral.id,
      version: sent.referral.version,
      answeredOn: '2026-11-20',
      measuresTaken: ['纳入农村低保，每月600元'],
    });
    await system.subgraphs.cases.drainOutbox();

    answers.push(500);
    await deliveriesUntil(2);
    const [first, retry] = received;
    expect([first.answered, retry.answered]).toEqual([500, 200]);
    expect(retry.headers['doudi-webhook-id']).toBe(first.headers['doudi-webhook-id']);
    for (const delivery of received) expect(verify(secret, delivery.headers, delivery.body)).toBe(true);
    expect(verify('whsec_not-the-secret', retry.headers, retry.body)).toBe(false);
    const body = JSON.parse(retry.body);
    expect(body).toMatchObject({
      id: first.headers['doudi-webhook-id'],
      type: 'referral.answered',
      organisationId: xiangfenPolice.id,
      data: {
        referralId: sent.referral.id,
        caseId: opened.case.id,
        fromOrganisationId: xiangfenPolice.id,
        toOrganisationId: xiangfenCivilAffairs.id,
        previousStatus: 'SENT',
        status: 'ANSWERED',
        answeredOn: '2026-11-20',
        measuresCount: 1,
      },
    });
    expect(retry.body, 'the measures’ text stays in the case').not.toContain('低保');

    // Delivered once in effect: nothing more is sent, and the app lists the delivery as delivered on the 2nd attempt.
    await system.subgraphs.organisations.runDueJobs();
    expect(received).toHaveLength(2);
    const listed = await must(
      system,
      app,
      `{ webhookSubscriptions { totalCount nodes { id deliveries { nodes { eventId type status attemptCount lastResponseStatus } } } } }`,
    );
    expect(listed.webhookSubscriptions.nodes).toEqual([
      {
        id: subscribed.subscription.id,
        deliveries: {
          nodes: [
            {
              eventId: body.id,
              type: 'referral.answered',
              status: 'DELIVERED',
              attemptCount: 2,
              lastResponseStatus: 200,
            },
          ],
        },
      },
    ]);
  });
});
