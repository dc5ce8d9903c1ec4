import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql, type GraphQLSchema } from 'graphql';
import { buildFederatedSchema, countQueries, createLogger, type MikroORM, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import type { Context } from '../context.js';
import { organisations } from '../index.js';
import { JurisdictionResolver } from '../jurisdiction/jurisdiction.resolver.js';
import { OrganisationResolver } from '../organisation/organisation.resolver.js';
import { jointMeetingResolvers } from './joint-meeting.resolver.js';
import { xiangfenJointMeeting, xiangfenOrganisations } from './joint-meeting.demo.js';
import { admin, JINJIANG, openTestOrm, XIANGFEN } from './joint-meeting.test-support.js';

let setup: Awaited<ReturnType<typeof openTestOrm>>;
let orm: MikroORM;
let schema: GraphQLSchema;
const logger = createLogger('organisations');
const xiangfenAdmin = admin(XIANGFEN);
const DEMO_MEETING = xiangfenJointMeeting.meeting.id;
const { xiangfenPolice: police, xiangfenCivilAffairs: civil } = demo.organisations;

/** One request as the subgraph serves it: a fresh EntityManager and fresh loaders. */
async function request<T = any>(query: string, variables: Record<string, unknown> = {}, principal = xiangfenAdmin) {
  const em = orm.em.fork();
  const contextValue: Context = {
    em,
    principal,
    loaders: organisations.createLoaders(em, { services: undefined, assertion: '' }),
    // This folder's services need none of the subgraph's start-up services.
    services: undefined as unknown as Context['services'],
    assertion: '',
    logger,
    requestId: 'test',
  };
  return (await graphql({ schema, source: query, variableValues: variables, contextValue })) as {
    data?: T;
    errors?: { extensions?: Record<string, unknown> }[];
  };
}

/** Runs a document and answers its data; an error fails the test (as test/support/steps.ts `must`). */
async function must<T = any>(query: string, variables: Record<string, unknown> = {}) {
  const result = await request<T>(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const ADD = `mutation($input: AddJointMeetingMemberInput!) { addJointMeetingMember(input: $input) { member { id version liaisonPhone } } }`;
const SESSION = `mutation($input: RecordJointMeetingSessionInput!) { recordJointMeetingSession(input: $input) { session { id agreedActions { id } } } }`;
const REPORT = `mutation($input: SubmitMemberAnnualReportInput!) { submitMemberAnnualReport(input: $input) { annualReport { id dueDate late } } }`;

/** Gives a meeting a plenary with one agreed action and one yearly report, so every field has rows. */
async function furnish(meetingId: string, title: string, year: number) {
  await must(SESSION, {
    input: {
      meetingId,
      kind: 'PLENARY',
      date: '2026-03-16',
      title,
      agreedActions: [{ description: '落实议定事项', ownerOrganisationId: civil.id, dueDate: '2026-12-31' }],
    },
  });
  await must(REPORT, { input: { meetingId, organisationId: police.id, year, summary: `${year} 年度工作报告` } });
}

beforeAll(async () => {
  setup = await openTestOrm();
  orm = setup.orm;
  ({ schema } = await buildFederatedSchema({
    resolvers: [JurisdictionResolver, OrganisationResolver, ...jointMeetingResolvers],
  }));
  await furnish(DEMO_MEETING, '2026 年度全体会议', 2025);
  for (let i = 1; i <= 5; i++) {
    const created = await must(
      `mutation($input: CreateJointMeetingInput!) { createJointMeeting(input: $input) { jointMeeting { id } } }`,
      { input: { name: `测试联席会议 ${i}`, jurisdictionCode: XIANGFEN, officeOrganisationId: police.id } },
    );
    const meetingId = created.createJointMeeting.jointMeeting.id;
    for (const organisationId of [police.id, civil.id])
      await must(ADD, { input: { meetingId, organisationId, liaisonName: '联络员', liaisonPhone: '13912345678' } });
    // These units joined this year, so their first report is on this year.
    await furnish(meetingId, `全体会议 ${i}`, 2026);
  }
});
afterAll(() => setup?.close());

describe('the joint-meeting API', () => {
  it('shows a liaison’s phone masked, never as stored', async () => {
    const added = await must(ADD, {
      input: {
        meetingId: DEMO_MEETING,
        organisationId: demo.organisations.linfenCivilAffairs.id,
        liaisonName: '联络员乙',
        liaisonPhone: '13812345678',
      },
    });
    expect(added.addJointMeetingMember.member.liaisonPhone).toBe('138****5678');
    const read = await must(
      `{ jointMeeting(id: "${DEMO_MEETING}") { members(first: 100) { nodes { liaisonPhone } } } }`,
    );
    const phones = read.jointMeeting.members.nodes.map((m: { liaisonPhone: string | null }) => m.liaisonPhone);
    expect(phones).toContain('138****5678');
    expect(phones).not.toContain('13812345678');
  });

  it('lists the member units that have not sent their yearly report, with its due date', async () => {
    const read = await must(`{ jointMeeting(id: "${DEMO_MEETING}") {
      annualReports(year: 2025) { organisation { name } dueDate late }
      missingAnnualReports(year: 2025) { member { organisation { name } } dueDate overdue } } }`);
    expect(read.jointMeeting.annualReports).toEqual([
      { organisation: { name: '襄汾县公安局' }, dueDate: '2026-01-10', late: true },
    ]);
    const missing = read.jointMeeting.missingAnnualReports;
    // The twelve departments and 临汾市民政局 (added above, in 2026) less the bureau that reported.
    expect(missing).toHaveLength(11);
    expect(missing.map((m: any) => m.member.organisation.name)).toContain(xiangfenOrganisations.redCross.name);
    expect(missing[0]).toMatchObject({ dueDate: '2026-01-10', overdue: true });
  });

  it('gives the next plenary a year after the last one', async () => {
    const read = await must(`{ jointMeeting(id: "${DEMO_MEETING}") { lastPlenaryDate nextPlenaryDue plenaryOverdue
      office { name } sessions { totalCount nodes { kind date agreedActions { status owner { name } } } } } }`);
    expect(read.jointMeeting).toMatchObject({
      lastPlenaryDate: '2026-03-16',
      nextPlenaryDue: '2027-03-16',
      office: { name: '襄汾县公安局' },
      sessions: { totalCount: 1, nodes: [{ kind: 'PLENARY', date: '2026-03-16' }] },
    });
    expect(read.jointMeeting.sessions.nodes[0].agreedActions).toEqual([
      { status: 'OPEN', owner: { name: '襄汾县民政局' } },
    ]);
  });

  it('keeps a unit that left in the history but not among the current members', async () => {
    const before = await must(
      `{ jointMeeting(id: "${DEMO_MEETING}") { members(first: 100) { nodes { id organisationId } } } }`,
    );
    const linfen = before.jointMeeting.members.nodes.find(
      (m: { organisationId: string }) => m.organisationId === demo.organisations.linfenCivilAffairs.id,
    );
    const removed = await must(
      `mutation($input: RemoveJointMeetingMemberInput!) { removeJointMeetingMember(input: $input) { member { leftAt } } }`,
      { input: { memberId: linfen.id } },
    );
    expect(removed.removeJointMeetingMember.member.leftAt).toMatch(/\+08:00$/);
    const after = await must(`{ jointMeeting(id: "${DEMO_MEETING}") {
      current: members { totalCount } all: members(includeFormer: true) { totalCount } } }`);
    expect(after.jointMeeting).toEqual({ current: { totalCount: 12 }, all: { totalCount: 13 } });
  });

  it('refuses another county’s administrator with FORBIDDEN and an anonymous caller with UNAUTHENTICATED', async () => {
    const query = `{ jointMeeting(id: "${DEMO_MEETING}") { name } }`;
    const other = await request(query, {}, admin(JINJIANG));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await request(query, {}, { ...admin(XIANGFEN), kind: 'ANONYMOUS' } as Principal);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('costs the same SQL statements for a page of two meetings as for six', async () => {
    const LIST = `query($first: Int!) { jointMeetings(filter: { jurisdictionCode: "${XIANGFEN}" }, first: $first) {
      nodes { name jurisdiction { name } office { name } nextPlenaryDue plenaryOverdue
        members { nodes { role liaisonPhone organisation { name jurisdiction { name } } } }
        sessions { nodes { title agreedActions { status owner { name } } } }
        annualReports(year: 2026) { organisation { name } dueDate late }
        missingAnnualReports(year: 2026) { dueDate member { organisation { name } } } } } }`;
    const statements = async (first: number) => {
      const counter = countQueries(orm);
      const result = await must(LIST, { first });
      counter.stop();
      expect(result.jointMeetings.nodes).toHaveLength(first);
      return counter.count;
    };
    const two = await statements(2);
    const six = await statements(6);
    console.log(`SQL statements — 2 meetings: ${two}; 6 meetings: ${six}`);
    // The same loader asked at two depths (a meeting's jurisdiction, a member organisation's) lands in one
    // batch or two depending on when the queries before it return: a bound that does not grow with the
    // page, not an exact figure, is what the test can promise. An N+1 would cost several per meeting.
    expect(Math.abs(six - two)).toBeLessThanOrEqual(1);
    expect(Math.max(two, six)).toBeLessThanOrEqual(11);
  });
});
