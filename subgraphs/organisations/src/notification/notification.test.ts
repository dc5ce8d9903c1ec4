import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, newId, type DeliveredEvent, type Permission, type Principal, type Role } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { deliverEvent, startTestSubgraph, TEST_SYSTEM_ADMIN } from '@doudi/shared/testing';
import { organisations } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  // The demo holds the joint meetings of 襄汾县 (office: the county police) and 晋江市 (the procuratorate).
  subgraph = await startTestSubgraph(organisations, { demoData: true });
});
afterAll(() => subgraph?.stop());

const orgs = demo.organisations;
const XINCHENG_TOWNSHIP = '141023100000';

const staffOf = (organisation: { id: string; jurisdictionCode: string }, roles: Role[] = ['AGENCY_STAFF']) =>
  ({
    kind: 'STAFF',
    id: newId(),
    organisationId: organisation.id,
    jurisdictionCode: organisation.jurisdictionCode,
    roles,
    scopes: [],
  }) satisfies Principal;
const appOf = (organisation: { id: string; jurisdictionCode: string }, scopes: Permission[]) =>
  ({
    kind: 'API_CLIENT',
    id: newId(),
    organisationId: organisation.id,
    jurisdictionCode: organisation.jurisdictionCode,
    roles: [],
    scopes,
  }) satisfies Principal;
const adminOf = (jurisdictionCode: string): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles: ['JURISDICTION_ADMIN'],
  scopes: [],
});

type Level = 'REMINDER' | 'ESCALATION';
interface Step {
  itemKind?: 'REFERRAL' | 'TASK' | 'FOLLOW_UP';
  itemId?: string;
  organisationId: string;
  jurisdictionCode: string;
  dueDate?: string;
}

/** A case.deadline.* event as the cases subgraph's deadline sweep publishes it. */
function deadlineEvent(level: Level, step: Step): DeliveredEvent {
  const itemId = step.itemId ?? newId();
  return {
    eventId: newId(),
    type: level === 'REMINDER' ? 'case.deadline.reminder' : 'case.deadline.escalated',
    aggregateId: itemId,
    producer: 'cases',
    occurredAt: new Date().toISOString(),
    payload: {
      itemKind: step.itemKind ?? 'REFERRAL',
      itemId,
      caseId: newId(),
      organisationId: step.organisationId,
      jurisdictionCode: step.jurisdictionCode,
      dueDate: step.dueDate ?? '2026-10-08',
      level,
    },
  };
}

async function deliver(event: DeliveredEvent) {
  const answer = await deliverEvent(subgraph, event);
  expect(answer.status).toBe(200);
  return answer.body.status;
}

const NOTIFICATIONS = `query($id: ID!, $unreadOnly: Boolean, $first: Int, $after: String) {
  organisation(id: $id) { notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind itemKind itemId caseId dueDate readAt readBy createdAt
      organisation { id } responsibleOrganisation { id } jurisdiction { code } } } } }`;

type NotificationNode = Record<string, any>;
async function notificationsOf(
  organisationId: string,
  principal: Principal = TEST_SYSTEM_ADMIN,
  variables: Record<string, unknown> = {},
) {
  const read = await subgraph.query<{
    organisation: { notifications: { totalCount: number; nodes: NotificationNode[] } };
  }>(NOTIFICATIONS, { id: organisationId, first: 100, ...variables }, principal);
  expect(read.errors).toBeUndefined();
  return read.data!.organisation.notifications;
}
const aboutItem = async (organisationId: string, itemId: string) =>
  (await notificationsOf(organisationId)).nodes.filter((n) => n.itemId === itemId);

const MARK = `mutation($input: MarkNotificationReadInput!) {
  markNotificationRead(input: $input) { notification { id readAt readBy } } }`;

