import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  badInput,
  codePrefix,
  createOnce,
  invalidState,
  notFound,
  pageWindow,
  parseYuan,
  pastDate,
  recordAudit,
  requirePermission,
  requiredText,
  toConnection,
  type PageArgs,
  type Principal,
} from '@doudi/shared';
import { Benefit } from '../benefit/benefit.entity.js';
import { BenefitStatus } from '../benefit/benefit-status.js';
import { Programme } from '../programme/programme.entity.js';
import { Payment, PaymentAmountChange, PaymentRun } from './payment.entity.js';
import { PaymentFrequency, PaymentStatus } from './payment-status.js';
import { frequencyOf, isPeriod, periodOf } from './payment.schedule.js';

export function assertPeriod(field: string, period: string): string {
  if (!isPeriod(period)) throw badInput(field, `${field} must be a month, YYYY-MM (e.g. 2026-11), got "${period}"`);
  return period;
}

/** The roll of a jurisdiction's subtree for a month: who may read it, and the rows' filter. */
export function rollScope(
  principal: Principal,
  jurisdictionCode: string,
  period: string,
  permission: 'payments:read' | 'payments:write' = 'payments:read',
) {
  assertJurisdictionCode('jurisdictionCode', jurisdictionCode);
  assertPeriod('period', period);
  requirePermission(principal, permission, jurisdictionCode);
  return { jurisdictionCode: { $like: `${codePrefix(jurisdictionCode)}%` }, period };
}

export interface RollTotals {
  count: number;
  totalFen: number;
  scheduledCount: number;
  scheduledFen: number;
  paidCount: number;
  paidFen: number;
  returnedCount: number;
  returnedFen: number;
}

/** The roll's totals by status, in one query (sums as bigint: a city's month passes 2^31 fen). */
export async function rollTotals(em: EntityManager, jurisdictionCode: string, period: string): Promise<RollTotals> {
  const [row] = await em.getConnection().execute(
    `select cast(count(*) as int) as count, cast(coalesce(sum(amount_fen), 0) as bigint) as total,
            cast(count(*) filter (where status = 'SCHEDULED') as int) as scheduled_count,
            cast(coalesce(sum(amount_fen) filter (where status = 'SCHEDULED'), 0) as bigint) as scheduled,
            cast(count(*) filter (where status = 'PAID') as int) as paid_count,
            cast(coalesce(sum(amount_fen) filter (where status = 'PAID'), 0) as bigint) as paid,
            cast(count(*) filter (where status = 'RETURNED') as int) as returned_count,
            cast(coalesce(sum(amount_fen) filter (where status = 'RETURNED'), 0) as bigint) as returned
       from payment where jurisdiction_code like ? and period = ?`,
    [`${codePrefix(jurisdictionCode)}%`, period],
  );
  return {
    count: row.count,
    totalFen: Number(row.total),
    scheduledCount: row.scheduled_count,
    scheduledFen: Number(row.scheduled),
    paidCount: row.paid_count,
    paidFen: Number(row.paid),
    returnedCount: row.returned_count,
    returnedFen: Number(row.returned),
  };
}

/** A page of the roll, by programme, household and id. */
export async function rollPage(
  em: EntityManager,
  where: ReturnType<typeof rollScope>,
  args: PageArgs & { status?: PaymentStatus | null },
) {
  const window = pageWindow(args);
  const [nodes, total] = await em.findAndCount(
    Payment,
    { ...where, ...(args.status ? { status: args.status } : {}) },
    { ...window, orderBy: [{ programmeId: 'asc' }, { householdId: 'asc' }, { id: 'asc' }] },
  );
  return toConnection(nodes, total, window);
}

export interface MarkRollPaidValues {
  jurisdictionCode: string;
  period: string;
  paidOn: string;
  idempotencyKey: string;
}

