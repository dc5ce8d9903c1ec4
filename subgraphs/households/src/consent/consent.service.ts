import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertVersion,
  badInput,
  createOnce,
  notFound,
  recordAudit,
  requiredPlainText,
  requirePermission,
  toShanghaiIso,
  type Principal,
  invalidState,
} from '@doudi/shared';
import { assertReaches } from '../household/household.access.js';
import { getHousehold } from '../household/household.service.js';
import { TEXT_LIMITS } from '../household/household.limits.js';
import { Person } from '../person/person.entity.js';
import { ConsentPurpose, ConsentRecord } from './consent.entity.js';

/** An instant given by the caller, or now; a few minutes ahead is clock skew, later is a mistake. */
function pastInstant(field: string, value: Date | null | undefined, now: Date): Date {
  if (value === null || value === undefined) return now;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw badInput(field, `${field} must be an instant`);
  if (value.getTime() > now.getTime() + 5 * 60_000) throw badInput(field, `${field} cannot be in the future`);
  return value;
}

export interface RecordConsentInput {
  householdId: string;
  personId: string;
  purpose: ConsentPurpose;
  scope: string;
  givenAt?: Date | null;
  idempotencyKey?: string | null;
}

/**
 * Records a consent a member of the household gave (襄政办发〔2023〕26号 八(五): "要征得本人或家属同意"). The giver must
 * belong to the household; the write and its audit event are one transaction.
 */
export async function recordConsent(
  em: EntityManager,
  principal: Principal,
  input: RecordConsentInput,
  now = new Date(),
): Promise<ConsentRecord> {
  requirePermission(principal, 'households:write');
  const householdId = assertId('input.householdId', input.householdId);
  const personId = assertId('input.personId', input.personId);
  if (!Object.values(ConsentPurpose).includes(input.purpose))
    throw badInput('input.purpose', `Unknown consent purpose ${input.purpose}`);
  const scope = requiredPlainText('input.scope', input.scope, TEXT_LIMITS.scope, 'A scope', true);
  const givenAt = pastInstant('input.givenAt', input.givenAt, now);
  const fields = { householdId, personId, purpose: input.purpose, scope };
  return createOnce(
    em,
    'recordConsent',
    input.idempotencyKey,
    // A retry without givenAt has another "now": the key, not the instant, identifies the request.
    { ...fields, givenAt: input.givenAt ? givenAt.toISOString() : null },
    async (tx) => {
      const household = await getHousehold(tx, householdId);
      assertReaches(principal, 'households:write', household);
      const giver = await tx.findOne(Person, { id: personId });
      if (!giver || giver.householdId !== householdId)
        throw badInput('input.personId', 'The consent must be given by a member of this household (本人或家属)');
      const consent = Object.assign(new ConsentRecord(), { ...fields, givenAt, recordedBy: principal.id });
      tx.persist(consent);
      await recordAudit(tx, 'households', principal, {
        action: 'RECORD_CONSENT',
        entityType: 'ConsentRecord',
        entityId: consent.id,
        detail: { householdId, personId, purpose: consent.purpose, scope, givenAt: toShanghaiIso(givenAt) },
      });
      return consent;
    },
    (fresh, id) => fresh.findOneOrFail(ConsentRecord, { id }),
  );
}

export interface WithdrawConsentInput {
  consentId: string;
  reason: string;
  withdrawnAt?: Date | null;
  version?: number | null;
}

/** Withdraws a consent from `withdrawnAt` (default now) on. A consent is withdrawn once: again is INVALID_STATE. */
export async function withdrawConsent(
  em: EntityManager,
  principal: Principal,
  input: WithdrawConsentInput,
  now = new Date(),
): Promise<ConsentRecord> {
  requirePermission(principal, 'households:write');
  const id = assertId('input.consentId', input.consentId);
  const reason = requiredPlainText('input.reason', input.reason, TEXT_LIMITS.reason, 'A reason', true);
  const withdrawnAt = pastInstant('input.withdrawnAt', input.withdrawnAt, now);
  return em.transactional(async (tx) => {
    // Locked: two withdrawals at once must not both pass the check below.
    const consent = await tx.findOne(ConsentRecord, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!consent) throw notFound('ConsentRecord', id);
    const household = await getHousehold(tx, consent.householdId);
    assertReaches(principal, 'households:write', household);
    if (consent.withdrawnAt)
      throw invalidState(`This consent was already withdrawn at ${toShanghaiIso(consent.withdrawnAt)}`, {
        withdrawnAt: toShanghaiIso(consent.withdrawnAt),
      });
    assertVersion(consent, input.version, 'Consent');
    if (withdrawnAt.getTime() < consent.givenAt.getTime())
      throw badInput('input.withdrawnAt', 'withdrawnAt comes before the consent was given');
    Object.assign(consent, { withdrawnAt, withdrawnReason: reason, withdrawnBy: principal.id });
    await recordAudit(tx, 'households', principal, {
      action: 'WITHDRAW_CONSENT',
      entityType: 'ConsentRecord',
      entityId: consent.id,
      purpose: reason,
      detail: { householdId: consent.householdId, purpose: consent.purpose, withdrawnAt: toShanghaiIso(withdrawnAt) },
    });
    await tx.flush();
    return consent;
  });
}

/** True when one of `records` allows `purpose` at the instant `at`. */
export const consentHolds = (records: ConsentRecord[], purpose: ConsentPurpose, at: Date = new Date()) =>
  records.some((record) => record.holdsAt(purpose, at));

/**
 * Whether the household has agreed to `purpose` at the instant `at` (default now): a member's consent for
 * that purpose given at or before `at` and not withdrawn by then. Call it before publicising a case or a
 * decision (公示, 河鱼府发【2021】39号 二(五); publicity, 襄政办发〔2023〕26号 八(五)) or sharing the family's data beyond the
 * referral; when it answers false, do not publish (or publish without personal data) and ask the family.
 * It checks no permission: it is for code acting on a household the caller was already allowed to reach.
 */
export async function hasConsent(
  em: EntityManager,
  householdId: string,
  purpose: ConsentPurpose,
  at: Date = new Date(),
): Promise<boolean> {
  const count = await em.count(ConsentRecord, {
    householdId,
    purpose,
    givenAt: { $lte: at },
    $or: [{ withdrawnAt: null }, { withdrawnAt: { $gt: at } }],
  });
  return count > 0;
}
