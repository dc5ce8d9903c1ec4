import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DateScalar, PageArgs, sliceToConnection } from '@doudi/shared';
import type { Context } from '../context.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import {
  AgreedAction,
  JointMeeting,
  JointMeetingConnection,
  JointMeetingMember,
  JointMeetingMemberConnection,
  JointMeetingSession,
  JointMeetingSessionConnection,
  MemberAnnualReport,
} from './joint-meeting.entity.js';
import {
  AddJointMeetingMemberInput,
  AddJointMeetingMemberPayload,
  CompleteAgreedActionInput,
  CompleteAgreedActionPayload,
  CreateJointMeetingInput,
  CreateJointMeetingPayload,
  JointMeetingListArgs,
  JointMeetingMemberArgs,
  MissingAnnualReport,
  RecordJointMeetingSessionInput,
  RecordJointMeetingSessionPayload,
  RemoveJointMeetingMemberInput,
  RemoveJointMeetingMemberPayload,
  SubmitMemberAnnualReportInput,
  SubmitMemberAnnualReportPayload,
} from './joint-meeting.inputs.js';

import { annualReportDueOn, shanghaiDate } from './joint-meeting.dates.js';
import { maskPhone } from '@doudi/shared';
import {
  addJointMeetingMember,
  annualReportsOn,
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

/** Organisation rows are kept by foreign keys, so a referenced one is always there. */
const organisation = async (ctx: Context, id: string) => (await ctx.loaders.organisation.load(id)) as Organisation;

@Resolver(() => JointMeeting)
export class JointMeetingResolver {
  @Query(() => JointMeeting, { description: 'One joint meeting; NOT_FOUND if there is none with this id.' })
  jointMeeting(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: Context) {
    return getJointMeeting(em, principal, id);
  }

  @Query(() => JointMeetingConnection, { description: 'Joint meetings of a jurisdiction and those below it.' })
  jointMeetings(@Args(() => JointMeetingListArgs) args: JointMeetingListArgs, @Ctx() { em, principal }: Context) {
    return listJointMeetings(em, principal, args);
  }

  @Mutation(() => CreateJointMeetingPayload)
  async createJointMeeting(
    @Arg('input', () => CreateJointMeetingInput) input: CreateJointMeetingInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { jointMeeting: await createJointMeeting(em, principal, input) };
  }

  @Mutation(() => AddJointMeetingMemberPayload)
  async addJointMeetingMember(
    @Arg('input', () => AddJointMeetingMemberInput) input: AddJointMeetingMemberInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { member: await addJointMeetingMember(em, principal, input) };
  }

  @Mutation(() => RemoveJointMeetingMemberPayload, { description: 'A unit leaves; its history is kept.' })
  async removeJointMeetingMember(
    @Arg('input', () => RemoveJointMeetingMemberInput) input: RemoveJointMeetingMemberInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { member: await removeJointMeetingMember(em, principal, input) };
  }

  @Mutation(() => RecordJointMeetingSessionPayload, { description: 'Records a meeting held and what it agreed.' })
  async recordJointMeetingSession(
    @Arg('input', () => RecordJointMeetingSessionInput) input: RecordJointMeetingSessionInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { session: await recordJointMeetingSession(em, principal, input) };
  }

  @Mutation(() => CompleteAgreedActionPayload)
  async completeAgreedAction(
    @Arg('input', () => CompleteAgreedActionInput) input: CompleteAgreedActionInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { agreedAction: await completeAgreedAction(em, principal, input) };
  }

  @Mutation(() => SubmitMemberAnnualReportPayload)
  async submitMemberAnnualReport(
    @Arg('input', () => SubmitMemberAnnualReportInput) input: SubmitMemberAnnualReportInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { annualReport: await submitMemberAnnualReport(em, principal, input) };
  }

  @FieldResolver(() => Jurisdiction)
  async jurisdiction(@Root() meeting: JointMeeting, @Ctx() ctx: Context) {
    return ctx.loaders.jurisdiction.load(meeting.jurisdictionCode);
  }

  @FieldResolver(() => Organisation, { description: 'The organisation that hosts the office (办公室).' })
  office(@Root() meeting: JointMeeting, @Ctx() ctx: Context) {
    return organisation(ctx, meeting.officeOrganisationId);
  }

  @FieldResolver(() => JointMeetingMemberConnection, { description: 'Member units in the order they joined.' })
  async members(
    @Root() meeting: JointMeeting,
    @Args(() => JointMeetingMemberArgs) args: JointMeetingMemberArgs,
    @Ctx() ctx: Context,
  ) {
    const all = await ctx.loaders.jointMeetingMembers.load(meeting.id);
    return sliceToConnection(args.includeFormer ? all : all.filter((m) => m.leftAt === null), args);
  }

  @FieldResolver(() => JointMeetingSessionConnection, { description: 'Sessions held, the latest first.' })
  async sessions(@Root() meeting: JointMeeting, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Context) {
    return sliceToConnection(await ctx.loaders.jointMeetingSessions.load(meeting.id), args);
  }

  @FieldResolver(() => [MemberAnnualReport], { description: 'The yearly reports sent on a year.' })
  async annualReports(@Root() meeting: JointMeeting, @Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    return annualReportsOn(await ctx.loaders.memberAnnualReports.load(meeting.id), year);
  }

  @FieldResolver(() => [MissingAnnualReport], {
    description: 'Current member units that have not sent their report on a year, with its due date.',
  })
  async missingAnnualReports(@Root() meeting: JointMeeting, @Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    const loaders = ctx.loaders;
    const [members, reports] = await Promise.all([
      loaders.jointMeetingMembers.load(meeting.id),
      loaders.memberAnnualReports.load(meeting.id),
    ]);
    return missingAnnualReports(meeting, members, reports, year);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'The day of the last plenary session.' })
  async lastPlenaryDate(@Root() meeting: JointMeeting, @Ctx() ctx: Context) {
    return plenarySchedule(meeting, await ctx.loaders.jointMeetingSessions.load(meeting.id)).lastPlenaryDate;
  }

  @FieldResolver(() => DateScalar, {
    description: 'When the next plenary is due: an interval after the last one, or after the meeting was set up.',
  })
  async nextPlenaryDue(@Root() meeting: JointMeeting, @Ctx() ctx: Context) {
    return plenarySchedule(meeting, await ctx.loaders.jointMeetingSessions.load(meeting.id)).nextPlenaryDue;
  }

  @FieldResolver(() => Boolean, { description: 'True when nextPlenaryDue has passed without a plenary.' })
  async plenaryOverdue(@Root() meeting: JointMeeting, @Ctx() ctx: Context) {
    return plenarySchedule(meeting, await ctx.loaders.jointMeetingSessions.load(meeting.id)).plenaryOverdue;
  }
}

