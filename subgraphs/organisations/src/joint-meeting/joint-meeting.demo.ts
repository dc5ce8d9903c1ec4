import type { EntityManager } from '@mikro-orm/postgresql';
import * as demo from '@doudi/shared/demo';
import { Organisation, OrganisationKind } from '../organisation/organisation.entity.js';
import { JointMeeting, JointMeetingMember, JointMeetingMemberRole } from './joint-meeting.entity.js';
import { startOfShanghaiDay } from './joint-meeting.dates.js';

/** Fixed demo ids in this folder's range, 019a0000-0000-7000-8000-0000000005xx. */
const id = (n: number) => `019a0000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

const XIANGFEN = '141023000000';
const JINJIANG = '350582000000';

type DemoOrganisation = { id: string; name: string; kind: OrganisationKind; jurisdictionCode: string };
const org = (n: number, name: string, kind: OrganisationKind, jurisdictionCode: string): DemoOrganisation => ({
  id: id(n),
  name,
  kind,
  jurisdictionCode,
});
const known = (o: { id: string; name: string; kind: string; jurisdictionCode: string }) => o as DemoOrganisation;
const base = demo.organisations;

/** 襄汾县's member units that the shared demo list does not hold (襄政办发〔2023〕26号 附件1 第二条). */
export const xiangfenOrganisations = {
  humanResources: org(0x501, '襄汾县人力资源和社会保障局', OrganisationKind.HUMAN_RESOURCES_SOCIAL_SECURITY, XIANGFEN),
  housing: org(0x502, '襄汾县住房和城乡建设局', OrganisationKind.HOUSING, XIANGFEN),
  medicalSecurity: org(0x503, '襄汾县医疗保障局', OrganisationKind.MEDICAL_SECURITY, XIANGFEN),
  tradeUnion: org(0x504, '襄汾县总工会', OrganisationKind.TRADE_UNION, XIANGFEN),
  youthLeague: org(0x505, '共青团襄汾县委', OrganisationKind.YOUTH_LEAGUE, XIANGFEN),
  womensFederation: org(0x506, '襄汾县妇女联合会', OrganisationKind.WOMENS_FEDERATION, XIANGFEN),
  disabledPersonsFederation: org(0x507, '襄汾县残疾人联合会', OrganisationKind.DISABLED_PERSONS_FEDERATION, XIANGFEN),
  redCross: org(0x508, '襄汾县红十字会', OrganisationKind.RED_CROSS, XIANGFEN),
};

/** 晋江市's addressees (晋检发办字〔2023〕10号) that the shared demo list does not hold. */
export const jinjiangOrganisations = {
  education: org(0x511, '晋江市教育局', OrganisationKind.EDUCATION, JINJIANG),
  justice: org(0x512, '晋江市司法局', OrganisationKind.JUSTICE, JINJIANG),
  humanResources: org(0x513, '晋江市人力资源和社会保障局', OrganisationKind.HUMAN_RESOURCES_SOCIAL_SECURITY, JINJIANG),
  agriculture: org(0x514, '晋江市农业农村局', OrganisationKind.AGRICULTURE_RURAL, JINJIANG),
  health: org(0x515, '晋江市卫生健康局', OrganisationKind.HEALTH, JINJIANG),
  veterans: org(0x516, '晋江市退役军人事务局', OrganisationKind.VETERANS, JINJIANG),
  youthLeague: org(0x517, '共青团晋江市委', OrganisationKind.YOUTH_LEAGUE, JINJIANG),
  disabledPersonsFederation: org(0x518, '晋江市残疾人联合会', OrganisationKind.DISABLED_PERSONS_FEDERATION, JINJIANG),
  // A branch of the prefecture's bureau that serves 晋江市, filed under 晋江市.
  medicalSecurity: org(0x519, '泉州市医疗保障局晋江分局', OrganisationKind.MEDICAL_SECURITY, JINJIANG),
  careForNextGeneration: org(0x51a, '晋江市关心下一代工作委员会', OrganisationKind.CARE_FOR_NEXT_GENERATION, JINJIANG),
};

interface DemoMeeting {
  meeting: Pick<
    JointMeeting,
    'id' | 'name' | 'jurisdictionCode' | 'convenor' | 'deputyConvenors' | 'officeOrganisationId' | 'officeLocation'
  >;
  /** The day membership is counted from. */
  since: string;
  /** Member units in the founding document's order, with the fixed id of each membership. */
  members: { id: string; organisation: DemoOrganisation; role: JointMeetingMemberRole }[];
}

const members = (first: number, list: [DemoOrganisation, JointMeetingMemberRole?][]) =>
  list.map(([organisation, role], i) => ({
    id: id(first + i),
    organisation,
    role: role ?? JointMeetingMemberRole.MEMBER,
  }));

const x = xiangfenOrganisations;
const j = jinjiangOrganisations;

/**
 * 襄汾县 (襄政办发〔2023〕26号 附件1《联席会议工作制度》). 第二条: the 联席会议 “由……等 12 个部门组成，县公安局为
 * 牵头单位”. 第三条: the convenor is “县政府负责法治政府建设、公安、司法、信访等方面的工作的副县长”, the
 * deputy convenor the vice county head “负责卫生健康、文化和旅游、民政、退役军人事务、融媒体、妇女儿童等方面
 * 工作” — offices, not the officials §四 names. 第五条: “联席会议办公室设在县公安局”. The notice
 * (襄政办发〔2023〕26号) carries no day, so membership counts from the start of 2023.
 */
export const xiangfenJointMeeting: DemoMeeting = {
  meeting: {
    id: id(0x5a0),
    name: '在办理非正常死亡案(事)件中推动社会救助工作联席会议',
    jurisdictionCode: XIANGFEN,
    convenor: '县政府负责法治政府建设、公安、司法、信访等方面的工作的副县长',
    deputyConvenors: ['县政府负责卫生健康、文化和旅游、民政、退役军人事务、融媒体、妇女儿童等方面工作的副县长'],
    officeOrganisationId: base.xiangfenPolice.id,
    officeLocation: '县公安局',
  },
  since: '2023-01-01',
  members: members(0x5b0, [
    [known(base.xiangfenPolice), JointMeetingMemberRole.CONVENOR_UNIT],
    [known(base.xiangfenCivilAffairs)],
    [known(base.xiangfenAgriculture)],
    [known(base.xiangfenEducation)],
    [x.humanResources],
    [x.housing],
    [x.medicalSecurity],
    [x.tradeUnion],
    [x.youthLeague],
    [x.womensFederation],
    [x.disabledPersonsFederation],
    [x.redCross],
  ]),
};

/**
 * 晋江市 (晋检发办字〔2023〕10号 of 7 April 2023): the thirteen addressees are the member units.
 * 第二十二条: “联席会议办公室设在晋江市人民检察院第八检察部” and the plenary is “由联席会议办公室负责召集、
 * 主持”, so there is no convenor office-holder; the procuratorate holds the OFFICE role.
 */
export const jinjiangJointMeeting: DemoMeeting = {
  meeting: {
    id: id(0x5a1),
    name: '国家司法救助与社会救助衔接联席会议',
    jurisdictionCode: JINJIANG,
    convenor: null,
    deputyConvenors: [],
    officeOrganisationId: base.jinjiangProcuratorate.id,
    officeLocation: '晋江市人民检察院第八检察部',
  },
  since: '2023-04-07',
  members: members(0x5c0, [
    [known(base.jinjiangProcuratorate), JointMeetingMemberRole.OFFICE],
    [j.education],
    [known(base.jinjiangCivilAffairs)],
    [j.justice],
    [j.humanResources],
    [j.agriculture],
    [j.health],
    [j.veterans],
    [j.youthLeague],
    [known(base.jinjiangWomensFederation)],
    [j.disabledPersonsFederation],
    [j.medicalSecurity],
    [j.careForNextGeneration],
  ]),
};

export const demoJointMeetings = [xiangfenJointMeeting, jinjiangJointMeeting];

/**
 * Loads the two demo joint meetings with their member units. Idempotent: only rows missing by their
 * fixed id are inserted, and existing rows are left as they are. The jurisdictions must exist already.
 */
export async function seedJointMeetingDemo(em: EntityManager) {
  const organisations = new Map(
    demoJointMeetings.flatMap((d) => d.members.map((m) => [m.organisation.id, m.organisation] as const)),
  );
  const memberships = demoJointMeetings.flatMap((d) => d.members.map((m) => ({ ...m, demo: d })));
  const ids = <T extends { id: string }>(rows: T[]) => new Set(rows.map((row) => row.id));
  const haveOrganisations = ids(await em.find(Organisation, { id: { $in: [...organisations.keys()] } }));
  const haveMeetings = ids(await em.find(JointMeeting, { id: { $in: demoJointMeetings.map((d) => d.meeting.id) } }));
  const haveMembers = ids(await em.find(JointMeetingMember, { id: { $in: memberships.map((m) => m.id) } }));

  const added = { organisations: 0, jointMeetings: 0, members: 0 };
  for (const o of organisations.values()) {
    if (haveOrganisations.has(o.id)) continue;
    em.persist(Object.assign(new Organisation(), o));
    added.organisations++;
  }
  for (const d of demoJointMeetings) {
    if (haveMeetings.has(d.meeting.id)) continue;
    em.persist(Object.assign(new JointMeeting(), d.meeting, { deputyConvenors: [...d.meeting.deputyConvenors] }));
    added.jointMeetings++;
  }
  for (const m of memberships) {
    if (haveMembers.has(m.id)) continue;
    em.persist(
      Object.assign(new JointMeetingMember(), {
        id: m.id,
        meetingId: m.demo.meeting.id,
        organisationId: m.organisation.id,
        role: m.role,
        joinedAt: startOfShanghaiDay(m.demo.since),
      }),
    );
    added.members++;
  }
  await em.flush();
  return added;
}
