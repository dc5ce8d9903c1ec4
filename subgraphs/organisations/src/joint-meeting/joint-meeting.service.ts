import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  addCalendarMonths,
  assertDate,
  assertId,
  assertJurisdictionCode,
  assertVersion,
  badInput,
  codePrefix,
  conflict,
  createOnce,
  isIsoDate,
  listScope,
  notFound,
  orderByOf,
  pageWindow,
  requirePermission,
  toConnection,
  type Principal,
  invalidState,
} from '@doudi/shared';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { Organisation } from '../organisation/organisation.entity.js';
import {
  AgreedAction,
  AgreedActionStatus,
  DEFAULT_ANNUAL_REPORT_DUE,
  DEFAULT_PLENARY_INTERVAL_MONTHS,
  JointMeeting,
  JointMeetingMember,
  JointMeetingMemberRole,
  JointMeetingSession,
  JointMeetingSessionKind,
  MemberAnnualReport,
} from './joint-meeting.entity.js';
import { annualReportDueOn, shanghaiDate, startOfShanghaiDay } from './joint-meeting.dates.js';
import {
  JOINT_MEETING_ORDER_COLUMNS,
  type AddJointMeetingMemberInput,
  type CompleteAgreedActionInput,
  type CreateJointMeetingInput,
  type JointMeetingListArgs,
  type MissingAnnualReport,
  type RecordJointMeetingSessionInput,
  type RemoveJointMeetingMemberInput,
  type SubmitMemberAnnualReportInput,
} from './joint-meeting.inputs.js';

const PHONE = /^[0-9+\-() ]{3,30}$/;
const MAX_DEPUTY_CONVENORS = 10;
const MAX_AGREED_ACTIONS = 50;

/** Trims a text input; `required` texts may not be empty. Every limit names the offending field. */
function text(field: string, value: string | undefined | null, max: number, required: true): string;
function text(field: string, value: string | undefined | null, max: number, required?: false): string | null;
function text(field: string, value: string | undefined | null, max: number, required = false): string | null {
  const trimmed = value?.trim() || null;
  if (required && !trimmed) throw badInput(field, `${field} is required`);
  if (trimmed && trimmed.length > max) throw badInput(field, `${field} is at most ${max} characters`);
  return trimmed;
}

function assertYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < 2000 || year > 9998)
    throw badInput(field, `${field} must be a year, got ${year}`);
  return year;
}

/** Unique indexes and version checks answer CONFLICT rather than an internal error. */
async function translated<T>(work: () => Promise<T>, what: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict(`${what} already exists`);
    if (error instanceof OptimisticLockError) throw conflict(`${what} was changed by someone else; read it again`);
    throw error;
  }
}

/**
 * A member unit may be an agency of the meeting's jurisdiction or of a division below it, or a body of a
 * division above it that serves it (泉州市医疗保障局晋江分局 is filed under 晋江市 itself).
 */
function servesJurisdiction(organisation: Organisation, jurisdictionCode: string): boolean {
  return (
    organisation.jurisdictionCode.startsWith(codePrefix(jurisdictionCode)) ||
    jurisdictionCode.startsWith(codePrefix(organisation.jurisdictionCode))
  );
}

async function findOrganisation(em: EntityManager, field: string, id: string): Promise<Organisation> {
  const organisation = await em.findOne(Organisation, { id: assertId(field, id) });
  if (!organisation) throw notFound('Organisation', id);
  return organisation;
}

async function findMeeting(em: EntityManager, id: string, field = 'id'): Promise<JointMeeting> {
  const meeting = await em.findOne(JointMeeting, { id: assertId(field, id) });
  if (!meeting) throw notFound('JointMeeting', id);
  return meeting;
}

export async function getJointMeeting(
  em: EntityManager,
  principal: Principal,
  id: string,
  field = 'id',
): Promise<JointMeeting> {
  // Anonymous callers learn nothing, not even whether the id exists (issue 10 item 11).
  requirePermission(principal, 'meetings:read');
  const meeting = await findMeeting(em, id, field);
  requirePermission(principal, 'meetings:read', meeting.jurisdictionCode);
  return meeting;
}

/**
 * The meetings of the filter's jurisdiction subtree within the caller's own. Like every list, it is
 * scoped rather than refused: a filter outside the caller's subtree finds nothing.
 */
