import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { thrown } from '@doudi/shared/testing';
import { ANONYMOUS, type MikroORM } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import {
  AgreedAction,
  JointMeeting,
  JointMeetingMember,
  JointMeetingMemberRole,
  JointMeetingSessionKind,
} from './joint-meeting.entity.js';
import { createJointMeetingLoaders } from './joint-meeting.loaders.js';
import {
  jinjiangJointMeeting,
  jinjiangOrganisations,
  xiangfenJointMeeting,
  xiangfenOrganisations,
} from './joint-meeting.demo.js';
import { maskPhone } from '@doudi/shared';
import {
  addJointMeetingMember,
  completeAgreedAction,
  createJointMeeting,
  getJointMeeting,
  listJointMeetings,
  missingAnnualReports,
  plenarySchedule,
  recordJointMeetingSession,
  removeJointMeetingMember,
  submitMemberAnnualReport,
} from './joint-meeting.service.js';
import { admin, JINJIANG, openTestOrm, XIANGFEN } from './joint-meeting.test-support.js';

let setup: Awaited<ReturnType<typeof openTestOrm>>;
let orm: MikroORM;
const em = () => orm.em.fork();
const xiangfenAdmin = admin(XIANGFEN);
const jinjiangAdmin = admin(JINJIANG);
const XIANGFEN_MEETING = xiangfenJointMeeting.meeting.id;
const { xiangfenPolice: police, xiangfenCivilAffairs: civil, xiangfenEducation: education } = demo.organisations;

beforeAll(async () => {
  setup = await openTestOrm();
  orm = setup.orm;
});
afterAll(() => setup?.close());

async function membersOf(meetingId: string) {
  const loaders = createJointMeetingLoaders(em());
  return loaders.jointMeetingMembers.load(meetingId);
}

describe('the demo joint meetings', () => {
  it('gives 晋江市 the thirteen member units its regulation is addressed to', async () => {
    const members = await membersOf(jinjiangJointMeeting.meeting.id);
    expect(members).toHaveLength(13);
    const names = (await em().find(Organisation, { id: { $in: members.map((m) => m.organisationId) } })).map(
      (o) => o.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['晋江市人民检察院', '泉州市医疗保障局晋江分局', '晋江市关心下一代工作委员会']),
    );
    const medical = await em().findOneOrFail(Organisation, { id: jinjiangOrganisations.medicalSecurity.id });
    expect(medical).toMatchObject({ kind: OrganisationKind.MEDICAL_SECURITY, jurisdictionCode: JINJIANG });
    const office = members.find((m) => m.role === JointMeetingMemberRole.OFFICE);
    expect(office?.organisationId).toBe(demo.organisations.jinjiangProcuratorate.id);
  });

  it('gives 襄汾县 its twelve departments, led by the public-security bureau that hosts the office', async () => {
    const members = await membersOf(XIANGFEN_MEETING);
    expect(members).toHaveLength(12);
    expect(members.filter((m) => m.role === JointMeetingMemberRole.CONVENOR_UNIT).map((m) => m.organisationId)).toEqual(
      [police.id],
    );
    const meeting = await em().findOneOrFail(JointMeeting, { id: XIANGFEN_MEETING });
    expect(meeting.officeOrganisationId).toBe(police.id);
    expect(meeting.convenor).toMatch(/副县长$/);
    expect(meeting.plenaryIntervalMonths).toBe(12);
    expect([meeting.annualReportDueMonth, meeting.annualReportDueDay]).toEqual([1, 10]);
    const redCross = await em().findOneOrFail(Organisation, { id: xiangfenOrganisations.redCross.id });
    expect(redCross).toMatchObject({ name: '襄汾县红十字会', kind: OrganisationKind.RED_CROSS });
  });

  it('come with the demo data (two meetings, 25 member units) and loading them again adds nothing', async () => {
    const em = setup.orm.em.fork();
    expect(await em.count(JointMeeting)).toBe(2);
    expect(await em.count(JointMeetingMember)).toBe(25);
    expect(setup.secondSeeding).toEqual({ organisations: 0, jointMeetings: 0, members: 0 });
  });
});

