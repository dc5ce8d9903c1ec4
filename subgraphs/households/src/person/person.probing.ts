import type { EntityManager } from '@mikro-orm/postgresql';
import {
  conflict,
  createThrottle,
  DomainError,
  ErrorCode,
  recordAudit,
  throttled,
  type Principal,
} from '@doudi/shared';

/**
 * Being registered here means "assessed for social assistance" (issue 10 item 2): whether an ID number is
 * registered outside a caller's reach must not be learnt from any answer. Refusals that could carry that
 * fact — a lookup that finds nothing the caller may see, a duplicate held by a family outside their reach
 * — answer the same way whatever lies behind them, are written to the audit log (who, which keyed hash,
 * when; never the number) and are counted per account: past PROBE_LIMIT an hour, the account is refused
 * with LIMIT_EXCEEDED for the rest of the hour.
 */
export const PROBE_LIMIT = { name: 'id-number-probe', points: 20, durationSeconds: 3600, blockSeconds: 3600 };

/** The CONFLICT of a number registered to a family outside the caller's reach: whose, it does not say. */
export const registeredElsewhere = () =>
  conflict('This ID number cannot be registered again; ask the civil-affairs bureau if you believe it is yours');

const throttleOf = (em: EntityManager) => createThrottle(em, PROBE_LIMIT);
const accountOf = (principal: Principal) => `${principal.kind}:${principal.id}`;

async function audit(em: EntityManager, principal: Principal, action: string, hashes: string[], detail = {}) {
  await recordAudit(em, 'households', principal, {
    action,
    entityType: 'IdNumberHash',
    entityId: hashes.length === 1 ? hashes[0] : `${hashes.length} numbers`,
    detail: { ...detail, actorId: principal.actorId ?? principal.id, idNumberHashes: hashes.slice(0, 100) },
  });
}

/** Refuses a caller already over the limit before anything is looked up; the refusal is audited. */
export async function assertNotProbing(em: EntityManager, principal: Principal, action: string) {
  const wait = await throttleOf(em).retryAfter(accountOf(principal));
  if (wait > 0) {
    await audit(em, principal, 'ID_NUMBER_PROBE_THROTTLED', [], { refused: action });
    throw throttled(wait);
  }
}

/**
 * Records one refusal that touched numbers outside the caller's reach, then counts it. Call it outside
 * any transaction the refusal rolls back, so the audit row stays. Throws LIMIT_EXCEEDED (audited) once the
 * account is over the limit; otherwise returns, and the caller throws its own generic refusal.
 */
export async function refusedProbe(
  em: EntityManager,
  principal: Principal,
  action: string,
  idNumberHashes: string[],
  detail: Record<string, unknown> = {},
) {
  await audit(em, principal, action, idNumberHashes, detail);
  try {
    await throttleOf(em).consume(accountOf(principal));
  } catch (error) {
    if (error instanceof DomainError && error.extensions.code === ErrorCode.LIMIT_EXCEEDED)
      await audit(em, principal, 'ID_NUMBER_PROBE_THROTTLED', idNumberHashes, { refused: action });
    throw error;
  }
}

/**
 * Thrown inside a write's transaction when a number is held outside the caller's reach; the write's
 * wrapper (withUniqueIdNumbers) catches it once the transaction is rolled back, audits and counts it,
 * then answers registeredElsewhere().
 */
export class OutOfReachDuplicate extends Error {
  constructor(readonly idNumberHashes: string[]) {
    super('ID number registered outside the caller’s reach');
  }
}