@Resolver(() => JointMeetingMember)
export class JointMeetingMemberResolver {
  @FieldResolver(() => Organisation, { description: 'The member unit.' })
  organisation(@Root() member: JointMeetingMember, @Ctx() ctx: Context) {
    return organisation(ctx, member.organisationId);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The liaison’s phone, masked: 138****5678.' })
  liaisonPhone(@Root() member: JointMeetingMember) {
    return member.liaisonPhone && maskPhone(member.liaisonPhone);
  }
}

@Resolver(() => JointMeetingSession)
export class JointMeetingSessionResolver {
  @FieldResolver(() => [AgreedAction], { description: 'What the session agreed, in the order recorded.' })
  agreedActions(@Root() session: JointMeetingSession, @Ctx() ctx: Context) {
    return ctx.loaders.agreedActions.load(session.id);
  }
}

@Resolver(() => AgreedAction)
export class AgreedActionResolver {
  @FieldResolver(() => Organisation, { description: 'The organisation that carries the action out.' })
  owner(@Root() action: AgreedAction, @Ctx() ctx: Context) {
    return organisation(ctx, action.ownerOrganisationId);
  }
}

@Resolver(() => MemberAnnualReport)
export class MemberAnnualReportResolver {
  @FieldResolver(() => Organisation, { description: 'The member unit that reported.' })
  organisation(@Root() report: MemberAnnualReport, @Ctx() ctx: Context) {
    return organisation(ctx, report.organisationId);
  }

  @FieldResolver(() => DateScalar, { description: 'The day the report was due.' })
  async dueDate(@Root() report: MemberAnnualReport, @Ctx() ctx: Context) {
    const meeting = (await ctx.loaders.jointMeeting.load(report.meetingId)) as JointMeeting;
    return annualReportDueOn(meeting, report.year);
  }

  @FieldResolver(() => Boolean, { description: 'Sent after the day it was due.' })
  async late(@Root() report: MemberAnnualReport, @Ctx() ctx: Context) {
    return shanghaiDate(report.submittedAt) > (await this.dueDate(report, ctx));
  }
}

/** The resolver classes to add to the organisations subgraph's buildFederatedSchema. */
export const jointMeetingResolvers = [
  JointMeetingResolver,
  JointMeetingMemberResolver,
  JointMeetingSessionResolver,
  AgreedActionResolver,
  MemberAnnualReportResolver,
] as const;