export async function listJointMeetings(em: EntityManager, principal: Principal, args: JointMeetingListArgs) {
  const window = pageWindow(args);
  const code = args.filter?.jurisdictionCode;
  const prefix = listScope(
    principal,
    'meetings:read',
    code ? assertJurisdictionCode('filter.jurisdictionCode', code) : null,
  );
  if (prefix === null) return toConnection<JointMeeting>([], 0, window);
  const [nodes, total] = await em.findAndCount(
    JointMeeting,
    { jurisdictionCode: { $like: `${prefix}%` } },
    { ...window, orderBy: orderByOf(args.orderBy, JOINT_MEETING_ORDER_COLUMNS, { jurisdictionCode: 'asc' }) },
  );
  return toConnection(nodes, total, window);
}

export async function createJointMeeting(
  em: EntityManager,
  principal: Principal,
  input: CreateJointMeetingInput,
): Promise<JointMeeting> {
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'meetings:write', jurisdictionCode);
  const deputyConvenors = (input.deputyConvenors ?? []).map((d, i) =>
    text(`input.deputyConvenors[${i}]`, d, 200, true),
  );
  if (deputyConvenors.length > MAX_DEPUTY_CONVENORS)
    throw badInput('input.deputyConvenors', `At most ${MAX_DEPUTY_CONVENORS} deputy convenors`);
  const values = {
    name: text('input.name', input.name, 200, true),
    jurisdictionCode,
    convenor: text('input.convenor', input.convenor, 200),
    deputyConvenors,
    officeOrganisationId: assertId('input.officeOrganisationId', input.officeOrganisationId),
    officeLocation: text('input.officeLocation', input.officeLocation, 200),
    plenaryIntervalMonths: input.plenaryIntervalMonths ?? DEFAULT_PLENARY_INTERVAL_MONTHS,
    annualReportDueMonth: input.annualReportDueMonth ?? DEFAULT_ANNUAL_REPORT_DUE.month,
    annualReportDueDay: input.annualReportDueDay ?? DEFAULT_ANNUAL_REPORT_DUE.day,
  };
  const interval = values.plenaryIntervalMonths;
  if (!Number.isInteger(interval) || interval < 1 || interval > 12)
    throw badInput('input.plenaryIntervalMonths', 'A plenary is held at least once a year: 1 to 12 months');
  // The due day must exist every year, so 29 February is refused (2023 is not a leap year).
  const dueDay = annualReportDueOn(values, 2022);
  if (
    !Number.isInteger(values.annualReportDueMonth) ||
    !Number.isInteger(values.annualReportDueDay) ||
    !isIsoDate(dueDay)
  )
    throw badInput('input.annualReportDueDay', 'The yearly report due day must be a day that exists every year');

  return translated(
    () =>
      createOnce(
        em,
        'createJointMeeting',
        input.idempotencyKey,
        values,
        async (tx) => {
          if (!(await tx.count(Jurisdiction, { code: jurisdictionCode })))
            throw notFound('Jurisdiction', jurisdictionCode);
          const office = await findOrganisation(tx, 'input.officeOrganisationId', values.officeOrganisationId);
          if (!servesJurisdiction(office, jurisdictionCode))
            throw badInput('input.officeOrganisationId', `${office.name} does not serve ${jurisdictionCode}`);
          if (await tx.count(JointMeeting, { jurisdictionCode, name: values.name }))
            throw conflict(`${jurisdictionCode} already has a joint meeting named ${values.name}`, {
              field: 'input.name',
            });
          const meeting = Object.assign(new JointMeeting(), values);
          tx.persist(meeting);
          return meeting;
        },
        (fresh, id) => findMeeting(fresh, id),
      ),
    'A joint meeting with this name',
  );
}

export async function addJointMeetingMember(
  em: EntityManager,
  principal: Principal,
  input: AddJointMeetingMemberInput,
): Promise<JointMeetingMember> {
  const meeting = await findMeeting(em, input.meetingId, 'input.meetingId');
  requirePermission(principal, 'meetings:write', meeting.jurisdictionCode);
  const liaisonPhone = text('input.liaisonPhone', input.liaisonPhone, 30);
  if (liaisonPhone && (!PHONE.test(liaisonPhone) || liaisonPhone.replace(/\D/g, '').length < 7))
    throw badInput('input.liaisonPhone', 'A phone number holds at least 7 digits and only spaces and + - ( )');
  const values = {
    meetingId: meeting.id,
    organisationId: assertId('input.organisationId', input.organisationId),
    role: input.role ?? JointMeetingMemberRole.MEMBER,
    liaisonName: text('input.liaisonName', input.liaisonName, 50),
    liaisonPhone,
  };
  if (values.role === JointMeetingMemberRole.OFFICE && values.organisationId !== meeting.officeOrganisationId)
    throw badInput('input.role', 'Only the organisation that hosts the office can hold the OFFICE role');

  return translated(
    () =>
      createOnce(
        em,
        'addJointMeetingMember',
        input.idempotencyKey,
        values,
        async (tx) => {
          const organisation = await findOrganisation(tx, 'input.organisationId', values.organisationId);
          if (!servesJurisdiction(organisation, meeting.jurisdictionCode))
            throw badInput('input.organisationId', `${organisation.name} does not serve ${meeting.jurisdictionCode}`);
          const current = await tx.find(JointMeetingMember, { meetingId: meeting.id, leftAt: null });
          if (current.some((m) => m.organisationId === values.organisationId))
            throw conflict(`${organisation.name} is already a member of this joint meeting`, {
              field: 'input.organisationId',
            });
          if (values.role !== JointMeetingMemberRole.MEMBER && current.some((m) => m.role === values.role))
            throw conflict(`This joint meeting already has a current ${values.role}`, { field: 'input.role' });
          const member = Object.assign(new JointMeetingMember(), values);
          tx.persist(member);
          return member;
        },
        (fresh, id) => getMember(fresh, id),
      ),
    'This membership',
  );
}

