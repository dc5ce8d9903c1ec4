import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertDate,
  badInput,
  can,
  createOnce,
  listScope,
  notFound,
  pageWindow,
  requirePermission,
  shanghaiDate,
  toConnection,
  withinJurisdiction,
  type PageArgs,
  type Principal,
} from '@doudi/shared';
import { EarlyWarning, EarlyWarningVisit } from './screening.entities.js';
import { EarlyWarningReason, EarlyWarningStatus, EarlyWarningVisitOutcome } from './screening.enums.js';

export interface EarlyWarningFilterValues {
  status?: EarlyWarningStatus | null;
  reason?: EarlyWarningReason | null;
}

/**
 * The early-warning list of a jurisdiction (前置预警对象, 河鱼府发【2021】39号 一, 二), scoped as every list is: the caller's
 * subtree narrowed by the code asked for (a village point sees its village; a code outside reach finds nothing).
 * households:read, since each entry names a household.
 */
export async function listEarlyWarnings(
  em: EntityManager,
  principal: Principal,
  jurisdictionCode: string,
  filter: EarlyWarningFilterValues | null | undefined,
  page: PageArgs,
) {
  const prefix = listScope(principal, 'households:read', jurisdictionCode);
  const window = pageWindow(page);
  if (prefix === null) return toConnection([], 0, window);
  const where: Record<string, unknown> = { villageCode: { $like: `${prefix}%` } };
  where.status = filter?.status ?? EarlyWarningStatus.OPEN;
  if (filter?.reason) {
    if (filter.reason === EarlyWarningReason.WITHHELD)
      throw badInput('filter.reason', 'WITHHELD is not a reason to filter on');
    if (filter.reason === EarlyWarningReason.SERIOUS_ILLNESS && !can(principal, 'households:read-sensitive'))
      return toConnection([], 0, window);
    where.reasons = { $contains: [filter.reason] };
  }
  const [nodes, total] = await em.findAndCount(EarlyWarning, where, {
    orderBy: { villageCode: 'asc', raisedOn: 'asc', id: 'asc' },
    offset: window.offset,
    limit: window.limit,
  });
  return toConnection(nodes, total, window);
}

/** The reasons as the caller may read them: a health fact only with households:read-sensitive. */
export function reasonsFor(principal: Principal, warning: EarlyWarning): EarlyWarningReason[] {
  if (can(principal, 'households:read-sensitive')) return warning.reasons;
  const shown = warning.reasons.map((r) =>
    r === EarlyWarningReason.SERIOUS_ILLNESS ? EarlyWarningReason.WITHHELD : r,
  );
  return [...new Set(shown)];
}

export interface RecordVisitValues {
  warningId: string;
  visitedOn: string;
  outcome: EarlyWarningVisitOutcome;
  note?: string | null;
  idempotencyKey?: string | null;
}

/**
 * recordEarlyWarningVisit: the village point records its visit against the warning (villages visit, townships decide:
 * 河鱼府发【2021】39号 二). households:write where the family lives; a warning outside reach is NOT_FOUND, as one that
 * does not exist. Recorded once per idempotency key.
 */
export async function recordEarlyWarningVisit(em: EntityManager, principal: Principal, input: RecordVisitValues) {
  requirePermission(principal, 'households:write');
  const visitedOn = assertDate('input.visitedOn', input.visitedOn);
  if (visitedOn > shanghaiDate()) throw badInput('input.visitedOn', 'visitedOn cannot be in the future');
  const note = input.note?.trim() || null;
  if (note && note.length > 2000) throw badInput('input.note', 'note is longer than 2,000 characters');
  if (!Object.values(EarlyWarningVisitOutcome).includes(input.outcome))
    throw badInput('input.outcome', 'unknown outcome');
  const find = async (tx: EntityManager) => {
    const warning = /^[0-9a-f-]{36}$/i.test(input.warningId) ? await tx.findOne(EarlyWarning, input.warningId) : null;
    if (!warning || !withinJurisdiction(principal, warning.villageCode))
      throw notFound('EarlyWarning', input.warningId);
    return warning;
  };
  await find(em);
  const visit = await createOnce(
    em,
    'recordEarlyWarningVisit',
    input.idempotencyKey,
    { ...input, note },
    async (tx) => {
      const warning = await find(tx);
      if (visitedOn < warning.raisedOn)
        throw badInput(
          'input.visitedOn',
          `visitedOn is before the household was put on the list (${warning.raisedOn})`,
        );
      const created = Object.assign(new EarlyWarningVisit(), {
        warningId: warning.id,
        visitedOn,
        outcome: input.outcome,
        note,
        recordedBy: principal.id,
      });
      if (!warning.lastVisitedOn || warning.lastVisitedOn < visitedOn) warning.lastVisitedOn = visitedOn;
      tx.persist(created);
      return created;
    },
    (tx, id) => tx.findOneOrFail(EarlyWarningVisit, id),
  );
  const warning = await em.findOneOrFail(EarlyWarning, visit.warningId, { refresh: true });
  return { visit, warning };
}
