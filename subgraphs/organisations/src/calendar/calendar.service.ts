import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  ancestorCandidates,
  assertJurisdictionCode,
  badInput,
  conflict,
  DomainError,
  ErrorCode,
  forbidden,
  assertDate,
  isUuid,
  JURISDICTION_LEVELS,
  notFound,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import {
  createWorkingDayCalendar,
  needsNationalEntry,
  packageKnowsYear,
  type CalendarEntry,
  type WorkingDayCalendar,
} from './working-days.js';
import { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import { CalendarDayKind, CalendarOverride, CalendarYear } from './calendar-override.entity.js';
import type {
  AddCalendarOverrideInput,
  DeclareCalendarYearInput,
  RemoveCalendarOverrideInput,
} from './calendar.inputs.js';

const MAX_REASON_LENGTH = 200;
const FIRST_YEAR = 1949;
const LAST_YEAR = 2199;

/** The caller's id as the row's author (uuid column; an id of another shape is not recorded). */
const authorId = (principal: Principal) => (principal.id && isUuid(principal.id) ? principal.id : null);

const toEntry = (o: CalendarOverride): CalendarEntry => ({ date: o.date, kind: o.kind, reason: o.reason });

/**
 * The chains of jurisdictions from the top of the tree down to each code, following the parentCode links.
 * A parent is always the child's code with lower digits zeroed (createJurisdiction enforces it), so one
 * query fetches every chain; a link outside those candidates costs one more query for that level.
 */
async function jurisdictionChains(em: EntityManager, codes: readonly string[]): Promise<Map<string, Jurisdiction[]>> {
  const candidates = [...new Set(codes.flatMap((code) => [...ancestorCandidates(code), code]))];
  const byCode = new Map((await em.find(Jurisdiction, { code: { $in: candidates } })).map((j) => [j.code, j]));
  const chains = new Map<string, Jurisdiction[]>();
  for (const code of codes) {
    if (!byCode.has(code)) continue;
    const chain: Jurisdiction[] = [];
    let next: string | null = code;
    while (next && chain.length <= JURISDICTION_LEVELS.length) {
      const jurisdiction: Jurisdiction | null = byCode.get(next) ?? (await em.findOne(Jurisdiction, { code: next }));
      if (!jurisdiction) break; // a dangling parent link: count with the part of the chain that exists
      byCode.set(jurisdiction.code, jurisdiction);
      chain.unshift(jurisdiction);
      next = jurisdiction.parentCode;
    }
    chains.set(code, chain);
  }
  return chains;
}

export async function jurisdictionChain(em: EntityManager, code: string): Promise<Jurisdiction[]> {
  const chain = (await jurisdictionChains(em, [code])).get(code);
  if (!chain) throw notFound('Jurisdiction', code);
  return chain;
}

/**
 * The working-day calendars of several jurisdictions (a DataLoader batch): the shipped national schedule,
 * the national entries and declared years for the years it lacks, and the overrides of every jurisdiction
 * from the top down to each one. Three queries however many jurisdictions: chains, overrides, years.
 * An unknown code gets NOT_FOUND in its place.
 */
export async function loadCalendars(
  em: EntityManager,
  codes: readonly string[],
  options: { strict?: boolean } = {},
): Promise<(WorkingDayCalendar | Error)[]> {
  const chains = await jurisdictionChains(em, codes);
  const chainCodes = [...new Set([...chains.values()].flat().map((j) => j.code))];
  const overrides = await em.find(
    CalendarOverride,
    { $or: [{ jurisdictionCode: { $in: chainCodes } }, { jurisdictionCode: null }] },
    { orderBy: { date: 'asc' } },
  );
  const years = (await em.find(CalendarYear, {})).map((y) => y.year);
  const national = overrides.filter((o) => o.jurisdictionCode === null).map(toEntry);
  return codes.map((code) => {
    const chain = chains.get(code);
    if (!chain) return notFound('Jurisdiction', code);
    return createWorkingDayCalendar({
      strict: options.strict,
      nationalEntries: national,
      declaredYears: years,
      chain: chain.map((j) => ({
        jurisdictionCode: j.code,
        entries: overrides.filter((o) => o.jurisdictionCode === j.code).map(toEntry),
      })),
    });
  });
}

export async function loadCalendar(
  em: EntityManager,
  jurisdictionCode: string,
  options: { strict?: boolean; field?: string } = {},
): Promise<WorkingDayCalendar> {
  const code = assertJurisdictionCode(options.field ?? 'jurisdictionCode', jurisdictionCode);
  const [calendar] = await loadCalendars(em, [code], options);
  if (calendar instanceof Error) throw calendar;
  return calendar;
}

/** A date the calendar can hold: real, and in the years it covers. */
function assertCalendarDate(field: string, value: string): string {
  assertDate(field, value);
  const year = Number(value.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(field, `${field} must lie between ${FIRST_YEAR} and ${LAST_YEAR}, got ${value}`);
  }
  return value;
}

function requireSystemAdmin(principal: Principal, what: string): void {
  if (!principal.roles.includes('SYSTEM_ADMIN')) {
    throw forbidden(`Only a SYSTEM_ADMIN may ${what}`, { role: 'SYSTEM_ADMIN' });
  }
}

/**
 * Checks who may change which calendar: a jurisdiction's calendar needs calendar:write within the
 * caller's subtree; the national calendar needs a SYSTEM_ADMIN. Returns the jurisdiction code or null.
 */
async function authoriseCalendarWrite(
  em: EntityManager,
  principal: Principal,
  jurisdictionCode: string | null | undefined,
): Promise<string | null> {
  if (jurisdictionCode === undefined || jurisdictionCode === null || jurisdictionCode === '') {
    requirePermission(principal, 'calendar:write');
    requireSystemAdmin(principal, 'change the national calendar');
    return null;
  }
  const code = assertJurisdictionCode('input.jurisdictionCode', jurisdictionCode);
  requirePermission(principal, 'calendar:write', code);
  if (!(await em.count(Jurisdiction, { code }))) throw notFound('Jurisdiction', code);
  return code;
}

const describeEntry = (code: string | null, date: string) =>
  code ? `Jurisdiction ${code} already has an entry for ${date}` : `There is already a national entry for ${date}`;

/**
 * Marks a day of a jurisdiction's calendar (and everything below it) as a holiday or a working day; with
 * no jurisdiction, enters a national day for a year the shipped schedule lacks (SYSTEM_ADMIN only).
 */
export async function addCalendarOverride(
  em: EntityManager,
  principal: Principal,
  input: AddCalendarOverrideInput,
): Promise<CalendarOverride> {
  const date = assertCalendarDate('input.date', input.date);
  if (!Object.values(CalendarDayKind).includes(input.kind)) {
    throw badInput('input.kind', `input.kind must be HOLIDAY or WORKING_DAY, got ${JSON.stringify(input.kind)}`);
  }
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (!reason || reason.length > MAX_REASON_LENGTH) {
    throw badInput('input.reason', `A reason is required and at most ${MAX_REASON_LENGTH} characters`);
  }
  const jurisdictionCode = await authoriseCalendarWrite(em, principal, input.jurisdictionCode);
  if (jurisdictionCode === null && !needsNationalEntry(date)) {
    throw badInput(
      'input.date',
      `The national holiday schedule for ${date} is already known; change a jurisdiction's calendar instead`,
    );
  }
  try {
    return await em.transactional(async (tx) => {
      if (await tx.count(CalendarOverride, { jurisdictionCode, date })) {
        throw conflict(describeEntry(jurisdictionCode, date), { field: 'input.date' });
      }
      const override = Object.assign(new CalendarOverride(), {
        jurisdictionCode,
        date,
        kind: input.kind,
        reason,
        createdById: authorId(principal),
      });
      tx.persist(override);
      return override;
    });
  } catch (error) {
    // Two administrators adding the same day at once: the unique index decides.
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(describeEntry(jurisdictionCode, date), { field: 'input.date' });
    }
    throw error;
  }
}

