import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateScalar, newId, MutableRecord } from '@doudi/shared';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';

/**
 * The yearly report falls due early in January. 襄汾县's rules (附件1《联席会议工作制度》第九条) say:
 * “联席会议成员单位每年一月初，向联席会议提交上一年度工作报告”. 一月初 is the beginning of January;
 * read as its first ten days (上旬), the report on a year is due on 10 January of the next year. Each
 * meeting keeps its own due day; this is the default.
 */
export const DEFAULT_ANNUAL_REPORT_DUE = { month: 1, day: 10 } as const;

/**
 * The plenary is yearly: 襄汾县 附件1 第六条（一） “原则上每年召开一次”, and 晋江市 第二十二条 “原则上每年召开一次
 * 全体会议”. A meeting may set a shorter interval, never a longer one.
 */
export const DEFAULT_PLENARY_INTERVAL_MONTHS = 12;

export enum JointMeetingMemberRole {
  CONVENOR_UNIT = 'CONVENOR_UNIT',
  DEPUTY_CONVENOR_UNIT = 'DEPUTY_CONVENOR_UNIT',
  OFFICE = 'OFFICE',
  MEMBER = 'MEMBER',
}
registerEnumType(JointMeetingMemberRole, {
  name: 'JointMeetingMemberRole',
  valuesConfig: {
    CONVENOR_UNIT: { description: 'The lead unit (牵头单位), the one the convenor acts through.' },
    DEPUTY_CONVENOR_UNIT: { description: 'The unit the deputy convenor acts through.' },
    OFFICE: { description: 'Hosts the joint-meeting office (办公室) without being the lead unit.' },
    MEMBER: { description: 'A member unit (成员单位).' },
  },
});

export enum JointMeetingSessionKind {
  PLENARY = 'PLENARY',
  SPECIAL = 'SPECIAL',
}
registerEnumType(JointMeetingSessionKind, {
  name: 'JointMeetingSessionKind',
  valuesConfig: {
    PLENARY: { description: 'Plenary meeting (全体会议), in principle once a year.' },
    SPECIAL: { description: 'Special or thematic meeting (专题会议), held as needed.' },
  },
});

export enum AgreedActionStatus {
  OPEN = 'OPEN',
  DONE = 'DONE',
}
registerEnumType(AgreedActionStatus, { name: 'AgreedActionStatus' });

@Entity({ tableName: 'joint_meeting' })
@Unique({ properties: ['jurisdictionCode', 'name'] })
@ObjectType({ description: 'A standing joint-meeting mechanism (联席会议) of a jurisdiction.' })
export class JointMeeting extends MutableRecord {
  @Property({ type: 'text' })
  @Field(() => String)
  name: string;

  @ManyToOne({ entity: () => Jurisdiction, mapToPk: true, fieldName: 'jurisdiction_code', index: true })
  @Field(() => ID, { description: 'The jurisdiction whose mechanism this is.' })
  jurisdictionCode: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description:
      'The convenor’s office, e.g. 县政府分管副县长 (a role, never a named person); null where the office convenes.',
  })
  convenor: string | null = null;

  @Property({ type: ArrayType })
  @Field(() => [String], { description: 'The deputy convenors’ offices (roles, never named persons).' })
  deputyConvenors: string[] = [];

  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'office_organisation_id', index: true })
  @Field(() => ID, { description: 'The organisation that hosts the joint-meeting office (办公室).' })
  officeOrganisationId: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Where the office sits, as the founding document says, e.g. 晋江市人民检察院第八检察部.',
  })
  officeLocation: string | null = null;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Months between plenary meetings: 1 to 12 (at least yearly).' })
  plenaryIntervalMonths: number = DEFAULT_PLENARY_INTERVAL_MONTHS;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Month (1–12) of the following year in which a member’s yearly report is due.' })
  annualReportDueMonth: number = DEFAULT_ANNUAL_REPORT_DUE.month;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Day of that month on which a member’s yearly report is due.' })
  annualReportDueDay: number = DEFAULT_ANNUAL_REPORT_DUE.day;
}

