import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';
import { must, step } from './support/steps.js';

/**
 * Issue 6 point 5 through the whole system: the hourly sweep in cases finds a step past its due date and
 * writes an escalation to the outbox; organisations turns it into notifications for the organisation that
 * must act and for the joint-meeting office of the county (襄汾县's is in the police bureau, 襄政办发〔2023〕26号 附件1).
 */
let system: System;
const tokens: Record<'police' | 'admin', string> = {} as never;
const { xiangfenPolice, xiangfenCivilAffairs } = demo.organisations;
let caseId: string;

const notificationsOf = async (token: string, organisationId: string) =>
  (
    await must(
      system,
      token,
      `query($id: ID!) { organisation(id: $id) { notifications(first: 100) { nodes { kind itemKind caseId dueDate responsibleOrganisation { id } } } } }`,
      { id: organisationId },
    )
  ).organisation.notifications.nodes.filter((n: { caseId: string }) => n.caseId === caseId);

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  const opened = await step(system, tokens.police, 'openCase', 'case { id }', {
    channel: 'NON_NATURAL_DEATH',
    householdId: demo.households[0].id,
    jurisdictionCode: '141023000000',
    leadOrganisationId: xiangfenPolice.id,
    summary: '走访函已收到',
    receivedOn: '2026-09-30',
  });
  caseId = opened.case.id;
  // A written answer due one month after 1 October, long past by now.
  await step(system, tokens.police, 'createReferral', 'referral { id dueDate }', {
    caseId,
    fromOrganisationId: xiangfenPolice.id,
    toOrganisationId: xiangfenCivilAffairs.id,
    kind: 'SOCIAL_ASSISTANCE',
    sentOn: '2026-10-01',
  });
});
afterAll(() => system?.stop());

describe('the deadline sweep', () => {
  it('escalates an overdue referral to civil affairs and to the county’s joint-meeting office, once', async () => {
    for (let run = 0; run < 2; run++) {
      // The sweep ran when cases started, before this case existed; make it due again (hourly otherwise).
      await system.subgraphs.cases.orm.em
        .fork()
        .getConnection()
        .execute(`update _private_jobs set run_at = now() - interval '1 second' where key like 'job:%'`);
      const runs = await system.subgraphs.cases.runDueJobs();
      expect(runs).toContainEqual({ name: 'deadline-sweep', error: null });
      await system.subgraphs.cases.drainOutbox();
    }
    const civil = await notificationsOf(tokens.admin, xiangfenCivilAffairs.id);
    expect(civil).toEqual([
      {
        kind: 'ESCALATION',
        itemKind: 'REFERRAL',
        caseId,
        dueDate: '2026-11-01',
        responsibleOrganisation: { id: xiangfenCivilAffairs.id },
      },
    ]);
    const office = await notificationsOf(tokens.police, xiangfenPolice.id);
    expect(office).toContainEqual({
      kind: 'ESCALATION',
      itemKind: 'REFERRAL',
      caseId,
      dueDate: '2026-11-01',
      responsibleOrganisation: { id: xiangfenCivilAffairs.id },
    });
    // The police's own overdue visit (due 10 October) is escalated to them as well.
    expect(office.filter((n: { itemKind: string }) => n.itemKind === 'TASK')).toHaveLength(1);
  });
});
