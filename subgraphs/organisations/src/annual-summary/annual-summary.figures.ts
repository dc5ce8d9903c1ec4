import { caseYear, reliefYear, type AskedCell, type ReportingCaller } from '../remote/reporting.js';

/** One member unit's year: the referrals it received and how it answered (how each carried out its part). */
export interface MemberUnitFigures {
  organisationId: string;
  /** A current member unit of the meeting (others received referrals of its cases too). */
  member: boolean;
  sent: number | null;
  answered: number | null;
  answeredOnTime: number | null;
  answeredLate: number | null;
  declined: number | null;
  medianWorkingDays: number | null;
}

/**
 * The year's figures, as cases and programmes answered them (null where they suppressed a small cell): families
 * reached, referrals and their timeliness, answers, relief granted, follow-ups.
 */
export interface AnnualFigures {
  casesOpened: number | null;
  familiesReached: number | null;
  casesClosed: number | null;
  referralsSent: number | null;
  referralsAnswered: number | null;
  answeredOnTime: number | null;
  answeredLate: number | null;
  referralsDeclined: number | null;
  reliefGrants: number | null;
  reliefHouseholds: number | null;
  reliefPersons: number | null;
  reliefAmount: string | null;
  followUps: number | null;
  followUpHouseholds: number | null;
  memberUnits: MemberUnitFigures[];
  /** Some figure was withheld for privacy (fewer than 5 households, or one that would give it away). */
  anySuppressed: boolean;
}

/** Each member unit's own yearly report (上一年度工作报告): received, or missing. */
export interface MemberReportStatus {
  organisationId: string;
  received: boolean;
  submittedAt: string | null;
  dueDate: string;
  late: boolean;
}

const same = (keys: (string | null)[], wanted: (string | null)[]) =>
  keys.length === wanted.length && keys.every((k, i) => k === wanted[i]);
const cellOf = (cells: AskedCell[], wanted: (string | null)[]) => cells.find((c) => same(c.keys, wanted));
/** A cell's count: 0 when the table lists no such combination (it counted nothing), null when suppressed. */
const countOf = (cells: AskedCell[], wanted: (string | null)[]) => {
  const cell = cellOf(cells, wanted);
  return cell ? cell.value : 0;
};

/**
 * The year's figures, asked of cases and programmes as the caller (reports:read in the meeting's jurisdiction:
 * FORBIDDEN otherwise, from them). Two calls, whatever the size of the county.
 */
export async function annualFigures(
  ctx: ReportingCaller,
  jurisdictionCode: string,
  year: number,
  memberIds: string[],
): Promise<AnnualFigures> {
  const [cases, relief] = await Promise.all([
    caseYear(ctx, jurisdictionCode, year),
    reliefYear(ctx, jurisdictionCode, year),
  ]);
  const receivers = new Set<string>(memberIds);
  for (const cell of [...cases.sent, ...cases.answered, ...cases.declined]) {
    if (cell.keys[0] && cell.keys[0] !== 'NONE') receivers.add(cell.keys[0]);
  }
  const memberUnits = [...receivers].sort().map((id): MemberUnitFigures => ({
    organisationId: id,
    member: memberIds.includes(id),
    sent: countOf(cases.sent, [id]),
    answered: countOf(cases.answered, [id, null]),
    answeredOnTime: countOf(cases.answered, [id, 'ON_TIME']),
    answeredLate: countOf(cases.answered, [id, 'LATE']),
    declined: countOf(cases.declined, [id]),
    medianWorkingDays: cellOf(cases.answered, [id, null])?.median ?? null,
  }));
  const cells = [
    cases.opened,
    cases.closed,
    cases.followUps,
    relief,
    ...cases.sent,
    ...cases.answered,
    ...cases.declined,
  ];
  return {
    casesOpened: cases.opened.value,
    familiesReached: cases.opened.households,
    casesClosed: cases.closed.value,
    referralsSent: countOf(cases.sent, [null]),
    referralsAnswered: countOf(cases.answered, [null, null]),
    answeredOnTime: countOf(cases.answered, [null, 'ON_TIME']),
    answeredLate: countOf(cases.answered, [null, 'LATE']),
    referralsDeclined: countOf(cases.declined, [null]),
    reliefGrants: relief.value,
    reliefHouseholds: relief.households,
    reliefPersons: relief.persons ?? null,
    reliefAmount: relief.amount ?? null,
    followUps: cases.followUps.value,
    followUpHouseholds: cases.followUps.households,
    memberUnits,
    anySuppressed: cells.some((c) => c.suppressed),
  };
}
