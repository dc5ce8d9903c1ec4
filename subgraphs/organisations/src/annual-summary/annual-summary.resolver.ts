import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { ExportFile, ExportFormat } from '@doudi/shared/reporting/export';
import type { Context } from '../context.js';
import { JointMeeting } from '../joint-meeting/joint-meeting.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import { annualSummaryExport } from './annual-summary.export.js';
import { annualSummaryOf, approveAnnualSummary, type AnnualSummaryView } from './annual-summary.service.js';
import {
  AnnualSummaryMemberReport,
  AnnualSummaryMemberUnit,
  AnnualSummaryStatus,
  AnnualSummaryType,
  ApproveAnnualSummaryInput,
  ApproveAnnualSummaryPayload,
} from './annual-summary.types.js';

/** The schema's shape of a view; the view rides along for the export. */
const shape = (view: AnnualSummaryView) => ({
  view,
  year: view.year,
  status: view.approved ? AnnualSummaryStatus.APPROVED : AnnualSummaryStatus.DRAFT,
  approvedAt: view.approved?.approvedAt ?? null,
  approvedBy: view.approved?.approvedBy ?? null,
  approvedInSessionId: view.approved?.sessionId ?? null,
  figures: view.figures,
  memberReports: view.memberReports.map((r) => ({ ...r, submittedAt: r.submittedAt ? new Date(r.submittedAt) : null })),
});
type Shaped = ReturnType<typeof shape>;

const organisationOf = async (ctx: Context, id: string) => (await ctx.loaders.organisation.load(id)) as Organisation;

@Resolver(() => JointMeeting)
export class JointMeetingAnnualSummaryResolver {
  @FieldResolver(() => AnnualSummaryType, {
    description:
      'The annual summary of a year that has ended (襄政办发〔2023〕26号 附件1 第九条): as approved, or a draft ' +
      'computed now from cases and programmes. Needs reports:read in the meeting’s jurisdiction.',
  })
  async annualSummary(@Root() meeting: JointMeeting, @Arg('year', () => Int) year: number, @Ctx() ctx: Context) {
    return shape(await annualSummaryOf(ctx, meeting, year));
  }

  @Mutation(() => ApproveAnnualSummaryPayload, {
    description:
      'Records the meeting’s approval of a year’s summary in a session held after the year (审议通过, 襄政办发〔2023〕26号 ' +
      '附件1 第九条): the figures and the members’ reports are frozen; the summary is read-only from then on ' +
      '(INVALID_STATE to approve it again). Needs meetings:write and reports:read.',
  })
  async approveAnnualSummary(
    @Arg('input', () => ApproveAnnualSummaryInput) input: ApproveAnnualSummaryInput,
    @Ctx() ctx: Context,
  ) {
    return { annualSummary: shape(await approveAnnualSummary(ctx, input)) };
  }
}

@Resolver(() => AnnualSummaryType)
export class AnnualSummaryResolver {
  @FieldResolver(() => ExportFile, {
    description:
      'The summary as a file: XLSX (a title row naming the jurisdiction, the meeting and the year; Chinese headers) ' +
      'or CSV (UTF-8 with a byte-order mark).',
  })
  export(
    @Root() summary: Shaped,
    @Arg('format', () => ExportFormat, { defaultValue: ExportFormat.XLSX }) format: ExportFormat,
    @Ctx() ctx: Context,
  ) {
    return annualSummaryExport(ctx, summary.view, format);
  }
}

@Resolver(() => AnnualSummaryMemberUnit)
export class MemberUnitOrganisationResolver {
  @FieldResolver(() => Organisation, { description: 'The unit.' })
  organisation(@Root() unit: { organisationId: string }, @Ctx() ctx: Context) {
    return organisationOf(ctx, unit.organisationId);
  }
}

@Resolver(() => AnnualSummaryMemberReport)
export class MemberReportOrganisationResolver {
  @FieldResolver(() => Organisation, { description: 'The member unit.' })
  organisation(@Root() report: { organisationId: string }, @Ctx() ctx: Context) {
    return organisationOf(ctx, report.organisationId);
  }
}

export const annualSummaryResolvers = [
  JointMeetingAnnualSummaryResolver,
  AnnualSummaryResolver,
  MemberUnitOrganisationResolver,
  MemberReportOrganisationResolver,
] as const;
