import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadVault, newId, type DeliveredEvent, type Permission, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { deliverEvent, startTestSubgraph, testEnv, TEST_SYSTEM_ADMIN, codeOf, ok } from '@doudi/shared/testing';
import { organisations } from '../index.js';
import { deliverDueWebhooks, pruneWebhookDeliveries, type WebhookDeliveryDeps } from './webhook.deliver.js';
import { plainData } from './webhook.fanout.js';
import { sendWebhook } from './webhook.send.js';
import { verifyWebhookSignature } from './webhook.signature.js';
import { checkedTargetUrl, isNonPublicAddress, webhookSettings } from './webhook.target.js';

/** A receiver on this machine: answers each POST with the next status of `answers` (then 200), records them. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
function receiver() {
  const received: Received[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  return {
    received,
    answers,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`),
        ),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The delivery run is called by the tests themselves, at the time they choose: the subgraph runs no job of its own.
const definition = { ...organisations, jobs: {} };
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
let deps: WebhookDeliveryDeps;
const hook = receiver();
const failing = receiver();
let hookUrl: string;
let failingUrl: string;
const orgs = demo.organisations;

beforeAll(async () => {
  subgraph = await startTestSubgraph(definition, {
    demoData: true,
    env: { WEBHOOK_MAX_SUBSCRIPTIONS_PER_CLIENT: '4' },
  });
  const env = await testEnv();
  deps = { settings: { ...webhookSettings(env), pauseAfterFailures: 3, maxAttempts: 5 }, vault: await loadVault(env) };
  hookUrl = await hook.start();
  failingUrl = await failing.start();
});
afterAll(async () => {
  await subgraph?.stop();
  await hook.stop();
  await failing.stop();
});

const SCOPES = { read: 'CASES_READ', manage: 'WEBHOOKS_MANAGE', programmes: 'PROGRAMMES_READ' };

/** Registers an app of `organisation` with these scopes; answers its principal. */
async function appOf(organisation: { id: string; jurisdictionCode: string }, scopes: string[]): Promise<Principal> {
  const { createApiClient } = ok(
    await subgraph.query(
      `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id } } }`,
      { input: { organisationId: organisation.id, name: `应用 ${newId().slice(-6)}`, scopes } },
    ),
  );
  return {
    kind: 'API_CLIENT',
    id: createApiClient.client.id,
    organisationId: organisation.id,
    jurisdictionCode: organisation.jurisdictionCode,
    roles: [],
    scopes: scopes.map((s) => s.toLowerCase().replace('_', ':').replace('_', '-')) as Permission[],
  };
}