async function getMember(em: EntityManager, id: string, field = 'id'): Promise<JointMeetingMember> {
  const member = await em.findOne(JointMeetingMember, { id: assertId(field, id) });
  if (!member) throw notFound('JointMeetingMember', id);
  return member;
}

/** A unit leaves: its membership is closed, never deleted, so past sessions and reports keep their context. */
export async function removeJointMeetingMember(
  em: EntityManager,
  principal: Principal,
  input: RemoveJointMeetingMemberInput,
): Promise<JointMeetingMember> {
  const member = await getMember(em, input.memberId, 'input.memberId');
  const meeting = await findMeeting(em, member.meetingId);
  requirePermission(principal, 'meetings:write', meeting.jurisdictionCode);
  if (member.leftAt) throw invalidState(`This unit already left the joint meeting on ${shanghaiDate(member.leftAt)}`);
  assertVersion(member, input.version, 'Joint-meeting membership');
  member.leftAt = new Date();
  await translated(() => em.flush(), 'This membership');
  return member;
}

export async function recordJointMeetingSession(
  em: EntityManager,
  principal: Principal,
  input: RecordJointMeetingSessionInput,
): Promise<JointMeetingSession> {
  const meeting = await findMeeting(em, input.meetingId, 'input.meetingId');
  requirePermission(principal, 'meetings:write', meeting.jurisdictionCode);
  assertDate('input.date', input.date);
  if (input.date > shanghaiDate(new Date()))
    throw badInput('input.date', 'A session is recorded once it has been held; the date lies in the future');
  const actions = (input.agreedActions ?? []).map((a, i) => {
    const field = `input.agreedActions[${i}]`;
    const dueDate = a.dueDate ?? null;
    if (dueDate !== null) assertDate(`${field}.dueDate`, dueDate);
    if (dueDate !== null && dueDate < input.date)
      throw badInput(`${field}.dueDate`, 'An agreed action cannot fall due before the session that agreed it');
    return {
      description: text(`${field}.description`, a.description, 2000, true),
      ownerOrganisationId: assertId(`${field}.ownerOrganisationId`, a.ownerOrganisationId),
      dueDate,
    };
  });
  if (actions.length > MAX_AGREED_ACTIONS)
    throw badInput('input.agreedActions', `At most ${MAX_AGREED_ACTIONS} agreed actions per session`);
  const values = {
    meetingId: meeting.id,
    kind: input.kind,
    date: input.date,
    title: text('input.title', input.title, 200, true),
    summary: text('input.summary', input.summary, 20000),
  };

  return translated(
    () =>
      createOnce(
        em,
        'recordJointMeetingSession',
        input.idempotencyKey,
        { ...values, actions },
        async (tx) => {
          const owners = [...new Set(actions.map((a) => a.ownerOrganisationId))];
          const known = new Set((await tx.find(Organisation, { id: { $in: owners } })).map((o) => o.id));
          const unknown = owners.find((id) => !known.has(id));
          if (unknown) throw notFound('Organisation', unknown);
          if (await tx.count(JointMeetingSession, { meetingId: meeting.id, date: values.date, title: values.title }))
            throw conflict(`A session “${values.title}” on ${values.date} is already recorded`, {
              field: 'input.title',
            });
          const session = Object.assign(new JointMeetingSession(), values);
          tx.persist(session);
          for (const action of actions)
            tx.persist(Object.assign(new AgreedAction(), { ...action, sessionId: session.id }));
          return session;
        },
        async (fresh, id) => {
          const session = await fresh.findOne(JointMeetingSession, { id });
          if (!session) throw notFound('JointMeetingSession', id);
          return session;
        },
      ),
    'This session',
  );
}

