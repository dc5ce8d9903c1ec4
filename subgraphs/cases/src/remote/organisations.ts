import {
  INTERNAL_ROUTES,
  internalRouteUrl,
  postSigned,
  type LeadReceiversAnswer,
  type DeliverySigner,
  type SubgraphQuery,
  type WorkingDayResult,
} from '@doudi/shared';
import { assertJurisdictionKnown as assertKnown } from '@doudi/shared/reporting/index';

/**
 * Everything cases asks of the organisations subgraph: organisation kinds and the working-day calendar.
 * As the caller (their signed principal passes on: organisations applies their permissions), except the
 * deadline sweep's calendar, which has no caller and signs with the service key. Errors keep organisations'
 * codes: NOT_FOUND for an organisation that does not exist, FORBIDDEN for a caller who may not read it.
 */

/** What a request's questions to organisations need: its clients, its caller, and its own loaders as cache key. */
export interface OrganisationsCaller {
  services: { organisations: SubgraphQuery };
  assertion: string;
  loaders: object;
}

interface Asked {
  kinds: Map<string, Promise<string>>;
  counts: Map<string, Promise<WorkingDayResult>>;
}

/** Each kind and each count is asked at most once per request. */
const perRequest = new WeakMap<object, Asked>();
function askedIn(ctx: OrganisationsCaller): Asked {
  let asked = perRequest.get(ctx.loaders);
  if (!asked) perRequest.set(ctx.loaders, (asked = { kinds: new Map(), counts: new Map() }));
  return asked;
}

const countKey = (jurisdictionCode: string, from: string, days: number) => `${jurisdictionCode}|${from}|${days}`;

const WORKING_DAYS_FIELDS = 'date scheduleComplete warnings';

/**
 * Asks, in one call, whatever of these the request does not know yet: an organisation's kind and any number of
 * working-day counts from one day in one jurisdiction's calendar. Nothing is asked when all are known.
 */
export function prefetch(
  ctx: OrganisationsCaller,
  wanted: { kindOf?: string; counts?: { jurisdictionCode: string; from: string; days: number }[] },
): void {
  const asked = askedIn(ctx);
  const kindOf = wanted.kindOf && !asked.kinds.has(wanted.kindOf) ? wanted.kindOf : null;
  const counts = [
    ...new Map(
      (wanted.counts ?? [])
        .map((c) => [countKey(c.jurisdictionCode, c.from, c.days), c] as const)
        .filter(([key]) => !asked.counts.has(key)),
    ).entries(),
  ];
  if (!kindOf && counts.length === 0) return;
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const fields: string[] = [];
  if (kindOf) {
    variables.id = kindOf;
    declarations.push('$id: ID!');
    fields.push('organisation(id: $id) { kind }');
  }
  counts.forEach(([, c], i) => {
    Object.assign(variables, { [`j${i}`]: c.jurisdictionCode, [`f${i}`]: c.from, [`d${i}`]: c.days });
    declarations.push(`$j${i}: ID!`, `$f${i}: Date!`, `$d${i}: Int!`);
    fields.push(
      `c${i}: addWorkingDays(jurisdictionCode: $j${i}, from: $f${i}, days: $d${i}, strict: false) { ${WORKING_DAYS_FIELDS} }`,
    );
  });
  const answer = ctx.services.organisations<Record<string, unknown>>(
    `query(${declarations.join(', ')}) { ${fields.join(' ')} }`,
    variables,
    ctx.assertion,
  );
  if (kindOf) {
    const kind = answer.then((data) => (data.organisation as { kind: string }).kind);
    kind.catch(() => asked.kinds.delete(kindOf));
    asked.kinds.set(kindOf, kind);
  }
  counts.forEach(([key], i) => {
    const count = answer.then((data) => data[`c${i}`] as WorkingDayResult);
    count.catch(() => asked.counts.delete(key));
    asked.counts.set(key, count);
  });
}

/** An organisation's kind (NOT_FOUND when it does not exist). */
export function organisationKind(ctx: OrganisationsCaller, id: string): Promise<string> {
  prefetch(ctx, { kindOf: id });
  return askedIn(ctx).kinds.get(id)!;
}

/** `from` plus n working days of the jurisdiction's calendar. */
export function addWorkingDays(
  ctx: OrganisationsCaller,
  jurisdictionCode: string,
  from: string,
  days: number,
): Promise<WorkingDayResult> {
  prefetch(ctx, { counts: [{ jurisdictionCode, from, days }] });
  return askedIn(ctx).counts.get(countKey(jurisdictionCode, from, days))!;
}

/**
 * The calendar for the deadline sweep, which runs without a caller: signed with the service key, on a route that
 * answers nothing but the calendar.
 */
