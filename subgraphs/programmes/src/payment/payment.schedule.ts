import type { EntityManager } from '@mikro-orm/postgresql';
import { newId, shanghaiDate } from '@doudi/shared';
import type { Benefit } from '../benefit/benefit.entity.js';
import { BenefitStatus } from '../benefit/benefit-status.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { PaymentAmountChange } from './payment.entity.js';
import { PaymentFrequency, PaymentStatus } from './payment-status.js';

/**
 * 最低生活保障 and 特困人员救助供养 are paid every month while in payment (临社救办发〔2015〕3号 二(一), 二(二)2: 及时发放供养资金);
 * 临时救助 is 一次性救助 (二(八)), and so is every other grant of the ledger.
 */
export const MONTHLY_KINDS: readonly ProgrammeKind[] = [ProgrammeKind.DIBAO, ProgrammeKind.TEKUN];

export const frequencyOf = (kind: ProgrammeKind): PaymentFrequency =>
  MONTHLY_KINDS.includes(kind) ? PaymentFrequency.MONTHLY : PaymentFrequency.ONCE;

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isPeriod = (value: string) => typeof value === 'string' && PERIOD.test(value);

/** The month (YYYY-MM) of a date. */
export const periodOf = (date: string) => date.slice(0, 7);

export function nextPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (none when `to` is earlier). */
export function periodsBetween(from: string, to: string): string[] {
  const periods: string[] = [];
  for (let p = from; p <= to; p = nextPeriod(p)) periods.push(p);
  return periods;
}

type Owed = Pick<Benefit, 'status' | 'activeFrom' | 'endedOn' | 'periodEnd'>;

/**
 * The months a benefit pays for, up to `upTo` (the benefits ledger's own rule, which the roll reconciles with): a
 * one-off grant pays once, in the month it became active; a monthly one every month from that month to the month it
 * ends (the month of its end is paid: the family qualified during it — Doudi's rule, the seeds set none; no
 * part-month proration), or its period's last month, or `upTo`.
 */
export function periodsOwed(benefit: Owed, frequency: PaymentFrequency, upTo: string): string[] {
  if (benefit.status !== BenefitStatus.ACTIVE && benefit.status !== BenefitStatus.ENDED) return [];
  if (!benefit.activeFrom) return [];
  const first = periodOf(benefit.activeFrom);
  if (frequency === PaymentFrequency.ONCE) return [first];
  let last = upTo;
  for (const end of [benefit.endedOn, benefit.periodEnd]) if (end && periodOf(end) < last) last = periodOf(end);
  return periodsBetween(first, last);
}

/** The amount a benefit pays for `period`: its latest change from that period or before, else its granted amount. */
export function amountFor(
  benefit: Pick<Benefit, 'amountFen'>,
  changes: Pick<PaymentAmountChange, 'fromPeriod' | 'amountFen' | 'createdAt'>[],
  period: string,
): number {
  let found: (typeof changes)[number] | null = null;
  for (const change of changes) {
    if (change.fromPeriod > period) continue;
    if (
      !found ||
      change.fromPeriod > found.fromPeriod ||
      (change.fromPeriod === found.fromPeriod && change.createdAt >= found.createdAt)
    )
      found = change;
  }
  return found ? found.amountFen : benefit.amountFen;
}

/**
 * Writes the payments a benefit owes up to this month (on activation; the monthly job writes the later ones): one per
 * month, never twice (unique per benefit and period), in the caller's transaction. A benefit paid first in an
 * emergency (晋检发办字〔2023〕10号 第二十条) has its first payment on the roll as PAID, by the organisation that paid it.
 */
