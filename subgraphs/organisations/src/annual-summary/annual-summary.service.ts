import {
  assertId,
  badInput,
  createOnce,
  invalidState,
  notFound,
  requirePermission,
  shanghaiDate,
  type Principal,
} from '@doudi/shared';
import type { Context } from '../context.js';
import { JointMeetingSession, type JointMeeting } from '../joint-meeting/joint-meeting.entity.js';
import { annualReportDueOn } from '../joint-meeting/joint-meeting.dates.js';
import { annualReportsOn, getJointMeeting, missingAnnualReports } from '../joint-meeting/joint-meeting.service.js';
import { AnnualSummary } from './annual-summary.entity.js';
import { annualFigures, type AnnualFigures, type MemberReportStatus } from './annual-summary.figures.js';
import type { ApproveAnnualSummaryInput } from './annual-summary.types.js';

/** A summary as the API shows it: approved (frozen) or a draft computed now. */
export interface AnnualSummaryView {
  meeting: JointMeeting;
  year: number;
  approved: AnnualSummary | null;
  figures: AnnualFigures;
  memberReports: MemberReportStatus[];
}

const FIRST_YEAR = 2000;

/** A year that is over: the summary reports a whole year (报告上一年度). */
function assertYearOver(field: string, year: number, today = shanghaiDate()): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year >= Number(today.slice(0, 4))) {
    throw badInput(field, `${field} must be a year that has ended (from ${FIRST_YEAR} to last year)`);
  }
  return year;
}

/** The summary's figures are statistics: reports:read in the meeting's jurisdiction (FORBIDDEN otherwise). */
const requireReports = (principal: Principal, meeting: JointMeeting) =>
  requirePermission(principal, 'reports:read', meeting.jurisdictionCode);

/** The current members' yearly reports on the year: received (and late or not), or missing. */
async function memberReportsOf(ctx: Context, meeting: JointMeeting, year: number): Promise<MemberReportStatus[]> {
  const [members, reports] = await Promise.all([
    ctx.loaders.jointMeetingMembers.load(meeting.id),
    ctx.loaders.memberAnnualReports.load(meeting.id),
  ]);
  const dueDate = annualReportDueOn(meeting, year);
  const received = annualReportsOn(reports, year).map((r): MemberReportStatus => ({
    organisationId: r.organisationId,
    received: true,
    submittedAt: r.submittedAt.toISOString(),
    dueDate,
    late: shanghaiDate(r.submittedAt) > dueDate,
  }));
  const missing = missingAnnualReports(meeting, members, reports, year).map((m): MemberReportStatus => ({
    organisationId: m.member.organisationId,
    received: false,
    submittedAt: null,
    dueDate,
    late: m.overdue,
  }));
  return [...received, ...missing].sort((a, b) => a.organisationId.localeCompare(b.organisationId));
}

async function draft(ctx: Context, meeting: JointMeeting, year: number) {
  const members = await ctx.loaders.jointMeetingMembers.load(meeting.id);
  const current = members.filter((m) => m.leftAt === null).map((m) => m.organisationId);
  const [figures, memberReports] = await Promise.all([
    annualFigures(ctx, meeting.jurisdictionCode, year, current),
    memberReportsOf(ctx, meeting, year),
  ]);
  return { figures, memberReports };
}

/** The summary of a year: as approved, or — until then — computed from the system now. */
export async function annualSummaryOf(ctx: Context, meeting: JointMeeting, year: number): Promise<AnnualSummaryView> {
  requireReports(ctx.principal, meeting);
  assertYearOver('year', year);
  const approved = await ctx.em.findOne(AnnualSummary, { meetingId: meeting.id, year });
  if (approved) {
    return { meeting, year, approved, figures: approved.figures, memberReports: approved.memberReports };
  }
  return { meeting, year, approved: null, ...(await draft(ctx, meeting, year)) };
}

/**
 * The meeting approves the summary of a year in a session held after it (审议通过): the figures and the members'
 * reports are frozen as they are now, and the summary is read-only from then on (INVALID_STATE to approve it
 * again; a retry with the same idempotency key answers the approval made).
 */
export async function approveAnnualSummary(ctx: Context, input: ApproveAnnualSummaryInput): Promise<AnnualSummaryView> {
  const meeting = await getJointMeeting(ctx.em, ctx.principal, input.meetingId, 'input.meetingId');
  requirePermission(ctx.principal, 'meetings:write', meeting.jurisdictionCode);
  requireReports(ctx.principal, meeting);
  const year = assertYearOver('input.year', input.year);
  const session = await ctx.em.findOne(JointMeetingSession, {
    id: assertId('input.sessionId', input.sessionId),
    meetingId: meeting.id,
  });
  if (!session) throw notFound('JointMeetingSession', input.sessionId);
  if (session.date <= `${year}-12-31`) {
    throw badInput('input.sessionId', `The session of ${session.date} was held before ${year} ended`);
  }
  // The figures come from cases and programmes over HTTP: asked before the transaction opens, so no database
  // connection or lock waits on another service.
  const { figures, memberReports } = await draft(ctx, meeting, year);
  const summary = await createOnce(
    ctx.em,
    'approveAnnualSummary',
    input.idempotencyKey,
    input,
    async (tx) => {
      const existing = await tx.findOne(AnnualSummary, { meetingId: meeting.id, year });
      if (existing) {
        throw invalidState(
          `The summary of ${year} was approved on ${existing.approvedAt.toISOString()}; it is read-only`,
          {
            approvedAt: existing.approvedAt.toISOString(),
          },
        );
      }
      const approved = Object.assign(new AnnualSummary(), {
        meetingId: meeting.id,
        year,
        sessionId: session.id,
        approvedBy: ctx.principal.actorId ?? ctx.principal.id,
        figures,
        memberReports,
      });
      tx.persist(approved);
      return approved;
    },
    (em, id) => em.findOneOrFail(AnnualSummary, { id }),
  );
  return { meeting, year, approved: summary, figures: summary.figures, memberReports: summary.memberReports };
}