describe('setting up a joint meeting', () => {
  const input = {
    name: '救急难工作联席会议',
    jurisdictionCode: XIANGFEN,
    convenor: '县政府分管副县长',
    deputyConvenors: ['县民政局局长'],
    officeOrganisationId: civil.id,
    officeLocation: '县民政局社会救助股',
  };

  it('is created once when a client retries with the same idempotencyKey', async () => {
    const first = await createJointMeeting(em(), xiangfenAdmin, { ...input, idempotencyKey: 'jm-create-0001' });
    const again = await createJointMeeting(em(), xiangfenAdmin, { ...input, idempotencyKey: 'jm-create-0001' });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ plenaryIntervalMonths: 12, annualReportDueMonth: 1, annualReportDueDay: 10 });
  });

  it('is refused with CONFLICT when the county already has a meeting of that name', async () => {
    expect((await thrown(createJointMeeting(em(), xiangfenAdmin, input))).code).toBe('CONFLICT');
  });

  it('is refused FORBIDDEN to another county’s administrator', async () => {
    expect((await thrown(createJointMeeting(em(), jinjiangAdmin, { ...input, name: '另一个' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('asks an anonymous caller to sign in (UNAUTHENTICATED)', async () => {
    expect((await thrown(createJointMeeting(em(), ANONYMOUS, { ...input, name: '另一个' }))).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await thrown(getJointMeeting(em(), ANONYMOUS, XIANGFEN_MEETING))).code).toBe('UNAUTHENTICATED');
  });

  it('answers NOT_FOUND when the office’s organisation is unknown', async () => {
    const unknown = { ...input, name: '另一个', officeOrganisationId: '019a0000-0000-7000-8000-0000000fffff' };
    expect((await thrown(createJointMeeting(em(), xiangfenAdmin, unknown))).code).toBe('NOT_FOUND');
  });

  it('refuses plenaries less often than once a year and due days that do not exist every year', async () => {
    const rare = { ...input, name: '另一个', plenaryIntervalMonths: 24 };
    expect((await thrown(createJointMeeting(em(), xiangfenAdmin, rare))).code).toBe('BAD_USER_INPUT');
    const leap = { ...input, name: '另一个', annualReportDueMonth: 2, annualReportDueDay: 29 };
    expect((await thrown(createJointMeeting(em(), xiangfenAdmin, leap))).code).toBe('BAD_USER_INPUT');
  });
});

describe('reading joint meetings', () => {
  it('shows a county administrator only the meetings of their county', async () => {
    const page = await listJointMeetings(em(), jinjiangAdmin, {});
    expect(page.nodes.map((m) => m.jurisdictionCode)).toEqual([JINJIANG]);
    const elsewhere = await listJointMeetings(em(), jinjiangAdmin, { filter: { jurisdictionCode: XIANGFEN } });
    expect(elsewhere.totalCount).toBe(0);
    expect((await thrown(listJointMeetings(em(), ANONYMOUS, {}))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses another county’s administrator one meeting (FORBIDDEN)', async () => {
    expect((await thrown(getJointMeeting(em(), jinjiangAdmin, XIANGFEN_MEETING))).code).toBe('FORBIDDEN');
  });
});

describe('member units', () => {
  let meetingId: string;
  beforeAll(async () => {
    const meeting = await createJointMeeting(em(), xiangfenAdmin, {
      name: '成员测试联席会议',
      jurisdictionCode: XIANGFEN,
      officeOrganisationId: police.id,
    });
    meetingId = meeting.id;
  });

  it('keeps the liaison’s phone but only ever shows it masked', async () => {
    const member = await addJointMeetingMember(em(), xiangfenAdmin, {
      meetingId,
      organisationId: civil.id,
      liaisonName: '联络员甲',
      liaisonPhone: '13812345678',
    });
    expect(member.liaisonPhone).toBe('13812345678');
    expect(maskPhone(member.liaisonPhone!)).toBe('138****5678');
    expect(maskPhone('0357-3922110')).toBe('035****2110');
  });

  it('refuses a unit that is already a member with CONFLICT', async () => {
    expect(
      (await thrown(addJointMeetingMember(em(), xiangfenAdmin, { meetingId, organisationId: civil.id }))).code,
    ).toBe('CONFLICT');
  });

  it('keeps one membership when the same unit is added twice at the same moment', async () => {
    const input = { meetingId, organisationId: xiangfenOrganisations.housing.id };
    const results = await Promise.allSettled([
      addJointMeetingMember(em(), xiangfenAdmin, input),
      addJointMeetingMember(em(), xiangfenAdmin, input),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.extensions.code).toBe('CONFLICT');
  });

  it('answers NOT_FOUND for an organisation this subgraph does not know', async () => {
    const unknown = { meetingId, organisationId: '019a0000-0000-7000-8000-0000000fffff' };
    expect((await thrown(addJointMeetingMember(em(), xiangfenAdmin, unknown))).code).toBe('NOT_FOUND');
  });

  it('refuses an agency of another county', async () => {
    const other = { meetingId, organisationId: demo.organisations.jinjiangCivilAffairs.id };
    expect((await thrown(addJointMeetingMember(em(), xiangfenAdmin, other))).code).toBe('BAD_USER_INPUT');
  });

  it('keeps the history when a unit leaves, and lets it join again', async () => {
    const joined = await addJointMeetingMember(em(), xiangfenAdmin, { meetingId, organisationId: education.id });
    const left = await removeJointMeetingMember(em(), xiangfenAdmin, { memberId: joined.id, version: joined.version });
    expect(left.leftAt).toBeInstanceOf(Date);
    expect((await thrown(removeJointMeetingMember(em(), xiangfenAdmin, { memberId: joined.id }))).code).toBe(
      'INVALID_STATE',
    );
    const back = await addJointMeetingMember(em(), xiangfenAdmin, { meetingId, organisationId: education.id });
    const all = (await membersOf(meetingId)).filter((m) => m.organisationId === education.id);
    expect(all.map((m) => m.id)).toEqual([joined.id, back.id]);
    expect(all.map((m) => m.leftAt === null)).toEqual([false, true]);
  });

  it('refuses another county’s administrator (FORBIDDEN)', async () => {
    expect(
      (await thrown(addJointMeetingMember(em(), jinjiangAdmin, { meetingId, organisationId: police.id }))).code,
    ).toBe('FORBIDDEN');
  });
});

describe('sessions and agreed actions', () => {
  it('records a plenary with its agreed actions, and the next plenary falls due a year later', async () => {
    const session = await recordJointMeetingSession(em(), xiangfenAdmin, {
      meetingId: XIANGFEN_MEETING,
      kind: JointMeetingSessionKind.PLENARY,
      date: '2026-03-16',
      title: '2026 年度全体会议',
      summary: '通报 2025 年工作，部署 2026 年工作',
      agreedActions: [
        { description: '完善走访记录模板', ownerOrganisationId: police.id, dueDate: '2026-06-30' },
        { description: '梳理低保衔接流程', ownerOrganisationId: civil.id },
      ],
    });
    const actions = await createJointMeetingLoaders(em()).agreedActions.load(session.id);
    expect(actions.map((a) => a.description)).toEqual(['完善走访记录模板', '梳理低保衔接流程']);
    const meeting = await em().findOneOrFail(JointMeeting, { id: XIANGFEN_MEETING });
    const sessions = await createJointMeetingLoaders(em()).jointMeetingSessions.load(XIANGFEN_MEETING);
    expect(plenarySchedule(meeting, sessions, '2026-11-22')).toEqual({
      lastPlenaryDate: '2026-03-16',
      nextPlenaryDue: '2027-03-16',
      plenaryOverdue: false,
    });
    expect(plenarySchedule(meeting, sessions, '2027-03-17').plenaryOverdue).toBe(true);
  });

  it('counts a meeting without any plenary as due a year after it was set up', () => {
    const meeting = Object.assign(new JointMeeting(), { createdAt: new Date('2026-02-28T20:00:00Z') });
    const special = { kind: JointMeetingSessionKind.SPECIAL, date: '2026-05-01' };
    expect(plenarySchedule(meeting, [special as never], '2027-03-02')).toEqual({
      lastPlenaryDate: null,
      nextPlenaryDue: '2027-03-01',
      plenaryOverdue: true,
    });
  });

  it('refuses dates that do not exist or have not come yet', async () => {
    const base = { meetingId: XIANGFEN_MEETING, kind: JointMeetingSessionKind.SPECIAL, title: '专题会议' };
    expect((await thrown(recordJointMeetingSession(em(), xiangfenAdmin, { ...base, date: '2026-02-30' }))).code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await thrown(recordJointMeetingSession(em(), xiangfenAdmin, { ...base, date: '2999-01-01' }))).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('answers NOT_FOUND when an agreed action’s owner is unknown', async () => {
    const owner = '019a0000-0000-7000-8000-0000000fffff';
    const input = {
      meetingId: XIANGFEN_MEETING,
      kind: JointMeetingSessionKind.SPECIAL,
      date: '2026-04-01',
      title: '专题会议（未知单位）',
      agreedActions: [{ description: '某事项', ownerOrganisationId: owner }],
    };
    expect((await thrown(recordJointMeetingSession(em(), xiangfenAdmin, input))).code).toBe('NOT_FOUND');
  });

  it('marks an agreed action done once; completing it again is INVALID_STATE', async () => {
    const action = await em().findOneOrFail(AgreedAction, { description: '梳理低保衔接流程' });
    const done = await completeAgreedAction(em(), xiangfenAdmin, { actionId: action.id, version: action.version });
    expect(done.status).toBe('DONE');
    expect(done.doneAt).toBeInstanceOf(Date);
    expect((await thrown(completeAgreedAction(em(), xiangfenAdmin, { actionId: action.id }))).code).toBe(
      'INVALID_STATE',
    );
  });

  it('refuses completing an action with a stale version (CONFLICT)', async () => {
    const action = await em().findOneOrFail(AgreedAction, { description: '完善走访记录模板' });
    expect((await thrown(completeAgreedAction(em(), xiangfenAdmin, { actionId: action.id, version: 99 }))).code).toBe(
      'CONFLICT',
    );
  });
});

describe('yearly reports', () => {
  const JINJIANG_MEETING = jinjiangJointMeeting.meeting.id;
  const missing = async (year: number, today = '2026-11-22') => {
    const loaders = createJointMeetingLoaders(em());
    const meeting = await em().findOneOrFail(JointMeeting, { id: JINJIANG_MEETING });
    return missingAnnualReports(
      meeting,
      await loaders.jointMeetingMembers.load(JINJIANG_MEETING),
      await loaders.memberAnnualReports.load(JINJIANG_MEETING),
      year,
      today,
    );
  };

  it('lists the member units that have not sent their yearly report, with its due date', async () => {
    await submitMemberAnnualReport(em(), jinjiangAdmin, {
      meetingId: JINJIANG_MEETING,
      organisationId: demo.organisations.jinjiangCivilAffairs.id,
      year: 2025,
      summary: '2025 年度衔接救助工作报告',
      idempotencyKey: 'jm-report-0001',
    });
    const list = await missing(2025);
    expect(list).toHaveLength(12);
    expect(list.map((m) => m.member.organisationId)).not.toContain(demo.organisations.jinjiangCivilAffairs.id);
    expect(list[0]).toMatchObject({ year: 2025, dueDate: '2026-01-10', overdue: true });
    expect((await missing(2026, '2026-11-22'))[0]).toMatchObject({ dueDate: '2027-01-10', overdue: false });
  });

  it('does not ask for a report on a year before the unit joined', async () => {
    expect(await missing(2022)).toEqual([]);
  });

  it('accepts one report per member unit and year (CONFLICT for a second)', async () => {
    const again = {
      meetingId: JINJIANG_MEETING,
      organisationId: demo.organisations.jinjiangCivilAffairs.id,
      year: 2025,
      summary: '重复报送',
    };
    expect((await thrown(submitMemberAnnualReport(em(), jinjiangAdmin, again))).code).toBe('CONFLICT');
  });

  it('refuses a report from a unit that is not a member, and a report on a year not yet begun', async () => {
    const outsider = {
      meetingId: JINJIANG_MEETING,
      organisationId: demo.organisations.xiangfenPolice.id,
      year: 2025,
      summary: '报告',
    };
    expect((await thrown(submitMemberAnnualReport(em(), jinjiangAdmin, outsider))).code).toBe('BAD_USER_INPUT');
    const future = { ...outsider, organisationId: jinjiangOrganisations.education.id, year: 2999 };
    expect((await thrown(submitMemberAnnualReport(em(), jinjiangAdmin, future))).code).toBe('BAD_USER_INPUT');
  });

  it('refuses another county’s administrator (FORBIDDEN)', async () => {
    const input = {
      meetingId: JINJIANG_MEETING,
      organisationId: jinjiangOrganisations.education.id,
      year: 2025,
      summary: '报告',
    };
    expect((await thrown(submitMemberAnnualReport(em(), xiangfenAdmin, input))).code).toBe('FORBIDDEN');
  });
});