export async function completeAgreedAction(
  em: EntityManager,
  principal: Principal,
  input: CompleteAgreedActionInput,
): Promise<AgreedAction> {
  const action = await em.findOne(AgreedAction, { id: assertId('input.actionId', input.actionId) });
  if (!action) throw notFound('AgreedAction', input.actionId);
  const session = await em.findOneOrFail(JointMeetingSession, { id: action.sessionId });
  const meeting = await findMeeting(em, session.meetingId);
  requirePermission(principal, 'meetings:write', meeting.jurisdictionCode);
  if (action.status === AgreedActionStatus.DONE)
    throw invalidState(`This agreed action was already completed at ${action.doneAt?.toISOString()}`, {
      field: 'input.actionId',
    });
  assertVersion(action, input.version, 'Agreed action');
  action.status = AgreedActionStatus.DONE;
  action.doneAt = new Date();
  await translated(() => em.flush(), 'This agreed action');
  return action;
}

/** Whether a membership covered any part of a calendar year (Asia/Shanghai). */
function memberDuring(member: JointMeetingMember, year: number): boolean {
  const start = startOfShanghaiDay(`${year}-01-01`);
  const end = startOfShanghaiDay(`${year + 1}-01-01`);
  return member.joinedAt < end && (member.leftAt === null || member.leftAt >= start);
}

export async function submitMemberAnnualReport(
  em: EntityManager,
  principal: Principal,
  input: SubmitMemberAnnualReportInput,
): Promise<MemberAnnualReport> {
  const meeting = await findMeeting(em, input.meetingId, 'input.meetingId');
  requirePermission(principal, 'meetings:write', meeting.jurisdictionCode);
  const year = assertYear('input.year', input.year);
  if (year > Number(shanghaiDate(new Date()).slice(0, 4)))
    throw badInput('input.year', `A report on ${year} cannot be sent before that year has begun`);
  const values = {
    meetingId: meeting.id,
    organisationId: assertId('input.organisationId', input.organisationId),
    year,
    summary: text('input.summary', input.summary, 20000, true),
  };

  return translated(
    () =>
      createOnce(
        em,
        'submitMemberAnnualReport',
        input.idempotencyKey,
        values,
        async (tx) => {
          const organisation = await findOrganisation(tx, 'input.organisationId', values.organisationId);
          const memberships = await tx.find(JointMeetingMember, {
            meetingId: meeting.id,
            organisationId: organisation.id,
          });
          if (!memberships.some((m) => memberDuring(m, year)))
            throw badInput('input.organisationId', `${organisation.name} was not a member unit in ${year}`);
          if (await tx.count(MemberAnnualReport, { meetingId: meeting.id, organisationId: organisation.id, year }))
            throw conflict(`${organisation.name} has already sent its report on ${year}`, { field: 'input.year' });
          const report = Object.assign(new MemberAnnualReport(), values);
          tx.persist(report);
          return report;
        },
        async (fresh, id) => fresh.findOneOrFail(MemberAnnualReport, { id }),
      ),
    'A report by this unit on this year',
  );
}

/** The plenary schedule: due an interval after the last plenary, or after the meeting was set up. */
export function plenarySchedule(
  meeting: JointMeeting,
  sessions: JointMeetingSession[],
  today = shanghaiDate(new Date()),
): { lastPlenaryDate: string | null; nextPlenaryDue: string; plenaryOverdue: boolean } {
  const lastPlenaryDate =
    sessions
      .filter((s) => s.kind === JointMeetingSessionKind.PLENARY)
      .map((s) => s.date)
      .sort()
      .at(-1) ?? null;
  const nextPlenaryDue = addCalendarMonths(
    lastPlenaryDate ?? shanghaiDate(meeting.createdAt),
    meeting.plenaryIntervalMonths,
  );
  return { lastPlenaryDate, nextPlenaryDue, plenaryOverdue: today > nextPlenaryDue };
}

/**
 * The current member units that belonged to the meeting during `year` and have not reported on it,
 * with the day the report is due.
 */
export function missingAnnualReports(
  meeting: JointMeeting,
  members: JointMeetingMember[],
  reports: MemberAnnualReport[],
  year: number,
  today = shanghaiDate(new Date()),
): MissingAnnualReport[] {
  assertYear('year', year);
  const reported = new Set(reports.filter((r) => r.year === year).map((r) => r.organisationId));
  const dueDate = annualReportDueOn(meeting, year);
  return members
    .filter((m) => m.leftAt === null && memberDuring(m, year) && !reported.has(m.organisationId))
    .map((member) => ({ member, year, dueDate, overdue: today > dueDate }));
}

export function annualReportsOn(reports: MemberAnnualReport[], year: number): MemberAnnualReport[] {
  assertYear('year', year);
  return reports.filter((r) => r.year === year);
}