/** Removes an entry; the day falls back to the next jurisdiction up, and finally to the national rule. */
export async function removeCalendarOverride(
  em: EntityManager,
  principal: Principal,
  input: RemoveCalendarOverrideInput,
): Promise<CalendarOverride> {
  const date = assertCalendarDate('input.date', input.date);
  const jurisdictionCode = await authoriseCalendarWrite(em, principal, input.jurisdictionCode);
  return em.transactional(async (tx) => {
    const override = await tx.findOne(CalendarOverride, { jurisdictionCode, date });
    if (!override) throw notFound('CalendarOverride', `${jurisdictionCode ?? 'national'} ${date}`);
    tx.remove(override);
    return override;
  });
}

/**
 * Declares that the national entries of a year the shipped schedule lacks are complete (the State
 * Council's notice, published each November, is fully entered), so counts in it stop warning.
 */
export async function declareCalendarYear(
  em: EntityManager,
  principal: Principal,
  input: DeclareCalendarYearInput,
): Promise<CalendarYear> {
  requirePermission(principal, 'calendar:write');
  requireSystemAdmin(principal, 'declare a year’s national calendar complete');
  const { year } = input;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput('input.year', `input.year must be a year between ${FIRST_YEAR} and ${LAST_YEAR}`);
  }
  if (packageKnowsYear(year)) {
    throw badInput('input.year', `The national holiday schedule for ${year} is already known`);
  }
  try {
    return await em.transactional(async (tx) => {
      if (await tx.count(CalendarYear, { year })) {
        throw conflict(`${year} has already been declared complete`, { field: 'input.year' });
      }
      const entered = await tx.count(CalendarOverride, {
        jurisdictionCode: null,
        kind: CalendarDayKind.HOLIDAY,
        date: { $gte: `${year}-01-01`, $lte: `${year}-12-31` },
      });
      if (!entered) {
        throw new DomainError(
          ErrorCode.INVALID_STATE,
          `Enter ${year}'s national holidays (addCalendarOverride without a jurisdiction) before declaring the year complete`,
          { field: 'input.year' },
        );
      }
      const declared = Object.assign(new CalendarYear(), { year, declaredById: authorId(principal) });
      tx.persist(declared);
      return declared;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(`${year} has already been declared complete`, { field: 'input.year' });
    }
    throw error;
  }
}

function assertYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badInput(field, `${field} must be a year between ${FIRST_YEAR} and ${LAST_YEAR}`);
  }
  return year;
}

/**
 * The entries typed in for a year, to list and edit them: with a jurisdiction, its own overrides and those of
 * every jurisdiction above it (by date, the top of the tree first, as the calendar applies them); without, the
 * national entries. Unlike calendarDays, an entry that agrees with the weekday rule is listed too, so it can be
 * removed.
 */
export async function calendarEntries(
  em: EntityManager,
  jurisdictionCode: string | null | undefined,
  year: number,
): Promise<CalendarOverride[]> {
  const date = { $gte: `${assertYear('year', year)}-01-01`, $lte: `${year}-12-31` };
  if (!jurisdictionCode) {
    return em.find(CalendarOverride, { jurisdictionCode: null, date }, { orderBy: { date: 'asc' } });
  }
  const chain = await jurisdictionChain(em, assertJurisdictionCode('jurisdictionCode', jurisdictionCode));
  const depth = new Map(chain.map((j, index) => [j.code, index]));
  const rows = await em.find(CalendarOverride, { jurisdictionCode: { $in: [...depth.keys()] }, date });
  return rows.sort(
    (a, b) => a.date.localeCompare(b.date) || depth.get(a.jurisdictionCode!)! - depth.get(b.jurisdictionCode!)!,
  );
}

/** Whether a year's national schedule is known: shipped with the package, or entered and declared complete. */
export async function nationalSchedule(em: EntityManager, year: number) {
  const shipped = packageKnowsYear(assertYear('year', year));
  const declared = await em.findOne(CalendarYear, { year });
  return { year, shipped, declaredAt: declared?.declaredAt ?? null, complete: shipped || !!declared };
}
