import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { failure, ok, people, startCasesWithNeighbours, mutation, type Neighbourhood } from '../test-support.js';

/** Organisation.inbox: what an organisation must answer or do, soonest due first, undated last. */
let n: Neighbourhood;
const o = demo.organisations;
const civil = o.xiangfenCivilAffairs.id;
type Data = Record<string, any>;

/** As the gateway asks for it: the organisation's entity, with the field this subgraph contributes. */
const INBOX = `query($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) {
  ... on Organisation { inbox(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    nodes { kind dueDate overdue atRisk case { id } referral { id status } task { kind } followUp { dueOn } } } } } }`;

async function inboxOf(principal: Principal, id = civil, first?: number, after?: string) {
  const result = await n.query(INBOX, { reps: [{ __typename: 'Organisation', id }], first, after }, principal);
  return { ...result, data: result.data && { organisation: result.data._entities[0] } };
}

async function step(principal: Principal, name: string, input: Data, selection: string) {
  return ok(await n.query(mutation(name, selection), { input }, principal))[name];
}
const openCase = (principal: Principal, input: Data) =>
  step(
    principal,
    'openCase',
    { householdId: demo.households[0].id, jurisdictionCode: '141023000000', ...input },
    'case { id version }',
  ).then((p: Data) => p.case);

let deathCase: string;
let soon: Data;

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  // A window case civil affairs leads: its TRANSFER task is due the next working day after 9 Oct.
  await openCase(people.civilAffairs, {
    channel: 'WINDOW_APPLICATION',
    leadOrganisationId: civil,
    summary: '申请临时救助',
    receivedOn: '2026-10-09',
  });
  // A lead civil affairs must still assign: undated.
  await openCase(people.civilAffairs, {
    channel: 'DATA_COMPARISON',
    leadOrganisationId: civil,
    summary: '比对发现：低收入家庭',
    receivedOn: '2026-10-09',
  });
  deathCase = (
    await openCase(people.police, {
      channel: 'NON_NATURAL_DEATH',
      leadOrganisationId: o.xiangfenPolice.id,
      summary: '户主交通事故死亡',
      receivedOn: '2026-09-30',
    })
  ).id;
  const refer = (dueDate: string) =>
    step(
      people.police,
      'createReferral',
      {
        caseId: deathCase,
        fromOrganisationId: o.xiangfenPolice.id,
        toOrganisationId: civil,
        kind: 'SOCIAL_ASSISTANCE',
        dueDate,
      },
      'referral { id version }',
    ).then((p: Data) => p.referral);
  await refer('2099-12-31');
  soon = await refer('2026-11-02');
  await step(
    people.police,
    'scheduleFollowUp',
    { caseId: deathCase, organisationId: civil, dueOn: '2026-12-15' },
    'followUp { id }',
  );
});
afterAll(() => n?.stop());

describe('an organisation’s inbox', () => {
  it('lists referrals to answer, open tasks and follow-ups, soonest due first and undated last', async () => {
    const inbox = ok(await inboxOf(people.civilAffairs)).organisation.inbox;
    expect(inbox.totalCount).toBe(5);
    expect(inbox.nodes.map((i: Data) => [i.kind, i.dueDate, i.overdue])).toEqual([
      ['TASK', '2026-10-10', true],
      ['REFERRAL', '2026-11-02', true],
      ['FOLLOW_UP', '2026-12-15', false],
      ['REFERRAL', '2099-12-31', false],
      ['TASK', null, false],
    ]);
    expect(inbox.nodes[0].task).toEqual({ kind: 'TRANSFER' });
    expect(inbox.nodes[1]).toMatchObject({ referral: { id: soon.id, status: 'SENT' }, case: { id: deathCase } });
    expect(inbox.nodes[4].task).toEqual({ kind: 'ASSIGN_LEAD' });
  });

  it('pages with a cursor', async () => {
    const first = ok(await inboxOf(people.civilAffairs, civil, 2)).organisation.inbox;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = ok(await inboxOf(people.civilAffairs, civil, 2, first.pageInfo.endCursor)).organisation.inbox;
    expect(next.nodes.map((i: Data) => i.kind)).toEqual(['FOLLOW_UP', 'REFERRAL']);
  });

  it('drops a referral once it is answered', async () => {
    await step(
      people.civilAffairs,
      'answerReferral',
      { referralId: soon.id, version: soon.version, measuresTaken: ['临时救助'] },
      'referral { id }',
    );
    const inbox = ok(await inboxOf(people.civilAffairs)).organisation.inbox;
    expect(inbox.totalCount).toBe(4);
    expect(inbox.nodes.some((i: Data) => i.referral?.id === soon.id)).toBe(false);
  });

  it('is read by the organisation’s own staff and by those overseeing its cases, no one else', async () => {
    const overseer = ok(await inboxOf(people.xinchengCaseworker)).organisation.inbox;
    // The township caseworker oversees the family's township, so every case of this family.
    expect(overseer.totalCount).toBe(4);
    const farAway = ok(await inboxOf(people.heyuCaseworker)).organisation.inbox;
    expect(farAway.totalCount).toBe(0);
    expect(failure(await inboxOf(people.police)).code).toBe('FORBIDDEN');
  });
});