/** At most one current membership per unit; former memberships stay as history. */
@Entity({ tableName: 'joint_meeting_member' })
@Index({
  name: 'joint_meeting_member_current_unique',
  expression:
    'create unique index "joint_meeting_member_current_unique" on "joint_meeting_member" ("meeting_id", "organisation_id") where "left_at" is null',
})
@ObjectType({ description: 'A member unit (成员单位) of a joint meeting, with its liaison (联络员).' })
export class JointMeetingMember extends MutableRecord {
  @ManyToOne({ entity: () => JointMeeting, mapToPk: true, fieldName: 'meeting_id', index: true })
  @Field(() => ID)
  meetingId: string;

  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id', index: true })
  @Field(() => ID)
  organisationId: string;

  @Property({ type: 'text' })
  @Field(() => JointMeetingMemberRole)
  role: JointMeetingMemberRole = JointMeetingMemberRole.MEMBER;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The liaison’s name (联络员).' })
  liaisonName: string | null = null;

  /** Personal data: GraphQL shows it masked (see the member resolver), never as stored. */
  @Property({ type: 'text', nullable: true })
  liaisonPhone: string | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  joinedAt: Date = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the unit left; null while it is a member.' })
  leftAt: Date | null = null;
}

@Entity({ tableName: 'joint_meeting_session' })
@Unique({ properties: ['meetingId', 'date', 'title'] })
@ObjectType({ description: 'A meeting held: a plenary (全体会议) or a special meeting (专题会议).' })
export class JointMeetingSession {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @ManyToOne({ entity: () => JointMeeting, mapToPk: true, fieldName: 'meeting_id', index: true })
  @Field(() => ID)
  meetingId: string;

  @Property({ type: 'text' })
  @Field(() => JointMeetingSessionKind)
  kind: JointMeetingSessionKind;

  @Property({ type: 'date' })
  @Field(() => DateScalar, { description: 'The day the meeting was held.' })
  date: string;

  @Property({ type: 'text' })
  @Field(() => String)
  title: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The minutes’ summary (会议纪要).' })
  summary: string | null = null;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

@Entity({ tableName: 'agreed_action' })
@ObjectType({ description: 'A matter agreed at a session (议定事项), owned by one organisation.' })
export class AgreedAction extends MutableRecord {
  @ManyToOne({ entity: () => JointMeetingSession, mapToPk: true, fieldName: 'session_id', index: true })
  @Field(() => ID)
  sessionId: string;

  @Property({ type: 'text' })
  @Field(() => String)
  description: string;

  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'owner_organisation_id', index: true })
  @Field(() => ID)
  ownerOrganisationId: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => DateScalar, { nullable: true })
  dueDate: string | null = null;

  @Property({ type: 'text' })
  @Field(() => AgreedActionStatus)
  status: AgreedActionStatus = AgreedActionStatus.OPEN;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  doneAt: Date | null = null;
}

@Entity({ tableName: 'member_annual_report' })
@Unique({ properties: ['meetingId', 'organisationId', 'year'] })
@ObjectType({ description: 'A member unit’s yearly work report (上一年度工作报告) to the joint meeting.' })
export class MemberAnnualReport {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @ManyToOne({ entity: () => JointMeeting, mapToPk: true, fieldName: 'meeting_id', index: true })
  @Field(() => ID)
  meetingId: string;

  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id', index: true })
  @Field(() => ID)
  organisationId: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'The year reported on.' })
  year: number;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  submittedAt: Date = new Date();

  @Property({ type: 'text' })
  @Field(() => String)
  summary: string;

  @Property({ type: 'integer', version: true })
  @Field(() => Int)
  version: number = 1;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();
}

@ObjectType()
export class JointMeetingConnection extends ConnectionType(JointMeeting) {}

@ObjectType()
export class JointMeetingMemberConnection extends ConnectionType(JointMeetingMember) {}

@ObjectType()
export class JointMeetingSessionConnection extends ConnectionType(JointMeetingSession) {}

/** Every entity of this folder, for the subgraph's entity list and the migration generator. */
export const jointMeetingEntities = [
  JointMeeting,
  JointMeetingMember,
  JointMeetingSession,
  AgreedAction,
  MemberAnnualReport,
];