describe('deadline notifications', () => {
  it('bring a reminder to the organisation that must act, and to no one else', async () => {
    const event = deadlineEvent('REMINDER', {
      itemKind: 'TASK',
      organisationId: orgs.xiangfenCivilAffairs.id,
      jurisdictionCode: XINCHENG_TOWNSHIP,
    });
    expect(await deliver(event)).toBe('processed');

    const mine = await notificationsOf(orgs.xiangfenCivilAffairs.id, staffOf(orgs.xiangfenCivilAffairs));
    expect(mine.nodes.filter((n) => n.itemId === event.aggregateId)).toEqual([
      {
        id: expect.any(String),
        kind: 'REMINDER',
        itemKind: 'TASK',
        itemId: event.aggregateId,
        caseId: event.payload.caseId,
        dueDate: '2026-10-08',
        readAt: null,
        readBy: null,
        createdAt: expect.stringMatching(/\+08:00$/),
        organisation: { id: orgs.xiangfenCivilAffairs.id },
        responsibleOrganisation: { id: orgs.xiangfenCivilAffairs.id },
        jurisdiction: { code: XINCHENG_TOWNSHIP },
      },
    ]);
    expect(await aboutItem(orgs.xiangfenPolice.id, event.aggregateId), 'a reminder is not escalated').toEqual([]);
  });

  it('bring an escalation also to the joint-meeting office of the nearest jurisdiction above that has one', async () => {
    // 新城镇 has no joint meeting: 襄汾县's office (the county police) hears of it.
    const township = deadlineEvent('ESCALATION', {
      organisationId: orgs.xiangfenEducation.id,
      jurisdictionCode: XINCHENG_TOWNSHIP,
    });
    const jinjiang = deadlineEvent('ESCALATION', {
      itemKind: 'FOLLOW_UP',
      organisationId: orgs.jinjiangWomensFederation.id,
      jurisdictionCode: orgs.jinjiangWomensFederation.jurisdictionCode,
    });
    await deliver(township);
    await deliver(jinjiang);

    const [own] = await aboutItem(orgs.xiangfenEducation.id, township.aggregateId);
    const [office] = await aboutItem(orgs.xiangfenPolice.id, township.aggregateId);
    expect(own).toMatchObject({ kind: 'ESCALATION', responsibleOrganisation: { id: orgs.xiangfenEducation.id } });
    expect(office).toMatchObject({
      kind: 'ESCALATION',
      organisation: { id: orgs.xiangfenPolice.id },
      responsibleOrganisation: { id: orgs.xiangfenEducation.id },
    });
    expect(await aboutItem(orgs.jinjiangWomensFederation.id, jinjiang.aggregateId)).toHaveLength(1);
    expect(await aboutItem(orgs.jinjiangProcuratorate.id, jinjiang.aggregateId)).toHaveLength(1);
    expect(await aboutItem(orgs.xiangfenPolice.id, jinjiang.aggregateId), 'not another county’s office').toEqual([]);
  });

  it('take the nearest joint meeting: a township’s own office before its county’s', async () => {
    for (const [jurisdictionCode, office] of [
      ['500229000000', orgs.chengkouCivilAffairs],
      ['500229218000', orgs.heyuTownship],
    ] as const) {
      const created = await subgraph.query(
        `mutation($input: CreateJointMeetingInput!) { createJointMeeting(input: $input) { jointMeeting { id } } }`,
        { input: { name: '社会救助联席会议', jurisdictionCode, officeOrganisationId: office.id } },
      );
      expect(created.errors).toBeUndefined();
    }
    const village = deadlineEvent('ESCALATION', {
      organisationId: orgs.heyuVillage.id,
      jurisdictionCode: orgs.heyuVillage.jurisdictionCode,
    });
    const county = deadlineEvent('ESCALATION', {
      organisationId: orgs.chengkouCentre.id,
      jurisdictionCode: '500229000000',
    });
    await deliver(village);
    await deliver(county);

    expect(await aboutItem(orgs.heyuTownship.id, village.aggregateId)).toHaveLength(1);
    expect(await aboutItem(orgs.chengkouCivilAffairs.id, village.aggregateId)).toEqual([]);
    expect(await aboutItem(orgs.chengkouCivilAffairs.id, county.aggregateId)).toHaveLength(1);
    expect(await aboutItem(orgs.heyuTownship.id, county.aggregateId), 'never an office below').toEqual([]);
  });

  it('notify once: when an event is delivered again, when the office itself must act, and when told twice', async () => {
    const event = deadlineEvent('ESCALATION', {
      organisationId: orgs.jinjiangCivilAffairs.id,
      jurisdictionCode: orgs.jinjiangCivilAffairs.jurisdictionCode,
    });
    expect([await deliver(event), await deliver(event)]).toEqual(['processed', 'duplicate']);
    // The same step, level and due date in another event (a producer that published it twice).
    expect(await deliver({ ...event, eventId: newId() })).toBe('processed');
    expect(await aboutItem(orgs.jinjiangCivilAffairs.id, event.aggregateId)).toHaveLength(1);
    expect(await aboutItem(orgs.jinjiangProcuratorate.id, event.aggregateId)).toHaveLength(1);

    const officeActs = deadlineEvent('ESCALATION', {
      organisationId: orgs.xiangfenPolice.id,
      jurisdictionCode: '141023000000',
    });
    await deliver(officeActs);
    expect(await aboutItem(orgs.xiangfenPolice.id, officeActs.aggregateId)).toHaveLength(1);

    // A moved due date is a new deadline, so it is notified again.
    await deliver(deadlineEvent('ESCALATION', { ...officeActs.payload, dueDate: '2026-10-09' } as Step));
    expect((await aboutItem(orgs.xiangfenPolice.id, officeActs.aggregateId)).map((n) => n.dueDate).sort()).toEqual([
      '2026-10-08',
      '2026-10-09',
    ]);
  });

  it('leave out an organisation this subgraph does not know, and refuse a malformed event so it is sent again', async () => {
    expect(
      await deliver(deadlineEvent('REMINDER', { organisationId: newId(), jurisdictionCode: '141023000000' })),
    ).toBe('processed');
    const malformed = deadlineEvent('REMINDER', {
      organisationId: orgs.xiangfenEducation.id,
      jurisdictionCode: '141023000000',
      dueDate: '8 Oct',
    });
    expect((await deliverEvent(subgraph, malformed)).status).toBe(500);
  });

  it('are read newest first, a page at a time, unread ones on their own', async () => {
    const organisation = orgs.xiangfenDisabledFederation;
    const events = [1, 2, 3].map(() =>
      deadlineEvent('REMINDER', { organisationId: organisation.id, jurisdictionCode: organisation.jurisdictionCode }),
    );
    for (const event of events) await deliver(event);
    const staff = staffOf(organisation);

    const first = await notificationsOf(organisation.id, staff, { first: 2 });
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((n) => n.itemId)).toEqual([events[2].aggregateId, events[1].aggregateId]);
    const rest = await notificationsOf(organisation.id, staff, { first: 2, after: (first as any).pageInfo.endCursor });
    expect(rest.nodes.map((n) => n.itemId)).toEqual([events[0].aggregateId]);
    expect((rest as any).pageInfo.hasNextPage).toBe(false);

    const marked = await subgraph.query(MARK, { input: { notificationId: first.nodes[0].id } }, staff);
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markNotificationRead.notification).toMatchObject({
      readAt: expect.stringMatching(/\+08:00$/),
      readBy: staff.id,
    });
    const unread = await notificationsOf(organisation.id, staff, { unreadOnly: true });
    expect(unread.totalCount).toBe(2);
    expect(unread.nodes.map((n) => n.itemId)).toEqual([events[1].aggregateId, events[0].aggregateId]);

    // Marking it again keeps the first reader.
    const again = await subgraph.query(MARK, { input: { notificationId: first.nodes[0].id } }, staffOf(organisation));
    expect(again.data!.markNotificationRead.notification.readBy).toBe(staff.id);
  });

  it('are read and marked only by the organisation’s own staff (and read by administrators over it)', async () => {
    const organisation = orgs.xiangfenAgriculture;
    const event = deadlineEvent('REMINDER', {
      organisationId: organisation.id,
      jurisdictionCode: organisation.jurisdictionCode,
    });
    await deliver(event);
    const [notification] = await aboutItem(organisation.id, event.aggregateId);
    const read = (principal: Principal) => subgraph.query(NOTIFICATIONS, { id: organisation.id, first: 5 }, principal);
    const mark = (principal: Principal) =>
      subgraph.query(MARK, { input: { notificationId: notification.id } }, principal);
    const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
      result.errors?.[0]?.extensions?.code;

    for (const outsider of [
      staffOf(orgs.xiangfenPolice),
      staffOf(orgs.xiangfenPolice, ['CASEWORKER']),
      adminOf('350582000000'),
      staffOf(organisation, ['REPORTING']),
    ]) {
      expect(codeOf(await read(outsider)), JSON.stringify(outsider.roles)).toBe('FORBIDDEN');
    }
    // Administrators over 襄汾县 read the bureau's notices (wherever their own desk is); none marks them read.
    for (const overseer of [
      adminOf('141023000000'),
      adminOf('141000000000'),
      staffOf(orgs.xiangfenPolice, ['JURISDICTION_ADMIN']),
      TEST_SYSTEM_ADMIN,
    ]) {
      expect((await read(overseer)).errors, JSON.stringify(overseer)).toBeUndefined();
      expect(codeOf(await mark(overseer))).toBe('FORBIDDEN');
    }
    expect(codeOf(await mark(staffOf(orgs.xiangfenPolice)))).toBe('FORBIDDEN');
    expect(codeOf(await mark(staffOf(organisation, ['REPORTING'])))).toBe('FORBIDDEN');
    expect(codeOf(await subgraph.query(MARK, { input: { notificationId: newId() } }, staffOf(organisation)))).toBe(
      'NOT_FOUND',
    );
    expect((await aboutItem(organisation.id, event.aggregateId))[0].readAt, 'nobody above marked it').toBeNull();

    expect((await mark(staffOf(organisation))).errors).toBeUndefined();
    expect((await aboutItem(organisation.id, event.aggregateId))[0].readAt).not.toBeNull();
  });

  it('are read and acknowledged by the organisation’s own app as by its staff, never by another’s app', async () => {
    const organisation = orgs.xiangfenEducation;
    const event = deadlineEvent('REMINDER', {
      organisationId: organisation.id,
      jurisdictionCode: organisation.jurisdictionCode,
    });
    await deliver(event);
    const app = appOf(organisation, ['cases:read', 'organisations:read']);
    const read = (principal: Principal) =>
      subgraph.query(NOTIFICATIONS, { id: organisation.id, first: 100 }, principal);
    const seen = await read(app);
    expect(seen.errors).toBeUndefined();
    const notification = (seen.data!.organisation.notifications.nodes as NotificationNode[]).find(
      (n) => n.itemId === event.aggregateId,
    )!;
    expect(notification.readAt).toBeNull();
    const codeOf = (result: { errors?: { extensions?: Record<string, any> }[] }) =>
      result.errors?.[0]?.extensions?.code;
    for (const stranger of [
      appOf(orgs.xiangfenPolice, ['cases:read', 'organisations:read']),
      appOf(organisation, ['organisations:read']),
    ]) {
      expect(codeOf(await read(stranger)), JSON.stringify(stranger.scopes)).toBe('FORBIDDEN');
      expect(codeOf(await subgraph.query(MARK, { input: { notificationId: notification.id } }, stranger))).toBe(
        'FORBIDDEN',
      );
    }
    const marked = await subgraph.query(MARK, { input: { notificationId: notification.id } }, app);
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markNotificationRead.notification).toMatchObject({ readBy: app.id });
  });

  it('cost the same SQL statements for a page of 2 organisations as for 10', async () => {
    const PAGE = `query($first: Int!) { organisations(first: $first) { nodes { id
      notifications(first: 3) { totalCount nodes { id organisation { name } responsibleOrganisation { name } } }
      unread: notifications(unreadOnly: true, first: 3) { totalCount } } } }`;
    const statementsFor = async (first: number) => {
      const counted = countQueries(subgraph.orm);
      try {
        const result = await subgraph.query<{ organisations: { nodes: unknown[] } }>(PAGE, { first });
        expect(result.errors).toBeUndefined();
        expect(result.data!.organisations.nodes).toHaveLength(first);
        return counted.count;
      } finally {
        counted.stop();
      }
    };
    expect(await statementsFor(10)).toBe(await statementsFor(2));
  });
});
