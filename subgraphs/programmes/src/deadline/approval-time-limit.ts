import type { EntityManager } from '@mikro-orm/postgresql';
import { assertJurisdictionCode, badInput, chainOf, requirePermission, type Principal } from '@doudi/shared';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { ApprovalTimeLimit } from './approval-time-limit.entity.js';

/**
 * Doudi's defaults, in working days, where a county has set none. 临社救办发〔2015〕3号 二(八) asks counties to shorten
 * approval times by type of relief and sets no figure: urgent one-off relief (临时救助, 救急难) gets the shortest, the
 * monthly programmes more for their checks; each county sets its own with setApprovalTimeLimit.
 */
export const APPROVAL_DEFAULT_DAYS: Partial<Record<ProgrammeKind, number>> = {
  [ProgrammeKind.DIBAO]: 10,
  [ProgrammeKind.TEKUN]: 10,
  [ProgrammeKind.TEMPORARY]: 3,
  [ProgrammeKind.DISASTER_RELIEF]: 3,
  [ProgrammeKind.JUDICIAL_ASSISTANCE]: 5,
};
/** Every other kind. */
export const APPROVAL_FALLBACK_DAYS = 10;

export const defaultDays = (kind: ProgrammeKind) => APPROVAL_DEFAULT_DAYS[kind] ?? APPROVAL_FALLBACK_DAYS;

export interface LimitInForce {
  workingDays: number;
  /** The jurisdiction that set it; null for Doudi's default. */
  setBy: string | null;
}

/** The limits in force at each of these places for each kind, nearest setting first, in one query. */
export async function limitsInForce(
  em: EntityManager,
  wanted: { jurisdictionCode: string; kind: ProgrammeKind }[],
): Promise<Map<string, LimitInForce>> {
  const codes = [...new Set(wanted.flatMap((w) => chainOf(w.jurisdictionCode)))];
  const rows = codes.length ? await em.find(ApprovalTimeLimit, { jurisdictionCode: { $in: codes } }) : [];
  const found = new Map<string, LimitInForce>();
  for (const { jurisdictionCode, kind } of wanted) {
    const chain = chainOf(jurisdictionCode);
    const nearest = rows
      .filter((r) => r.programmeKind === kind && chain.includes(r.jurisdictionCode))
      .sort((a, b) => chain.indexOf(b.jurisdictionCode) - chain.indexOf(a.jurisdictionCode))[0];
    found.set(
      limitKey(jurisdictionCode, kind),
      nearest
        ? { workingDays: nearest.workingDays, setBy: nearest.jurisdictionCode }
        : { workingDays: defaultDays(kind), setBy: null },
    );
  }
  return found;
}

export const limitKey = (jurisdictionCode: string, kind: ProgrammeKind) => `${jurisdictionCode}|${kind}`;

export async function limitInForce(em: EntityManager, jurisdictionCode: string, kind: ProgrammeKind) {
  return (await limitsInForce(em, [{ jurisdictionCode, kind }])).get(limitKey(jurisdictionCode, kind))!;
}

export interface SetLimitValues {
  jurisdictionCode: string;
  programmeKind: ProgrammeKind;
  workingDays: number;
  reason?: string | null;
}

/** Sets (or replaces) a jurisdiction's limit for a kind: holders of programmes:write there. Proposals made later use it. */
export async function setApprovalTimeLimit(em: EntityManager, principal: Principal, input: SetLimitValues) {
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  requirePermission(principal, 'programmes:write', jurisdictionCode);
  if (!Object.values(ProgrammeKind).includes(input.programmeKind)) {
    throw badInput('input.programmeKind', 'Unknown programme kind');
  }
  if (!Number.isInteger(input.workingDays) || input.workingDays < 1 || input.workingDays > 60) {
    throw badInput('input.workingDays', 'A time limit is 1–60 working days');
  }
  const reason = input.reason?.trim().slice(0, 500) || null;
  // One statement: two administrators setting it at once leave one row, the later value.
  await em.getConnection().execute(
    `insert into approval_time_limit (id, version, created_at, updated_at, jurisdiction_code, programme_kind,
       working_days, reason, set_by_id)
     values (gen_random_uuid(), 1, now(), now(), ?, ?, ?, ?, ?)
     on conflict (jurisdiction_code, programme_kind) do update
       set working_days = excluded.working_days, reason = excluded.reason, set_by_id = excluded.set_by_id,
           version = approval_time_limit.version + 1, updated_at = now()`,
    [jurisdictionCode, input.programmeKind, input.workingDays, reason, principal.id],
  );
  return em.findOneOrFail(
    ApprovalTimeLimit,
    { jurisdictionCode, programmeKind: input.programmeKind },
    { refresh: true },
  );
}