/**
 * Marks every SCHEDULED payment of the roll PAID on `paidOn`, in one statement and one transaction, recorded as a
 * PaymentRun (who, when, how many, how much). INVALID_STATE when nothing is left to pay; a retry with the same
 * idempotencyKey answers the same run.
 */
export async function markPaymentRollPaid(em: EntityManager, principal: Principal, input: MarkRollPaidValues) {
  const where = rollScope(principal, input.jurisdictionCode, input.period, 'payments:write');
  if (!input.idempotencyKey)
    throw badInput('input.idempotencyKey', 'Give an idempotencyKey: a retry must not pay twice');
  const paidOn = pastDate('input.paidOn', input.paidOn);
  const { idempotencyKey, ...sent } = input;
  return createOnce(
    em,
    'markPaymentRollPaid',
    idempotencyKey,
    sent,
    async (tx) => {
      const run = Object.assign(new PaymentRun(), {
        jurisdictionCode: input.jurisdictionCode,
        period: input.period,
        paidOn,
        markedById: principal.id,
        payments: 0,
        totalFen: 0,
      });
      const rows: { amount_fen: number }[] = await tx.getConnection().execute(
        `update payment set status = ?, paid_on = ?, payment_run_id = ?, version = version + 1, updated_at = now()
          where jurisdiction_code like ? and period = ? and status = ?
        returning amount_fen`,
        [PaymentStatus.PAID, paidOn, run.id, where.jurisdictionCode.$like, input.period, PaymentStatus.SCHEDULED],
        'all',
        tx.getTransactionContext(),
      );
      if (!rows.length) {
        throw invalidState(`Nothing on the roll of ${input.jurisdictionCode} for ${input.period} is left to pay`, {
          jurisdictionCode: input.jurisdictionCode,
          period: input.period,
        });
      }
      run.payments = rows.length;
      run.totalFen = rows.reduce((sum, row) => sum + row.amount_fen, 0);
      tx.persist(run);
      // 周政办字〔2017〕70号 六(三): 资金发放 is a focus of audit.
      await recordAudit(tx, 'programmes', principal, {
        action: 'ROLL_PAID',
        entityType: 'PaymentRun',
        entityId: run.id,
        detail: {
          jurisdictionCode: input.jurisdictionCode,
          period: input.period,
          paidOn,
          payments: run.payments,
          totalFen: run.totalFen,
        },
      });
      return run;
    },
    (fresh, id) => fresh.findOneOrFail(PaymentRun, { id }),
  );
}

/** PAID → RETURNED (退回: the account was closed, the family refused it …), with the reason. */
export async function returnPayment(
  em: EntityManager,
  principal: Principal,
  input: { paymentId: string; reason: string; returnedOn?: string | null },
) {
  return em.transactional(async (tx) => {
    const payment = await tx.findOne(
      Payment,
      { id: assertId('input.paymentId', input.paymentId) },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!payment) throw notFound('Payment', input.paymentId);
    requirePermission(principal, 'payments:write', payment.jurisdictionCode);
    const reason = requiredText('input.reason', input.reason, 500, 'A reason');
    // A retry of the same return answers it as recorded.
    if (payment.status === PaymentStatus.RETURNED && payment.returnReason === reason) return payment;
    if (payment.status !== PaymentStatus.PAID) {
      throw invalidState(`Only a PAID payment comes back; this one is ${payment.status}`, { status: payment.status });
    }
    Object.assign(payment, {
      status: PaymentStatus.RETURNED,
      returnedOn: pastDate('input.returnedOn', input.returnedOn, payment.paidOn),
      returnReason: reason,
      returnedById: principal.id,
    });
    await recordAudit(tx, 'programmes', principal, {
      action: 'PAYMENT_RETURNED',
      entityType: 'Payment',
      entityId: payment.id,
      detail: { benefitId: payment.benefitId, period: payment.period, amountFen: payment.amountFen, reason },
    });
    return payment;
  });
}

