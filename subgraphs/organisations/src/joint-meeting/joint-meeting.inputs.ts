import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar, OrderInputType, PageArgs } from '@doudi/shared';
import {
  AgreedAction,
  JointMeeting,
  JointMeetingMember,
  JointMeetingMemberRole,
  JointMeetingSession,
  JointMeetingSessionKind,
  MemberAnnualReport,
} from './joint-meeting.entity.js';

@InputType()
export class CreateJointMeetingInput {
  @Field(() => String)
  name: string;

  @Field(() => ID)
  jurisdictionCode: string;

  @Field(() => String, {
    nullable: true,
    description: 'The convenor’s office, e.g. 县政府分管副县长; omit where the office convenes.',
  })
  convenor?: string;

  @Field(() => [String], { nullable: true, description: 'The deputy convenors’ offices.' })
  deputyConvenors?: string[];

  @Field(() => ID, { description: 'The organisation that hosts the joint-meeting office.' })
  officeOrganisationId: string;

  @Field(() => String, { nullable: true, description: 'Where the office sits, e.g. 县公安局.' })
  officeLocation?: string;

  @Field(() => Int, { nullable: true, description: 'Months between plenaries, 1–12 (default 12).' })
  plenaryIntervalMonths?: number;

  @Field(() => Int, { nullable: true, description: 'Month the yearly report is due (default 1).' })
  annualReportDueMonth?: number;

  @Field(() => Int, { nullable: true, description: 'Day the yearly report is due (default 10).' })
  annualReportDueDay?: number;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class CreateJointMeetingPayload {
  @Field(() => JointMeeting)
  jointMeeting: JointMeeting;
}

@InputType()
export class AddJointMeetingMemberInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID)
  organisationId: string;

  @Field(() => JointMeetingMemberRole, { nullable: true, defaultValue: JointMeetingMemberRole.MEMBER })
  role?: JointMeetingMemberRole;

  @Field(() => String, { nullable: true })
  liaisonName?: string;

  @Field(() => String, { nullable: true, description: 'Stored as given; always read back masked.' })
  liaisonPhone?: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class AddJointMeetingMemberPayload {
  @Field(() => JointMeetingMember)
  member: JointMeetingMember;
}

@InputType()
export class RemoveJointMeetingMemberInput {
  @Field(() => ID)
  memberId: string;

  @Field(() => Int, { nullable: true, description: 'The version read; a stale one fails with CONFLICT.' })
  version?: number;
}

@ObjectType()
export class RemoveJointMeetingMemberPayload {
  @Field(() => JointMeetingMember)
  member: JointMeetingMember;
}

@InputType()
export class AgreedActionInput {
  @Field(() => String)
  description: string;

  @Field(() => ID)
  ownerOrganisationId: string;

  @Field(() => DateScalar, { nullable: true })
  dueDate?: string;
}

@InputType()
export class RecordJointMeetingSessionInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => JointMeetingSessionKind)
  kind: JointMeetingSessionKind;

  @Field(() => DateScalar)
  date: string;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  summary?: string;

  @Field(() => [AgreedActionInput], { nullable: true })
  agreedActions?: AgreedActionInput[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class RecordJointMeetingSessionPayload {
  @Field(() => JointMeetingSession)
  session: JointMeetingSession;
}

@InputType()
export class CompleteAgreedActionInput {
  @Field(() => ID)
  actionId: string;

  @Field(() => Int, { nullable: true, description: 'The version read; a stale one fails with CONFLICT.' })
  version?: number;
}

@ObjectType()
export class CompleteAgreedActionPayload {
  @Field(() => AgreedAction)
  agreedAction: AgreedAction;
}

@InputType()
export class SubmitMemberAnnualReportInput {
  @Field(() => ID)
  meetingId: string;

  @Field(() => ID, { description: 'The member unit reporting.' })
  organisationId: string;

  @Field(() => Int, { description: 'The year reported on (usually the previous one).' })
  year: number;

  @Field(() => String)
  summary: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string;
}

@ObjectType()
export class SubmitMemberAnnualReportPayload {
  @Field(() => MemberAnnualReport)
  annualReport: MemberAnnualReport;
}

@InputType()
export class JointMeetingFilter {
  @Field(() => ID, { nullable: true, description: 'Meetings of this jurisdiction or any below it.' })
  jurisdictionCode?: string;
}

export const JOINT_MEETING_ORDER_COLUMNS = {
  NAME: 'name',
  JURISDICTION_CODE: 'jurisdictionCode',
  CREATED_AT: 'createdAt',
};
export const JointMeetingOrder = OrderInputType('JointMeeting', JOINT_MEETING_ORDER_COLUMNS);
export type JointMeetingOrder = InstanceType<typeof JointMeetingOrder>;

@ArgsType()
export class JointMeetingListArgs extends PageArgs {
  @Field(() => JointMeetingFilter, { nullable: true })
  filter?: JointMeetingFilter;

  @Field(() => [JointMeetingOrder], { nullable: true, description: 'Default: by jurisdiction code, then as created.' })
  orderBy?: JointMeetingOrder[];
}

@ArgsType()
export class JointMeetingMemberArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Also list units that have left.' })
  includeFormer?: boolean;
}

@ObjectType({ description: 'A member unit that has not sent its yearly report on a year.' })
export class MissingAnnualReport {
  @Field(() => JointMeetingMember)
  member: JointMeetingMember;

  @Field(() => Int, { description: 'The year the report is on.' })
  year: number;

  @Field(() => DateScalar, { description: 'The day the report is (or was) due.' })
  dueDate: string;

  @Field(() => Boolean, { description: 'True once the due date has passed.' })
  overdue: boolean;
}
