import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { assertId, assertVersion, invalidState, notFound, pastDate, shanghaiDate } from '@doudi/shared';
import { Case, CaseStatus } from './case.entity.js';
import { CaseChannel } from './case.enums.js';
import { assertCanSeeCase } from './case.access.js';
import { publishStageChange } from './case.published.js';
import type { Context } from '../context.js';

/** Locks the case row for the rest of the transaction, so two steps at once cannot both pass. */
export async function lockCase(tx: EntityManager, id: string, version?: number): Promise<Case> {
  const found = await tx.findOne(Case, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!found) throw notFound('Case', id);
  assertVersion(found, version, 'Case');
  return found;
}

export function assertOpen(found: Case) {
  if (found.status !== CaseStatus.OPEN) throw invalidState(`Case ${found.id} is closed`, { stage: found.stage });
}

export function assertChannel(found: Case, step: string, ...channels: readonly CaseChannel[]) {
  if (!channels.includes(found.channel)) {
    throw invalidState(`${step} belongs to ${channels.join(' or ')} cases; this one is ${found.channel}`, {
      channel: found.channel,
    });
  }
}

export function assertStage(found: Case, step: string, ...stages: Case['stage'][]) {
  assertOpen(found);
  if (!stages.includes(found.stage)) {
    throw invalidState(`A case at ${found.stage} cannot be ${step} (it must be at ${stages.join(' or ')})`, {
      stage: found.stage,
    });
  }
}

/** A day a step happened: given or today, a real date, not in the future. */
export const stepDate = (field: string, value: string | null | undefined): string => pastDate(field, value);

export interface CaseStep<P, T> {
  /** Who may take the step (throws FORBIDDEN); the caller already sees the case. */
  allow(found: Case): void;
  /** Whether the case is where the step may be taken (throws INVALID_STATE); checked again under the lock. */
  check(found: Case): void;
  /** Calls to other subgraphs (due dates, consent), made before the transaction so no lock waits on them. */
  prepare?(found: Case): Promise<P>;
  apply(tx: EntityManager, found: Case, prepared: P): Promise<T>;
}

/**
 * Runs one step on a case: NOT_FOUND, then FORBIDDEN, CONFLICT on a stale version, INVALID_STATE out of order;
 * then the step in a transaction holding the case's row lock.
 */
export async function caseStep<P, T>(
  ctx: Context,
  input: { caseId: string; version?: number },
  step: CaseStep<P, T>,
): Promise<T> {
  const id = assertId('input.caseId', input.caseId);
  const seen = await ctx.em.findOne(Case, { id }, { refresh: true });
  if (!seen) throw notFound('Case', id);
  await assertCanSeeCase(ctx.principal, seen, ctx.loaders);
  step.allow(seen);
  assertVersion(seen, input.version, 'Case');
  step.check(seen);
  const prepared = step.prepare ? await step.prepare(seen) : (undefined as P);
  return ctx.em.transactional(async (tx) => {
    const found = await lockCase(tx, id, input.version);
    step.check(found);
    const stageBefore = found.stage;
    const result = await step.apply(tx, found, prepared);
    // Apps of the lead organisation hear of a new stage by webhook (issue 19).
    publishStageChange(tx, found, stageBefore, shanghaiDate());
    return result;
  });
}
