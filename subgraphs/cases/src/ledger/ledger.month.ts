import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, shanghaiDate } from '@doudi/shared';
import { resolvePeriod, type Period } from '@doudi/shared/reporting/index';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import { dayOfMonth } from '../deadline/deadline.service.js';
import { deadlinesFor } from '../deadline/deadline.settings.js';
import { LedgerKind } from './ledger.entity.js';

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
 * When a ledger of a month is due, by the jurisdiction's time limits (each a setting with the regulation's figure as
 * its default, setDeadline): the township's ledger by TOWNSHIP_MONTHLY_LEDGER (当月月末: the month's last day), an
 * office's by the same day — the regulation names none earlier (各科室每月将救助台账报民政办), and the township's
 * ledger rolls up what the offices sent, showing who has not — and the classified summary by
 * TOWNSHIP_CLASSIFIED_SUMMARY (次月5日前: the 5th of the next month, included).
 */
export async function ledgerDueDate(
  em: EntityManager,
  kind: LedgerKind,
  jurisdictionCode: string,
  period: Period,
): Promise<string> {
  const rule =
    kind === LedgerKind.TOWNSHIP_SUMMARY
      ? DeadlineRule.TOWNSHIP_CLASSIFIED_SUMMARY
      : DeadlineRule.TOWNSHIP_MONTHLY_LEDGER;
  const limit = (await deadlinesFor(em, jurisdictionCode)).find((d) => d.rule === rule)!;
  return dayOfMonth(period.from, limit.amount);
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