export function jobCalendar(organisationsGraphqlUrl: string, signer: DeliverySigner, timeoutMs: number) {
  const url = internalRouteUrl(organisationsGraphqlUrl, INTERNAL_ROUTES.workingDays);
  return {
    async nextWorkingDay(jurisdictionCode: string, from: string): Promise<string> {
      const response = await postSigned(signer, 'organisations', url, { jurisdictionCode, from, days: 1 }, timeoutMs);
      if (!response.ok) throw new Error(`working days: ${response.status} ${await response.text()}`);
      return ((await response.json()) as WorkingDayResult).date;
    },
  };
}
export type JobCalendar = ReturnType<typeof jobCalendar>;

/**
 * Who receives each township's screening leads (河鱼府发【2021】39号 二(二)), for the lead intake, which runs without a
 * caller: signed with the service key, on a route that answers organisation ids only.
 */
export function leadReceivers(organisationsGraphqlUrl: string, signer: DeliverySigner, timeoutMs: number) {
  const url = internalRouteUrl(organisationsGraphqlUrl, INTERNAL_ROUTES.leadReceivers);
  return async (townshipCodes: string[]): Promise<LeadReceiversAnswer['receivers']> => {
    const response = await postSigned(signer, 'organisations', url, { townshipCodes }, timeoutMs);
    if (!response.ok) throw new Error(`lead receivers: ${response.status} ${await response.text()}`);
    return ((await response.json()) as LeadReceiversAnswer).receivers;
  };
}

/** NOT_FOUND when organisations knows no division with this code (a report's jurisdiction, asked once a request). */
export const assertJurisdictionKnown = (ctx: OrganisationsCaller, code: string) =>
  assertKnown(ctx.services.organisations, ctx.assertion, code);

/**
 * The days that break the weekday rule in a jurisdiction's calendar over some years (holidays on weekdays, weekend
 * days at work), in one call: what a median of working days needs.
 */
export async function specialDays(
  ctx: OrganisationsCaller,
  jurisdictionCode: string,
  years: number[],
): Promise<{ holidays: string[]; workingWeekends: string[] }> {
  const fields = years.map((y) => `y${y}: calendarDays(jurisdictionCode: $code, year: ${y}) { date kind weekend }`);
  const data = await ctx.services.organisations<Record<string, { date: string; kind: string; weekend: boolean }[]>>(
    `query($code: ID!) { ${fields.join(' ')} }`,
    { code: jurisdictionCode },
    ctx.assertion,
  );
  const days = Object.values(data).flat();
  return {
    holidays: days.filter((d) => d.kind === 'HOLIDAY' && !d.weekend).map((d) => d.date),
    workingWeekends: days.filter((d) => d.kind === 'WORKING_DAY' && d.weekend).map((d) => d.date),
  };
}

/** An organisation's name and division, as the caller may read it (NOT_FOUND: none has this id). */
export async function organisationPlace(
  ctx: OrganisationsCaller,
  id: string,
): Promise<{ id: string; name: string; jurisdictionCode: string }> {
  const data = await ctx.services.organisations<{
    organisation: { id: string; name: string; jurisdiction: { code: string } };
  }>(`query($id: ID!) { organisation(id: $id) { id name jurisdiction { code } } }`, { id }, ctx.assertion);
  const { name, jurisdiction } = data.organisation;
  return { id, name, jurisdictionCode: jurisdiction.code };
}

/** At most this many names asked in one call (a township's offices, a file's title). */
const MAX_NAMES = 200;

/**
 * The names of divisions and organisations, in one call, for the title and columns of a file; an id or code
 * organisations does not answer for keeps no name (the file shows the id instead).
 */
export async function namesOf(
  ctx: OrganisationsCaller,
  wanted: { codes?: string[]; organisationIds?: string[] },
): Promise<Map<string, string>> {
  const codes = [...new Set(wanted.codes ?? [])].slice(0, MAX_NAMES);
  const ids = [...new Set(wanted.organisationIds ?? [])].slice(0, MAX_NAMES);
  const names = new Map<string, string>();
  if (!codes.length && !ids.length) return names;
  const fields = [
    ...codes.map((_, i) => `j${i}: jurisdiction(code: $j${i}) { name }`),
    ...ids.map((_, i) => `o${i}: organisation(id: $o${i}) { name }`),
  ];
  const declarations = [...codes.map((_, i) => `$j${i}: ID!`), ...ids.map((_, i) => `$o${i}: ID!`)];
  const variables = Object.fromEntries([
    ...codes.map((code, i) => [`j${i}`, code]),
    ...ids.map((id, i) => [`o${i}`, id]),
  ]);
  let data: Record<string, { name: string } | null>;
  try {
    data = await ctx.services.organisations(
      `query(${declarations.join(', ')}) { ${fields.join(' ')} }`,
      variables,
      ctx.assertion,
    );
  } catch {
    // A name is a courtesy of the file: one that cannot be read leaves ids, it does not refuse the export.
    return names;
  }
  codes.forEach((code, i) => data[`j${i}`] && names.set(code, data[`j${i}`]!.name));
  ids.forEach((id, i) => data[`o${i}`] && names.set(id, data[`o${i}`]!.name));
  return names;
}