const CREATE = `mutation($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret subscription { id version status url eventTypes } } }`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus) { webhookSubscription(id: $id) { id status consecutiveFailures
  deliveries(status: $status, first: 100) { totalCount nodes { id eventId type status attemptCount lastResponseStatus nextAttemptAt } } } }`;

async function subscribe(app: Principal, url: string, eventTypes: string[], as: Principal = app) {
  const { createWebhookSubscription } = ok(
    await subgraph.query(CREATE, { input: { apiClientId: app.id, url, eventTypes } }, as),
  );
  return createWebhookSubscription as { secret: string; subscription: { id: string; version: number } };
}

async function deliveriesOf(id: string, as: Principal = TEST_SYSTEM_ADMIN, status?: string) {
  return ok(await subgraph.query(DELIVERIES, { id, status }, as)).webhookSubscription;
}

/** A referral step as cases publishes it (cases/src/referral/referral.published.ts). */
function referralEvent(type: string, from: string, to: string, extra: Record<string, unknown> = {}): DeliveredEvent {
  const referralId = newId();
  return {
    eventId: newId(),
    type,
    aggregateId: referralId,
    producer: 'cases',
    occurredAt: new Date().toISOString(),
    payload: {
      referralId,
      caseId: newId(),
      fromOrganisationId: from,
      toOrganisationId: to,
      kind: 'SOCIAL_ASSISTANCE',
      previousStatus: 'SENT',
      status: 'ANSWERED',
      emergency: false,
      sentOn: '2026-11-02',
      dueDate: '2026-12-02',
      answeredOn: '2026-11-20',
      measuresCount: 2,
      refused: false,
      benefitIds: [],
      ...extra,
    },
  };
}

async function deliver(event: DeliveredEvent) {
  const answer = await deliverEvent(subgraph, event);
  expect(answer.status).toBe(200);
}

const run = (now = new Date()) => deliverDueWebhooks(subgraph.orm.em.fork(), deps, now);
const inAnHour = () => new Date(Date.now() + 3_600_000);

describe('webhooks (issue 19 item 1)', () => {
  let police: Principal;
  beforeAll(async () => {
    police = await appOf(orgs.xiangfenPolice, [SCOPES.read, SCOPES.manage]);
  });

  it('deliver a referral’s answer to the sender’s app, signed with the subscription’s secret and verifiable with it', async () => {
    const { secret, subscription } = await subscribe(police, hookUrl, ['REFERRAL_ANSWERED']);
    expect(secret).toMatch(/^whsec_/);
    const event = referralEvent('referral.answered', orgs.xiangfenPolice.id, orgs.xiangfenCivilAffairs.id);
    await deliver(event);
    const before = hook.received.length;
    expect(await run()).toMatchObject({ attempted: 1, delivered: 1 });
    const [got] = hook.received.slice(before);
    const body = JSON.parse(got.body);
    expect(body).toEqual({
      id: got.headers['doudi-webhook-id'],
      type: 'referral.answered',
      occurredAt: expect.stringMatching(/\+08:00$/),
      organisationId: orgs.xiangfenPolice.id,
      data: expect.objectContaining({ referralId: event.aggregateId, status: 'ANSWERED', answeredOn: '2026-11-20' }),
    });
    const headers = {
      timestamp: got.headers['doudi-webhook-timestamp'] as string,
      signature: got.headers['doudi-webhook-signature'] as string,
    };
    expect(headers.signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, headers, got.body)).toBe(true);
    expect(verifyWebhookSignature('whsec_another', headers, got.body), 'another secret').toBe(false);
    expect(verifyWebhookSignature(secret, headers, got.body.replace('ANSWERED', 'DECLINED')), 'a changed body').toBe(
      false,
    );
    expect(
      verifyWebhookSignature(secret, headers, got.body, Number(headers.timestamp) + 301),
      'older than five minutes',
    ).toBe(false);
    const listed = await deliveriesOf(subscription.id, police);
    const [{ body: shown }] = ok(
      await subgraph.query(
        `query($id: ID!) { webhookSubscription(id: $id) { deliveries { nodes { body } } } }`,
        { id: subscription.id },
        police,
      ),
    ).webhookSubscription.deliveries.nodes;
    expect(shown, 'the body as sent, byte for byte').toBe(got.body);
    expect(listed.deliveries.nodes).toEqual([
      expect.objectContaining({
        eventId: body.id,
        type: 'referral.answered',
        status: 'DELIVERED',
        attemptCount: 1,
        lastResponseStatus: 200,
      }),
    ]);
    // The same event delivered to organisations again makes no second delivery.
    await deliver({ ...event });
    expect((await deliveriesOf(subscription.id, police)).deliveries.totalCount).toBe(1);
  });

  it('retry a delivery answered 500 after a back-off, with the same event id, deliver it once, and prune it 30 days on', async () => {
    const app = await appOf(orgs.xiangfenPolice, [SCOPES.read, SCOPES.manage]);
    const { subscription } = await subscribe(app, hookUrl, ['REFERRAL_DECLINED']);
    await deliver(
      referralEvent('referral.declined', orgs.xiangfenPolice.id, orgs.xiangfenEducation.id, {
        status: 'DECLINED',
        declineReason: 'NOT_ELIGIBLE',
      }),
    );
    const before = hook.received.length;
    hook.answers.push(500);
    const started = Date.now();
    expect(await run()).toMatchObject({ attempted: 1, failed: 1 });
    const [failed] = (await deliveriesOf(subscription.id, app)).deliveries.nodes;
    expect(failed).toMatchObject({ status: 'FAILED', attemptCount: 1, lastResponseStatus: 500 });
    // 30 s ± 20 %.
    expect(new Date(failed.nextAttemptAt).getTime() - started).toBeGreaterThanOrEqual(23_000);
    expect(await run(), 'not due yet').toMatchObject({ attempted: 0 });
    expect(await run(inAnHour())).toMatchObject({ attempted: 1, delivered: 1 });
    expect(await run(inAnHour()), 'delivered once').toMatchObject({ attempted: 0 });
    const sent = hook.received.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[1].headers['doudi-webhook-id']).toBe(sent[0].headers['doudi-webhook-id']);
    expect(sent[1].body).toBe(sent[0].body);
    expect((await deliveriesOf(subscription.id, app)).deliveries.nodes[0]).toMatchObject({
      status: 'DELIVERED',
      attemptCount: 2,
    });
    // Kept 30 days after it ended, then pruned.
    expect(await pruneWebhookDeliveries(subgraph.orm.em.fork(), new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(
      await pruneWebhookDeliveries(subgraph.orm.em.fork(), new Date(Date.now() + 31 * 86_400_000)),
    ).toBeGreaterThan(0);
    expect((await deliveriesOf(subscription.id, app)).deliveries.totalCount).toBe(0);
  });

  it('replay a delivered event on request, with the same id', async () => {
    const app = await appOf(orgs.xiangfenPolice, [SCOPES.read, SCOPES.manage]);
    const { subscription } = await subscribe(app, hookUrl, ['REFERRAL_FORWARDED']);
    await deliver(
      referralEvent('referral.forwarded', orgs.xiangfenPolice.id, orgs.xiangfenEducation.id, { status: 'FORWARDED' }),
    );
    await run();
    const [delivery] = (await deliveriesOf(subscription.id, app)).deliveries.nodes;
    const before = hook.received.length;
    const replayed = ok(
      await subgraph.query(
        `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id status attemptCount } } }`,
        { input: { deliveryId: delivery.id } },
        app,
      ),
    );
    expect(replayed.replayWebhookDelivery.delivery).toMatchObject({
      id: delivery.id,
      status: 'PENDING',
      attemptCount: 0,
    });
    expect(await run()).toMatchObject({ delivered: 1 });
    expect(hook.received.slice(before).map((r) => r.headers['doudi-webhook-id'])).toEqual([delivery.eventId]);
  });

  it('pause a subscription after N failures in a row and notify its organisation — not through the paused hook', async () => {
    const org = orgs.jinjiangCivilAffairs;
    const broken = await appOf(org, [SCOPES.read, SCOPES.manage]);
    const healthy = await appOf(org, [SCOPES.read, SCOPES.manage]);
    const pausedOne = await subscribe(broken, failingUrl, ['REFERRAL_RECEIVED', 'NOTIFICATION_CREATED']);
    const other = await subscribe(healthy, hookUrl, ['NOTIFICATION_CREATED']);
    failing.answers.push(500, 502, 503);
    for (let i = 0; i < 3; i++)
      await deliver(referralEvent('referral.sent', orgs.jinjiangProcuratorate.id, org.id, { status: 'SENT' }));
    // The first failure ends the subscription's turn in a run: one attempt a run, the others wait.
    expect(await run()).toMatchObject({ attempted: 1, failed: 1, paused: 0 });
    expect(await run(inAnHour())).toMatchObject({ attempted: 1, failed: 1, paused: 0 });
    expect(await run(new Date(Date.now() + 7_200_000))).toMatchObject({ attempted: 1, failed: 1, paused: 1 });
    const paused = await deliveriesOf(pausedOne.subscription.id, broken);
    expect(paused).toMatchObject({ status: 'PAUSED', consecutiveFailures: 3 });
    expect(
      paused.deliveries.nodes.map((d: { type: string }) => d.type),
      'no notice to the paused hook',
    ).toEqual(['referral.received', 'referral.received', 'referral.received']);
    const notices = ok(
      await subgraph.query(
        `query($id: ID!) { organisation(id: $id) { notifications(first: 20) { nodes { kind itemKind itemId } } } }`,
        { id: org.id },
      ),
    ).organisation.notifications.nodes;
    expect(notices).toContainEqual({ kind: 'ESCALATION', itemKind: 'WEBHOOK', itemId: pausedOne.subscription.id });
    const before = hook.received.length;
    await run();
    const told = hook.received.slice(before).map((r) => JSON.parse(r.body));
    expect(told).toEqual([
      expect.objectContaining({
        type: 'notification.created',
        data: expect.objectContaining({ itemKind: 'WEBHOOK', itemId: pausedOne.subscription.id }),
      }),
    ]);
    expect((await deliveriesOf(other.subscription.id, healthy)).deliveries.totalCount).toBe(1);
    // A paused subscription is not replayed until resumed; resumed, its waiting deliveries go out.
    const [waiting] = paused.deliveries.nodes;
    expect(
      codeOf(
        await subgraph.query(
          `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id } } }`,
          { input: { deliveryId: waiting.id } },
          broken,
        ),
      ),
    ).toBe('INVALID_STATE');
    const resumed = ok(
      await subgraph.query(
        `mutation($input: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $input) { subscription { status consecutiveFailures } } }`,
        {
          input: {
            subscriptionId: pausedOne.subscription.id,
            version: pausedOne.subscription.version + 1,
            status: 'ACTIVE',
          },
        },
        broken,
      ),
    );
    expect(resumed.updateWebhookSubscription.subscription).toEqual({ status: 'ACTIVE', consecutiveFailures: 0 });
    expect(await run()).toMatchObject({ attempted: 3, delivered: 3 });
  });

  it('send ids, codes and dates only: a name, an ID number or a note in an event never reaches a payload', async () => {
    const app = await appOf(orgs.xiangfenEducation, [SCOPES.read, SCOPES.manage]);
    await subscribe(app, hookUrl, ['REFERRAL_RECEIVED']);
    const before = hook.received.length;
    await deliver(
      referralEvent('referral.sent', orgs.xiangfenPolice.id, orgs.xiangfenEducation.id, {
        status: 'SENT',
        note: '张三家中困难',
        householdHeadName: '张三',
        idNumber: '141023198001011234',
        kind: '张三',
        declineReason: 'child of 张三',
      }),
    );
    await run();
    const [got] = hook.received.slice(before);
    expect(got.body).not.toMatch(/张三|141023198001011234|note|householdHeadName|idNumber/);
    const { data } = JSON.parse(got.body);
    expect(Object.keys(data).sort()).toEqual(
      [
        'answeredOn',
        'benefitIds',
        'caseId',
        'dueDate',
        'emergency',
        'fromOrganisationId',
        'measuresCount',
        'previousStatus',
        'referralId',
        'refused',
        'sentOn',
        'status',
        'toOrganisationId',
      ].sort(),
    );
    expect(plainData({ a: 'free text', b: ['x y'], c: 12, d: '2026-01-01' }, ['a', 'b', 'c', 'd'])).toEqual({
      c: 12,
      d: '2026-01-01',
    });
  });

  it('let an app manage only its own subscriptions: no other app’s, no other organisation’s events or deliveries', async () => {
    const own = await appOf(orgs.xiangfenPolice, [SCOPES.read, SCOPES.manage]);
    const stranger = await appOf(orgs.jinjiangProcuratorate, [SCOPES.read, SCOPES.manage]);
    const { subscription } = await subscribe(own, hookUrl, ['REFERRAL_ANSWERED']);
    await deliver(referralEvent('referral.answered', orgs.xiangfenPolice.id, orgs.xiangfenCivilAffairs.id));
    const [delivery] = (await deliveriesOf(subscription.id, own)).deliveries.nodes;

    const create = (as: Principal, apiClientId: string | null) =>
      subgraph.query(CREATE, { input: { apiClientId, url: hookUrl, eventTypes: ['REFERRAL_ANSWERED'] } }, as);
    expect(codeOf(await create(stranger, own.id)), 'for another app').toBe('FORBIDDEN');
    expect(
      codeOf(await subgraph.query(DELIVERIES, { id: subscription.id }, stranger)),
      'another app’s deliveries',
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await subgraph.query(
          `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id } } }`,
          { input: { deliveryId: delivery.id } },
          stranger,
        ),
      ),
    ).toBe('NOT_FOUND');
    const listed = ok(
      await subgraph.query(`{ webhookSubscriptions(first: 100) { nodes { id apiClient { id } } } }`, {}, stranger),
    );
    expect(
      listed.webhookSubscriptions.nodes.every((s: { apiClient: { id: string } }) => s.apiClient.id === stranger.id),
    ).toBe(true);
    // Another county's administrator finds no such app; an app without webhooks:manage may not subscribe itself.
    const jinjiangAdmin: Principal = {
      kind: 'STAFF',
      id: newId(),
      organisationId: null,
      jurisdictionCode: '350582000000',
      roles: ['JURISDICTION_ADMIN'],
      scopes: [],
    };
    expect(codeOf(await create(jinjiangAdmin, own.id))).toBe('NOT_FOUND');
    const reader = await appOf(orgs.xiangfenPolice, [SCOPES.read]);
    expect(codeOf(await create(reader, reader.id))).toBe('FORBIDDEN');
    // The stranger's own subscription hears nothing of a referral between two other organisations.
    const mine = await subscribe(stranger, hookUrl, ['REFERRAL_ANSWERED']);
    await deliver(referralEvent('referral.answered', orgs.xiangfenPolice.id, orgs.xiangfenCivilAffairs.id));
    expect((await deliveriesOf(mine.subscription.id, stranger)).deliveries.totalCount).toBe(0);
    // Its administrator (over 襄汾县) manages the police app's subscriptions.
    const xiangfenAdmin: Principal = { ...jinjiangAdmin, jurisdictionCode: '141023000000' };
    expect((await deliveriesOf(subscription.id, xiangfenAdmin)).deliveries.totalCount).toBe(2);
  });

  it('refuse bad URLs, types the app may not read, and more subscriptions than allowed', async () => {
    const app = await appOf(orgs.xiangfenEducation, [SCOPES.read, SCOPES.manage]);
    const attempt = (url: string, eventTypes = ['REFERRAL_ANSWERED']) =>
      subgraph.query(CREATE, { input: { apiClientId: app.id, url, eventTypes } }, app);
    for (const url of [
      'ftp://example.org/hook',
      'https://user:secret@example.org/hook',
      'not a url',
      `https://example.org/${'x'.repeat(2_001)}`,
      'https://example.org/#frag',
    ]) {
      const answer = await attempt(url);
      expect(codeOf(answer), url).toBe('BAD_USER_INPUT');
      expect(answer.errors![0].extensions).toMatchObject({ field: 'input.url' });
    }
    expect(codeOf(await attempt(hookUrl, [])), 'no type').toBe('BAD_USER_INPUT');
    expect(codeOf(await attempt(hookUrl, ['SOMETHING_ELSE'])), 'not in the enum').toBeTruthy();
    expect(codeOf(await attempt(hookUrl, ['BENEFIT_DECIDED'])), 'without programmes:read').toBe('FORBIDDEN');
    // In production: https only, and no loopback, private or link-local address.
    const production = webhookSettings({ NODE_ENV: 'production' });
    expect(production).toMatchObject({ allowHttp: false, allowPrivateTargets: false });
    for (const url of [
      'http://example.org/hook',
      'https://127.0.0.1/hook',
      'https://10.1.2.3/',
      'https://169.254.169.254/latest',
      'https://[::1]/',
      'https://[::ffff:192.168.1.1]/',
      'https://localhost/hook',
    ])
      expect(() => checkedTargetUrl('input.url', url, production), url).toThrow();
    expect(checkedTargetUrl('input.url', 'https://hooks.example.org/doudi', production)).toBe(
      'https://hooks.example.org/doudi',
    );
    expect(isNonPublicAddress('8.8.8.8')).toBe(false);
    expect(isNonPublicAddress('172.20.0.1')).toBe(true);
    // At delivery, the address connected to is checked: a name resolving to loopback is refused in production.
    const before = hook.received.length;
    const byName = hookUrl.replace('127.0.0.1', 'localhost');
    const blocked = await sendWebhook(byName, 'whsec_x', newId(), '{}', {
      timeoutMs: 2_000,
      allowPrivateTargets: false,
    });
    expect(blocked).toMatchObject({ delivered: false, status: null, error: expect.stringMatching(/non-public/) });
    const literal = await sendWebhook(hookUrl, 'whsec_x', newId(), '{}', {
      timeoutMs: 2_000,
      allowPrivateTargets: false,
    });
    expect(literal).toMatchObject({ delivered: false, status: null });
    expect(hook.received.length, 'nothing reached the receiver').toBe(before);
    const allowed = await sendWebhook(byName, 'whsec_x', newId(), '{}', {
      timeoutMs: 2_000,
      allowPrivateTargets: true,
    });
    expect(allowed).toEqual({ delivered: true, status: 200, error: null });
    // At most 4 per app here (WEBHOOK_MAX_SUBSCRIPTIONS_PER_CLIENT).
    for (let i = 0; i < 4; i++) ok(await attempt(`${hookUrl}?n=${i}`));
    expect(codeOf(await attempt(`${hookUrl}?n=5`))).toBe('LIMIT_EXCEEDED');
  });

  it('tell the organisation concerned of a stage change, a benefit its caseworker proposed and a deadline, by ids and codes', async () => {
    const lead = await appOf(orgs.heyuTownship, [SCOPES.read, SCOPES.manage, SCOPES.programmes]);
    const { subscription } = await subscribe(lead, hookUrl, [
      'CASE_STAGE_CHANGED',
      'BENEFIT_DECIDED',
      'DEADLINE_DUE_SOON',
      'NOTIFICATION_CREATED',
    ]);
    await run(); // what earlier tests left waiting
    const caseId = newId();
    const base = { producer: 'cases' as const, occurredAt: new Date().toISOString() };
    await deliver({
      ...base,
      eventId: newId(),
      type: 'case.stage.changed',
      aggregateId: caseId,
      payload: {
        caseId,
        jurisdictionCode: orgs.heyuTownship.jurisdictionCode,
        leadOrganisationId: orgs.heyuTownship.id,
        officeOrganisationId: null,
        previousStage: 'LEAD',
        stage: 'VISITED',
        status: 'OPEN',
        changedOn: '2026-11-21',
      },
    });
    // A township caseworker of 河鱼乡 proposed it; programmes names the account, organisations knows its organisation.
    const proposer = ok(
      await subgraph.query(
        `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { account { id } } }`,
        {
          input: {
            organisationId: orgs.heyuTownship.id,
            username: `heyu.${newId().slice(-8)}`,
            displayName: '经办人',
            password: 'a-long-enough-password',
            roles: ['CASEWORKER'],
          },
        },
      ),
    ).createStaffAccount.account.id;
    const benefitId = newId();
    await deliver({
      ...base,
      producer: 'programmes',
      eventId: newId(),
      type: 'benefit.decided',
      aggregateId: benefitId,
      payload: {
        benefitId,
        programmeId: newId(),
        programmeKind: 'TEMPORARY_ASSISTANCE',
        caseId,
        referralId: null,
        householdId: newId(),
        jurisdictionCode: orgs.heyuTownship.jurisdictionCode,
        status: 'APPROVED',
        decision: 'APPROVED',
        proposedById: proposer,
        decidedById: newId(),
        programmeName: '临时救助',
        amount: '1500.00',
      },
    });
    await deliver({
      ...base,
      eventId: newId(),
      type: 'case.deadline.reminder',
      aggregateId: newId(),
      payload: {
        itemKind: 'TASK',
        itemId: newId(),
        caseId,
        organisationId: orgs.heyuTownship.id,
        jurisdictionCode: orgs.heyuTownship.jurisdictionCode,
        dueDate: '2026-11-25',
        level: 'REMINDER',
      },
    });
    const before = hook.received.length;
    await run();
    const told = hook.received.slice(before).map((r) => JSON.parse(r.body));
    expect(told.map((t) => t.type).sort()).toEqual(
      ['benefit.decided', 'case.stage_changed', 'deadline.due_soon', 'notification.created'].sort(),
    );
    expect(told.find((t) => t.type === 'case.stage_changed').data).toMatchObject({
      previousStage: 'LEAD',
      stage: 'VISITED',
    });
    const benefit = told.find((t) => t.type === 'benefit.decided');
    expect(benefit.data).toMatchObject({ benefitId, decision: 'APPROVED', programmeKind: 'TEMPORARY_ASSISTANCE' });
    expect(benefit.data, 'no amount or programme name').not.toHaveProperty('amount');
    expect(benefit.data).not.toHaveProperty('programmeName');
    const deadline = told.find((t) => t.type === 'deadline.due_soon');
    expect(deadline.data).toMatchObject({ itemKind: 'TASK', kind: 'REMINDER', dueDate: '2026-11-25', caseId });
    expect(told.find((t) => t.type === 'notification.created').id, 'each its own id').not.toBe(deadline.id);
    expect((await deliveriesOf(subscription.id, lead)).deliveries.totalCount).toBe(4);
  });

  it('count a redirect, a slow receiver and a long answer as what they are: not followed, cut off, read no further', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((req, res) => {
      if (req.url === '/redirect') res.writeHead(302, { location: hookUrl }).end();
      else if (req.url === '/long') res.writeHead(200).end('x'.repeat(1_000_000));
      // '/slow' never answers.
    });
    server.on('connection', (socket) => sockets.add(socket));
    const base = await new Promise<string>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
    );
    try {
      const settings = { timeoutMs: 300, allowPrivateTargets: true };
      const before = hook.received.length;
      expect(await sendWebhook(`${base}/redirect`, 'whsec_x', newId(), '{}', settings)).toEqual({
        delivered: false,
        status: 302,
        error: 'HTTP 302',
      });
      expect(hook.received.length, 'the redirect was not followed').toBe(before);
      const started = Date.now();
      expect(await sendWebhook(`${base}/slow`, 'whsec_x', newId(), '{}', settings)).toMatchObject({
        delivered: false,
        status: null,
        error: expect.stringMatching(/no answer within 300 ms/),
      });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await sendWebhook(`${base}/long`, 'whsec_x', newId(), '{}', settings)).toEqual({
        delivered: true,
        status: 200,
        error: null,
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('send nothing more to an app once it is deactivated', async () => {
    const app = await appOf(orgs.xiangfenCivilAffairs, [SCOPES.read, SCOPES.manage]);
    const { subscription } = await subscribe(app, hookUrl, ['REFERRAL_RECEIVED']);
    await run(); // what earlier tests left waiting
    const sent = () =>
      deliver(referralEvent('referral.sent', orgs.xiangfenPolice.id, orgs.xiangfenCivilAffairs.id, { status: 'SENT' }));
    await sent();
    ok(
      await subgraph.query(
        `mutation($input: DeactivateInput!) { deactivateApiClient(input: $input) { client { id } } }`,
        {
          input: { id: app.id },
        },
      ),
    );
    await sent();
    const before = hook.received.length;
    await run();
    expect(hook.received.length - before, 'not even what waited').toBe(0);
    expect((await deliveriesOf(subscription.id)).deliveries.totalCount, 'the second event made none').toBe(1);
  });

  it('let a silent receiver cost one attempt a run and hold up no other subscription', async () => {
    const silent = createServer(() => {});
    const sockets = new Set<import('node:net').Socket>();
    silent.on('connection', (socket) => sockets.add(socket));
    const silentUrl = await new Promise<string>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/`)),
    );
    try {
      const org = orgs.zhoucunCivilAffairs;
      const down = await appOf(org, [SCOPES.read, SCOPES.manage]);
      const up = await appOf(org, [SCOPES.read, SCOPES.manage]);
      const slow = await subscribe(down, silentUrl, ['REFERRAL_RECEIVED']);
      await subscribe(up, hookUrl, ['REFERRAL_RECEIVED']);
      await run(); // what earlier tests left waiting
      for (let i = 0; i < 3; i++)
        await deliver(referralEvent('referral.sent', orgs.xiangfenPolice.id, org.id, { status: 'SENT' }));
      const before = hook.received.length;
      const started = Date.now();
      const outcome = await deliverDueWebhooks(subgraph.orm.em.fork(), {
        ...deps,
        settings: { ...deps.settings, timeoutMs: 1_000 },
      });
      expect(outcome).toMatchObject({ attempted: 4, delivered: 3, failed: 1 });
      expect(Date.now() - started, 'one time limit, not four').toBeLessThan(3_000);
      expect(hook.received.length - before).toBe(3);
      const waiting = (await deliveriesOf(slow.subscription.id, down)).deliveries.nodes;
      expect(waiting.map((d: { attemptCount: number }) => d.attemptCount).sort()).toEqual([0, 0, 1]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('answer the secret once: a retry with the same idempotency key gets the same subscription without it', async () => {
    const app = await appOf(orgs.xiangfenPolice, [SCOPES.read, SCOPES.manage]);
    const input = { apiClientId: app.id, url: hookUrl, eventTypes: ['CASE_STAGE_CHANGED'], idempotencyKey: newId() };
    const first = ok(await subgraph.query(CREATE, { input }, app)).createWebhookSubscription;
    const again = ok(await subgraph.query(CREATE, { input }, app)).createWebhookSubscription;
    expect(first.secret).toMatch(/^whsec_/);
    expect(again).toEqual({ secret: null, subscription: first.subscription });
    const rotated = ok(
      await subgraph.query(
        `mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret subscription { version } } }`,
        { input: { subscriptionId: first.subscription.id, version: first.subscription.version } },
        app,
      ),
    ).rotateWebhookSecret;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(first.secret);
    const deleted = await subgraph.query(
      `mutation($input: DeleteWebhookSubscriptionInput!) { deleteWebhookSubscription(input: $input) { subscription { id } } }`,
      { input: { subscriptionId: first.subscription.id } },
      app,
    );
    expect(ok(deleted).deleteWebhookSubscription.subscription.id).toBe(first.subscription.id);
    expect(codeOf(await subgraph.query(DELIVERIES, { id: first.subscription.id }, app))).toBe('NOT_FOUND');
  });
});