export async function schedulePayments(tx: EntityManager, benefit: Benefit, today = shanghaiDate()): Promise<number> {
  const programme = await tx.findOneOrFail(Programme, { id: benefit.programmeId });
  const periods = periodsOwed(benefit, frequencyOf(programme.kind), periodOf(today));
  if (!periods.length) return 0;
  const changes = await tx.find(PaymentAmountChange, { benefitId: benefit.id });
  const first = periods[0];
  const now = new Date();
  const rows = periods.map((period) => {
    const paidFirst = benefit.paidFirst && period === first;
    return [
      newId(),
      now,
      now,
      benefit.id,
      benefit.programmeId,
      benefit.householdId,
      benefit.personId,
      benefit.jurisdictionCode,
      period,
      amountFor(benefit, changes, period),
      paidFirst ? PaymentStatus.PAID : PaymentStatus.SCHEDULED,
      (paidFirst && benefit.paidByOrganisationId) || programme.organisationId,
      paidFirst ? benefit.activeFrom : null,
    ];
  });
  const inserted: unknown[] = await tx.getConnection().execute(
    `insert into payment (id, version, created_at, updated_at, benefit_id, programme_id, household_id, person_id,
       jurisdiction_code, period, amount_fen, status, paying_organisation_id, paid_on)
     values ${rows.map(() => '(?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
     on conflict (benefit_id, period) do nothing
     returning id`,
    rows.flat(),
    'all',
    tx.getTransactionContext(),
  );
  return inserted.length;
}

/**
 * An ended benefit pays nothing after the month it ended: its SCHEDULED payments of later months leave the roll.
 * What was paid stays as it was.
 */
export async function unscheduleAfterEnd(tx: EntityManager, benefit: Benefit): Promise<number> {
  if (!benefit.endedOn) return 0;
  const removed: unknown[] = await tx
    .getConnection()
    .execute(
      `delete from payment where benefit_id = ? and status = ? and period > ? returning id`,
      [benefit.id, PaymentStatus.SCHEDULED, periodOf(benefit.endedOn)],
      'all',
      tx.getTransactionContext(),
    );
  return removed.length;
}

/** Keeps the roll in step with a benefit's new state (called where its step is announced, in the same transaction). */
export async function paymentsFollow(tx: EntityManager, benefit: Benefit): Promise<void> {
  // The payments reference the benefit by foreign key: a benefit persisted in this step (a payment made first) is
  // written before them.
  if (benefit.status === BenefitStatus.ACTIVE || benefit.status === BenefitStatus.ENDED) await tx.flush();
  if (benefit.status === BenefitStatus.ACTIVE) await schedulePayments(tx, benefit);
  else if (benefit.status === BenefitStatus.ENDED) await unscheduleAfterEnd(tx, benefit);
}

/**
 * The monthly job's one statement: every benefit that owes `period` gets its payment for it (at the amount of its
 * latest change from that month or before), those it already has left alone. Answers how many it wrote.
 */
export async function scheduleRollFor(em: EntityManager, period: string): Promise<number> {
  const rows: unknown[] = await em.getConnection().execute(
    `insert into payment (id, version, created_at, updated_at, benefit_id, programme_id, household_id, person_id,
       jurisdiction_code, period, amount_fen, status, paying_organisation_id)
     select gen_random_uuid(), 1, now(), now(), b.id, b.programme_id, b.household_id, b.person_id,
            b.jurisdiction_code, :period,
            coalesce((select c.amount_fen from payment_amount_change c
                       where c.benefit_id = b.id and c.from_period <= :period
                       order by c.from_period desc, c.created_at desc limit 1), b.amount_fen),
            'SCHEDULED', p.organisation_id
       from benefit b join programme p on p.id = b.programme_id
      where b.status in ('ACTIVE', 'ENDED') and b.active_from is not null
        and to_char(b.active_from, 'YYYY-MM') <= :period
        and case when p.kind in (:monthly)
              then (b.ended_on is null or to_char(b.ended_on, 'YYYY-MM') >= :period)
               and (b.period_end is null or to_char(b.period_end, 'YYYY-MM') >= :period)
              else to_char(b.active_from, 'YYYY-MM') = :period end
     on conflict (benefit_id, period) do nothing
     returning id`
      .replace(/:monthly/g, MONTHLY_KINDS.map(() => '?').join(', '))
      .replace(/:period/g, '?'),
    paramsFor(period),
  );
  return rows.length;
}

/** The statement's parameters in the order its placeholders appear. */
function paramsFor(period: string): unknown[] {
  // :period ×2 (select, subquery), :period (active_from <=), monthly kinds, :period ×2, :period (once).
  return [period, period, period, ...MONTHLY_KINDS, period, period, period];
}
