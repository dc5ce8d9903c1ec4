import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '@doudi/shared';
import { Organisation } from '../organisation/organisation.entity.js';

export enum AnnualSummaryStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
}
registerEnumType(AnnualSummaryStatus, {
  name: 'AnnualSummaryStatus',
  valuesConfig: {
    DRAFT: { description: 'Not approved yet: the figures are computed from the system each time it is read.' },
    APPROVED: { description: 'Approved by the meeting (审议通过): frozen, read-only.' },
  },
});

const NULL_WHEN_SUPPRESSED =
  ' Null when withheld for privacy (fewer than 5 households, or one that would give it away).';

@ObjectType({ description: 'One member unit’s year: the referrals it received and how it answered them.' })
export class AnnualSummaryMemberUnit {
  @Field(() => Organisation)
  organisation: Organisation;
  @Field(() => Boolean, { description: 'A current member unit (成员单位); false for others that received referrals.' })
  member: boolean;
  @Field(() => Int, { nullable: true, description: 'Referrals it received in the year.' + NULL_WHEN_SUPPRESSED })
  sent: number | null;
  @Field(() => Int, { nullable: true, description: 'Answered in writing (书面函复).' + NULL_WHEN_SUPPRESSED })
  answered: number | null;
  @Field(() => Int, { nullable: true, description: 'Answered by the due date.' + NULL_WHEN_SUPPRESSED })
  answeredOnTime: number | null;
  @Field(() => Int, { nullable: true, description: 'Answered after the due date.' + NULL_WHEN_SUPPRESSED })
  answeredLate: number | null;
  @Field(() => Int, { nullable: true, description: 'Declined with a reason.' + NULL_WHEN_SUPPRESSED })
  declined: number | null;
  @Field(() => Float, { nullable: true, description: 'Median working days from sending to the answer.' })
  medianWorkingDays: number | null;
}

@ObjectType({
  description:
    'The year’s figures, computed by the subgraphs that own the data (cases, programmes) for the meeting’s ' +
    'jurisdiction: 襄政办发〔2023〕26号 附件1 第九条 (救助帮扶总体工作情况).',
})
export class AnnualSummaryFigures {
  @Field(() => Int, { nullable: true, description: 'Cases received in the year.' + NULL_WHEN_SUPPRESSED })
  casesOpened: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Families reached: households of those cases.' + NULL_WHEN_SUPPRESSED,
  })
  familiesReached: number | null;
  @Field(() => Int, { nullable: true, description: 'Cases closed in the year.' + NULL_WHEN_SUPPRESSED })
  casesClosed: number | null;
  @Field(() => Int, { nullable: true, description: 'Referrals sent (转介).' + NULL_WHEN_SUPPRESSED })
  referralsSent: number | null;
  @Field(() => Int, { nullable: true, description: 'Referrals answered in writing.' + NULL_WHEN_SUPPRESSED })
  referralsAnswered: number | null;
  @Field(() => Int, { nullable: true, description: 'Answered by the due date.' + NULL_WHEN_SUPPRESSED })
  answeredOnTime: number | null;
  @Field(() => Int, { nullable: true, description: 'Answered late.' + NULL_WHEN_SUPPRESSED })
  answeredLate: number | null;
  @Field(() => Int, { nullable: true, description: 'Referrals declined with a reason.' + NULL_WHEN_SUPPRESSED })
  referralsDeclined: number | null;
  @Field(() => Int, { nullable: true, description: 'Relief grants decided in the year.' + NULL_WHEN_SUPPRESSED })
  reliefGrants: number | null;
  @Field(() => Int, { nullable: true, description: 'Households granted relief.' + NULL_WHEN_SUPPRESSED })
  reliefHouseholds: number | null;
  @Field(() => Int, { nullable: true, description: 'Persons granted relief (grants to one member).' })
  reliefPersons: number | null;
  @Field(() => String, { nullable: true, description: 'Yuan granted, e.g. "12345.00".' + NULL_WHEN_SUPPRESSED })
  reliefAmount: string | null;
  @Field(() => Int, { nullable: true, description: 'Follow-up visits made (跟踪回访).' + NULL_WHEN_SUPPRESSED })
  followUps: number | null;
  @Field(() => Int, { nullable: true, description: 'Families visited in follow-up.' + NULL_WHEN_SUPPRESSED })
  followUpHouseholds: number | null;
  @Field(() => [AnnualSummaryMemberUnit], { description: 'By receiving unit: how each carried out its part.' })
  memberUnits: AnnualSummaryMemberUnit[];
  @Field(() => Boolean, { description: 'Some figure is withheld for privacy.' })
  anySuppressed: boolean;
}

@ObjectType({ description: 'A member unit’s own yearly report (上一年度工作报告): received or missing.' })
export class AnnualSummaryMemberReport {
  @Field(() => Organisation)
  organisation: Organisation;
  @Field(() => Boolean)
  received: boolean;
  @Field(() => Date, { nullable: true })
  submittedAt: Date | null;
  @Field(() => DateScalar, { description: 'The day it was due (一月初).' })
  dueDate: string;
  @Field(() => Boolean, { description: 'Sent after the due date, or missing past it.' })
  late: boolean;
}

@ObjectType({
  description:
    'The joint meeting’s annual summary (襄政办发〔2023〕26号 附件1 第九条): the year’s figures from the system beside ' +
    'the members’ own reports; approved by the meeting, then frozen and read-only. Needs reports:read.',
})
export class AnnualSummaryType {
  @Field(() => Int)
  year: number;
  @Field(() => AnnualSummaryStatus)
  status: AnnualSummaryStatus;
  @Field(() => Date, { nullable: true })
  approvedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'Who recorded the approval.' })
  approvedBy: string | null;
  @Field(() => ID, { nullable: true, description: 'The session that approved it (JointMeeting.sessions).' })
  approvedInSessionId: string | null;
  @Field(() => AnnualSummaryFigures)
  figures: AnnualSummaryFigures;
  @Field(() => [AnnualSummaryMemberReport])
  memberReports: AnnualSummaryMemberReport[];
}

@InputType({ description: 'The meeting approves a year’s summary (审议通过): its figures are frozen.' })
export class ApproveAnnualSummaryInput {
  @Field(() => ID)
  meetingId: string;
  @Field(() => Int, { description: 'The year summarised: one that has ended.' })
  year: number;
  @Field(() => ID, { description: 'The session of this meeting, held after the year, that approved it.' })
  sessionId: string;
  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@ObjectType()
export class ApproveAnnualSummaryPayload {
  @Field(() => AnnualSummaryType)
  annualSummary: AnnualSummaryType;
}