export interface ChangeAmountValues {
  benefitId: string;
  fromPeriod: string;
  amount: string;
  reason: string;
  idempotencyKey?: string | null;
}

/**
 * A monthly benefit's amount changes from a month on (a new standard, or the household's facts changed: 按标施保, 动态管理):
 * its SCHEDULED payments from that month take the new amount, and so will the months not yet on the roll. A month
 * already PAID or RETURNED never changes: INVALID_STATE when `fromPeriod` reaches one. Decided by an approver of the
 * hukou place (benefits:approve).
 */
export async function changePaymentAmount(em: EntityManager, principal: Principal, input: ChangeAmountValues) {
  const benefitId = assertId('input.benefitId', input.benefitId);
  const fromPeriod = assertPeriod('input.fromPeriod', input.fromPeriod);
  const amountFen = parseYuan('input.amount', input.amount);
  const reason = requiredText('input.reason', input.reason, 500, 'A reason');
  const { idempotencyKey, ...sent } = input;
  return createOnce(
    em,
    'changePaymentAmount',
    idempotencyKey,
    sent,
    async (tx) => {
      const benefit = await tx.findOne(Benefit, { id: benefitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!benefit) throw notFound('Benefit', benefitId);
      requirePermission(principal, 'benefits:approve', benefit.jurisdictionCode);
      const change = await applyAmountChange(tx, principal, benefit, { fromPeriod, amountFen, reason });
      await recordAudit(tx, 'programmes', principal, {
        action: 'PAYMENT_AMOUNT_CHANGED',
        entityType: 'Benefit',
        entityId: benefit.id,
        detail: { fromPeriod, amountFen, reason },
      });
      return change;
    },
    (fresh, id) => fresh.findOneOrFail(PaymentAmountChange, { id }),
  );
}

/**
 * The change itself, in the caller's transaction with the benefit locked (changePaymentAmount, and a review that
 * ADJUSTs the amount): the months it reaches are checked and repriced together.
 */
export async function applyAmountChange(
  tx: EntityManager,
  principal: Principal,
  benefit: Benefit,
  change: { fromPeriod: string; amountFen: number; reason: string },
  field = 'input',
): Promise<PaymentAmountChange> {
  const { fromPeriod, amountFen, reason } = change;
  if (amountFen === 0)
    throw badInput(`${field}.amount`, 'An amount in payment is more than zero; end the benefit instead');
  if (benefit.status !== BenefitStatus.ACTIVE) {
    throw invalidState(`Only a benefit in payment changes its amount; this one is ${benefit.status}`, {
      status: benefit.status,
    });
  }
  const programme = await tx.findOneOrFail(Programme, { id: benefit.programmeId });
  if (frequencyOf(programme.kind) !== PaymentFrequency.MONTHLY) {
    throw invalidState('A one-off grant is paid once: propose another grant instead', { kind: programme.kind });
  }
  if (fromPeriod < periodOf(benefit.activeFrom!)) {
    throw badInput(`${field}.fromPeriod`, `The benefit is paid from ${periodOf(benefit.activeFrom!)}`);
  }
  // The payments it reaches are locked first: a roll marked paid at the same moment waits, then pays the new amount.
  const reached = await tx.find(
    Payment,
    { benefitId: benefit.id, period: { $gte: fromPeriod } },
    { orderBy: { period: 'desc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  const settled = reached.find((payment) => payment.status !== PaymentStatus.SCHEDULED);
  if (settled) {
    throw invalidState(
      `${settled.period} is already ${settled.status}: paid months never change; change from a later month`,
      { field: `${field}.fromPeriod`, period: settled.period, status: settled.status },
    );
  }
  const made = Object.assign(new PaymentAmountChange(), {
    benefitId: benefit.id,
    fromPeriod,
    amountFen,
    reason,
    changedById: principal.id,
  });
  tx.persist(made);
  for (const payment of reached) payment.amountFen = amountFen;
  return made;
}
