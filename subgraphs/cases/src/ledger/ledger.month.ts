import { createHash } from 'node:crypto';
import { addCalendarDays, badInput, shanghaiDate } from '@doudi/shared';
import { resolvePeriod, type Period } from '@doudi/shared/reporting/index';
import { LedgerKind } from './ledger.entity.js';

/**
 * The day the classified summary of a month is due in the next month: 河鱼府发【2021】39号 二(四) “于次月5日前进行归类
 * 汇总”. Read as “by the 5th”, the 5th included (calendar days: the regulation counts no working days here).
 */
export const SUMMARY_DUE_DAY = 5;

/**
 * The month a ledger covers, checked with the reporting period's rules (YYYY-MM, a real month), and not in the
 * future: a ledger reports what happened (BAD_USER_INPUT naming the field).
 */
export function ledgerPeriod(month: string, field: string, today = shanghaiDate()): Period {
  const period = resolvePeriod({ month }, field.replace(/\.month$/, ''));
  if (month > today.slice(0, 7)) {
    throw badInput(field, `${month} has not begun yet (today is ${today}): a ledger reports a month that has`);
  }
  return period;
}

/**
 * When a ledger of a month is due. The township's ledger goes to the county on the month's last day (当月月末);
 * an office's reaches the civil-affairs office by the same day, the regulation naming no earlier one (各科室每月
 * 报民政办) — the township's ledger rolls up what the offices sent and shows who has not; the classified summary
 * by the 5th of the next month.
 */
export function ledgerDueDate(kind: LedgerKind, period: Period): string {
  if (kind !== LedgerKind.TOWNSHIP_SUMMARY) return period.to;
  return addCalendarDays(period.to, SUMMARY_DUE_DAY);
}

/** The items are read as of the month's last day, or today while the month runs (nothing later is known). */
export const asOfPeriod = (period: Period, today = shanghaiDate()): Period => ({
  from: period.from,
  to: period.to < today ? period.to : today,
});

/**
 * A ledger's id, derived from what it is (kind, subject, month): the same before and after submission, so a
 * reminder names the ledger it is about before anyone submitted it. Shaped as a UUID (version 8: custom).
 */
export function ledgerIdOf(kind: LedgerKind, subject: string, month: string): string {
  const hex = createHash('sha256').update(`ledger|${kind}|${subject}|${month}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
