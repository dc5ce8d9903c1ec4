import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';
import { must, step, type Data } from './support/steps.js';
import { clientToken, createClient } from './support/two-counties.js';

/**
 * Issue 19 item 3 through the whole system: the police's case system keeps its referrals in step with
 * `updatedSince` (docs/sync.md). When 民政局 answers the police's referral in writing (襄政办发〔2023〕26号 七(五)
 * 书面函复), the app's next sync — from the syncedUntil of the previous one — answers that referral with its new
 * status, among nothing the police may not read.
 */
let system: System;
const { xiangfenPolice, xiangfenCivilAffairs, xiangfenAgriculture } = demo.organisations;

const SYNC = `query($since: DateTime!, $after: String) {
  referrals(filter: { fromOrganisationId: "${xiangfenPolice.id}", updatedSince: $since }, first: 2, after: $after) {
    syncedUntil pageInfo { hasNextPage endCursor } nodes { id status updatedAt measuresTaken }
  }
}`;

/** One sync pass as an integrator writes it: every page, then the syncedUntil to start from next time. */
async function syncPass(token: string, since: string) {
  const nodes: Data[] = [];
  let after: string | null = null;
  for (;;) {
    const { referrals } = await must(system, token, SYNC, { since, after });
    nodes.push(...referrals.nodes);
    if (!referrals.pageInfo.hasNextPage) return { nodes, next: referrals.syncedUntil as string };
    after = referrals.pageInfo.endCursor;
  }
}

beforeAll(async () => {
  system = await startSystem({ demoData: true });
});
afterAll(() => system?.stop());

describe('incremental sync for agency apps (issue 19 item 3)', () => {
  it('the police app syncs its referrals with updatedSince, and the next sync answers just the one 民政局 answered', async () => {
    const police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    const app = await clientToken(
      system,
      await createClient(system, {
        organisationId: xiangfenPolice.id,
        name: '公安局案件系统',
        scopes: ['CASES_READ'],
      }),
    );
    const opened = await step(system, police, 'openCase', 'case { id }', {
      channel: 'NON_NATURAL_DEATH',
      householdId: demo.households[0].id,
      jurisdictionCode: '141023000000',
      leadOrganisationId: xiangfenPolice.id,
      summary: '走访函已收到',
      receivedOn: '2026-11-02',
    });
    const referTo = (toOrganisationId: string, kind: string) =>
      step(system, police, 'createReferral', 'referral { id version }', {
        caseId: opened.case.id,
        fromOrganisationId: xiangfenPolice.id,
        toOrganisationId,
        kind,
        sentOn: '2026-11-03',
      }).then((p) => p.referral);
    const toCivilAffairs = await referTo(xiangfenCivilAffairs.id, 'SOCIAL_ASSISTANCE');
    const toAgriculture = await referTo(xiangfenAgriculture.id, 'RURAL_SUPPORT');

    // The first sync starts early and reads everything; the app keeps syncedUntil for the next one.
    const first = await syncPass(app, '2026-01-01T00:00:00+08:00');
    // The demo's earlier referrals of the police first, then the two just sent, in the order they changed.
    expect(first.nodes.slice(-2).map((r) => [r.id, r.status])).toEqual([
      [toCivilAffairs.id, 'SENT'],
      [toAgriculture.id, 'SENT'],
    ]);
    expect(new Set(first.nodes.map((r) => r.id)).size).toBe(first.nodes.length);
    expect(Date.parse(first.next)).toBeLessThan(Date.now());

    await step(system, admin, 'answerReferral', 'referral { status }', {
      referralId: toCivilAffairs.id,
      version: toCivilAffairs.version,
      answeredOn: '2026-11-20',
      measuresTaken: ['纳入农村低保，每月600元'],
    });

    // The next sync, from syncedUntil, re-reads what changed within its safety margin (the app keeps the copy
    // with the latest updatedAt per id); its newest word on each referral is what changed.
    const second = await syncPass(app, first.next);
    const latest = new Map<string, Data>();
    for (const r of second.nodes) latest.set(r.id, r);
    expect(latest.get(toCivilAffairs.id)).toMatchObject({
      status: 'ANSWERED',
      measuresTaken: ['纳入农村低保，每月600元'],
    });
    expect(second.nodes[second.nodes.length - 1].id).toBe(toCivilAffairs.id);
    // Exactly the answered referral changed since the app's own last read of it.
    const seen = new Map(first.nodes.map((r) => [r.id, r.updatedAt]));
    expect(second.nodes.filter((r) => r.updatedAt !== seen.get(r.id)).map((r) => r.id)).toEqual([toCivilAffairs.id]);

    // A sync from a moment after the answer answers nothing more.
    const third = await syncPass(app, new Date(Date.now() + 1000).toISOString());
    expect(third.nodes).toEqual([]);
  });

  it('refuses a malformed updatedSince as BAD_USER_INPUT', async () => {
    const police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
    const result = await system.queryAs(police, SYNC, { since: '28 November 2026' });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
