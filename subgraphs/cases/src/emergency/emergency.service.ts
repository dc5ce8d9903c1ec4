import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  badInput,
  createOnce,
  forbidden,
  formatYuan,
  invalidState,
  isIsoDate,
  newId,
  parseYuan,
  previousCreate,
  requirePermission,
  type Principal,
} from '@doudi/shared';
import { EmergencyPayment } from './emergency-payment.entity.js';
import type { RecordEmergencyPaymentInput } from './emergency.inputs.js';
import { CaseChannel } from '../case/case.enums.js';
import type { Case } from '../case/case.entity.js';
import { assertCanSeeCase, oversees } from '../case/case.access.js';
import { assertOpen, lockCase, stepDate } from '../case/case.step.js';
import { getCase } from '../case/case.service.js';
import { Referral } from '../referral/referral.entity.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { organisationKind } from '../remote/organisations.js';
import type { Context } from '../context.js';

/** A single payment first made is at most this (1,000,000 yuan): anything larger is a typing mistake. */
const MAX_EMERGENCY_FEN = 100_000_000;

const loadPayment = async (em: EntityManager, id: string) => (await em.findOne(EmergencyPayment, { id }))!;

/**
 * Who may pay first: on a judicial-assistance case its lead (the procuratorate); on any case, the receiver of an
 * emergency referral (晋检发办字〔2023〕10号 第二十条: 社会救助管理部门立即告知人民检察院，人民检察院可以先行救助); or an overseer.
 * Answers the paying organisation.
 */
async function payerOf(em: EntityManager, principal: Principal, found: Case): Promise<string> {
  requirePermission(principal, 'cases:write');
  assertOpen(found);
  const overseer = oversees(principal, found);
  if (found.channel === CaseChannel.JUDICIAL_ASSISTANCE) {
    if (overseer || principal.organisationId === found.leadOrganisationId) return found.leadOrganisationId;
    throw forbidden('Only the procuratorate leading the case (or an overseer) pays judicial assistance');
  }
  const emergencies = await em.find(Referral, { caseId: found.id, emergency: true }, { orderBy: { createdAt: 'asc' } });
  if (!emergencies.length) {
    throw invalidState('Only a judicial-assistance case or a case referred as an emergency may be paid first');
  }
  const own = emergencies.find((r) => r.toOrganisationId === principal.organisationId);
  if (own) return own.toOrganisationId;
  if (overseer) return emergencies[0].toOrganisationId;
  throw forbidden('Only the receiver of the emergency referral (or an overseer) pays first');
}

export async function recordEmergencyPayment(ctx: Context, input: RecordEmergencyPaymentInput) {
  const caseId = assertId('input.caseId', input.caseId);
  const paidOn = stepDate('input.paidOn', input.paidOn);
  const amountFen = parseYuan('input.amount', input.amount, { maxFen: MAX_EMERGENCY_FEN });
  if (amountFen === 0) throw badInput('input.amount', 'An emergency payment is more than 0');
  const paperworkDueOn = input.paperworkDueOn ?? null;
  if (paperworkDueOn !== null && (!isIsoDate(paperworkDueOn) || paperworkDueOn < paidOn)) {
    throw badInput('input.paperworkDueOn', 'paperworkDueOn must be a date, YYYY-MM-DD, not before paidOn');
  }
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'recordEmergencyPayment', idempotencyKey, sent);
  if (previous) return loadPayment(ctx.em, previous);
  const seen = await getCase(ctx.em, caseId, 'input.caseId');
  await assertCanSeeCase(ctx.principal, seen, ctx.loaders);
  const payer = await payerOf(ctx.em, ctx.principal, seen);
  const programmeId = input.programmeId ? assertId('input.programmeId', input.programmeId) : null;
  const judicial =
    seen.channel === CaseChannel.JUDICIAL_ASSISTANCE || (await organisationKind(ctx, payer)) === 'PROCURATORATE';
  const paymentId = newId();
  // The ledger's own idempotency key: a retry with the client's key finds the benefit written the first time.
  const ledgerKey = `pf-${createHash('sha256')
    .update(`${caseId}:${idempotencyKey ?? paymentId}`)
    .digest('base64url')}`;
  return createOnce(
    ctx.em,
    'recordEmergencyPayment',
    idempotencyKey,
    sent,
    async (tx) => {
      const found = await lockCase(tx, caseId);
      assertOpen(found);
      // 晋检发办字〔2023〕10号 第二十条: the payment enters the benefits ledger and counts against its caps; over the room
      // left, programmes answers LIMIT_EXCEEDED and this transaction writes nothing either.
      const { benefitId } = await ctx.services.ledger.record({
        key: ledgerKey,
        caseId,
        householdId: found.householdId,
        jurisdictionCode: found.householdJurisdictionCode ?? found.jurisdictionCode,
        programmeId,
        kinds: judicial ? ['JUDICIAL_ASSISTANCE', 'TEMPORARY'] : ['TEMPORARY'],
        paidOn,
        amountFen,
        paidByOrganisationId: payer,
        proposedById: ctx.principal.id,
        proposedByActorId: ctx.principal.actorId ?? ctx.principal.id,
      });
      const payment = Object.assign(new EmergencyPayment(), {
        id: paymentId,
        benefitId,
        caseId,
        organisationId: payer,
        paidOn,
        amountFen,
        paperworkDueOn,
      });
      tx.persist(payment);
      recordEvent(tx, ctx.principal, {
        caseId,
        kind: 'EMERGENCY_PAYMENT_RECORDED',
        on: paidOn,
        summary: `Paid first in an emergency: ${formatYuan(amountFen)} yuan`,
      });
      return payment;
    },
    loadPayment,
  );
}
