import type { EntityManager } from '@mikro-orm/postgresql';
import { levelOfCode, newId, publishEvent, shanghaiDate, type Job, type JobContext } from '@doudi/shared';
import { resolvePeriod } from '@doudi/shared/reporting/index';
import { LEAD_CHANNELS } from '../case/case.enums.js';
import { noticeLevelOf } from '../reminder/reminder.service.js';
import { Ledger, LedgerKind, LedgerNotice } from './ledger.entity.js';
import { asOfPeriod, ledgerDueDate, ledgerIdOf } from './ledger.month.js';
import { IN_PERIOD, inPeriodBindings, ITEMS_CTE } from './ledger.rows.js';

export const LEDGER_SWEEP_JOB = 'ledger-sweep';
/** Hourly, as the deadline sweep: a ledger falls due by the day, and a notice should not wait long for it. */
export const LEDGER_SWEEP_EVERY_MS = 60 * 60_000;

/** The events the sweep publishes (events/subscriptions.ts: organisations makes the notifications). */
export const LEDGER_EVENT_TYPES = { REMINDER: 'ledger.reminder', OVERDUE: 'ledger.overdue' } as const;

/** What every ledger.* event carries. */
export interface LedgerNoticePayload {
  ledgerId: string;
  kind: LedgerKind;
  month: string;
  /** OFFICE: the office that must submit; null for a township's ledgers. */
  organisationId: string | null;
  /** The township (its ledgers), or the division of the office's items (whose offices roll it up). */
  jurisdictionCode: string;
  dueDate: string;
  level: 'REMINDER' | 'OVERDUE';
}

export interface LedgerSweepDeps {
  /** The first working day after `from` in the jurisdiction's calendar. */
  nextWorkingDay(jurisdictionCode: string, from: string): Promise<string>;
}

/** A ledger expected of someone: one per office and per township with items of proactive discovery in the month. */
interface Expected {
  kind: LedgerKind;
  subject: string;
  organisationId: string | null;
  jurisdictionCode: string;
  month: string;
}

const townshipOf = (code: string) => `${code.slice(0, 9)}000`;

/**
 * Who owes a ledger of a month: the offices with items of the proactive-discovery channels before them (河鱼府发
 * 【2021】39号 governs those; an agency answering a police or procuratorate referral keeps no such ledger), and the
 * townships those items belong to (their ledger and its classified summary).
 */
async function expectedLedgers(em: EntityManager, month: string, today: string): Promise<Expected[]> {
  const period = asOfPeriod(resolvePeriod({ month }), today);
  const rows = await em.execute<{ organisation_id: string; jurisdiction_code: string }[]>(
    `${ITEMS_CTE.sql}
     select i.organisation_id, min(i.jurisdiction_code) as jurisdiction_code from items i
      where i.channel in (${LEAD_CHANNELS.map(() => '?').join(', ')}) and ${IN_PERIOD}
      group by i.organisation_id`,
    [...ITEMS_CTE.bindings, ...LEAD_CHANNELS, ...inPeriodBindings(period)],
  );
  const offices = rows.map((r): Expected => ({
    kind: LedgerKind.OFFICE,
    subject: r.organisation_id,
    organisationId: r.organisation_id,
    jurisdictionCode: r.jurisdiction_code,
    month,
  }));
  const townships = [...new Set(rows.map((r) => townshipOf(r.jurisdiction_code)))].filter(
    (code) => levelOfCode(code) === 'TOWNSHIP',
  );
  return [
    ...offices,
    ...townships.flatMap((code) =>
      [LedgerKind.TOWNSHIP, LedgerKind.TOWNSHIP_SUMMARY].map((kind): Expected => ({
        kind,
        subject: code,
        organisationId: null,
        jurisdictionCode: code,
        month,
      })),
    ),
  ];
}

const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/**
 * The ledger sweep: for this month's and last month's ledgers not yet submitted, a REMINDER when one working day or
 * less is left and an OVERDUE notice once the due date has passed — each recorded in ledger_notice and published
 * in one transaction, once per ledger, level and due date. Earlier months were notified when they were last month.
 */
export async function sweepLedgers(
  em: EntityManager,
  deps: LedgerSweepDeps,
  now: Date,
): Promise<{ reminders: number; overdue: number }> {
  const today = shanghaiDate(now);
  const thisMonth = today.slice(0, 7);
  const expected = [
    ...(await expectedLedgers(em, previousMonth(thisMonth), today)),
    ...(await expectedLedgers(em, thisMonth, today)),
  ];
  const ids = expected.map((e) => ledgerIdOf(e.kind, e.subject, e.month));
  const submitted = new Set(
    ids.length ? (await em.find(Ledger, { id: { $in: ids } }, { fields: ['id'] })).map((l) => l.id) : [],
  );
  const nextDays = new Map<string, string>();
  const result = { reminders: 0, overdue: 0 };
  const table = `"${em.config.get('schema')}"."${em.getMetadata().get(LedgerNotice.name).tableName}"`;
  await em.transactional(async (tx) => {
    for (const [i, ledger] of expected.entries()) {
      const ledgerId = ids[i];
      if (submitted.has(ledgerId)) continue;
      const dueDate = await ledgerDueDate(
        tx,
        ledger.kind,
        ledger.jurisdictionCode,
        resolvePeriod({ month: ledger.month }),
      );
      if (dueDate > today && !nextDays.has(ledger.jurisdictionCode)) {
        nextDays.set(ledger.jurisdictionCode, await deps.nextWorkingDay(ledger.jurisdictionCode, today));
      }
      const level = noticeLevelOf(dueDate, today, nextDays.get(ledger.jurisdictionCode) ?? today);
      if (!level) continue;
      const notice = level === 'ESCALATION' ? 'OVERDUE' : 'REMINDER';
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into ${table} (id, ledger_id, level, due_date, sent_at) values (?, ?, ?, ?, ?)
         on conflict (ledger_id, level, due_date) do nothing returning id`,
        [newId(), ledgerId, notice, dueDate, now],
      );
      if (!inserted.length) continue;
      const payload: LedgerNoticePayload = { ledgerId, ...ledger, dueDate, level: notice };
      delete (payload as Partial<Expected>).subject;
      publishEvent(tx, { type: LEDGER_EVENT_TYPES[notice], aggregateId: ledgerId, payload: { ...payload } });
      if (notice === 'REMINDER') result.reminders++;
      else result.overdue++;
    }
  });
  return result;
}

/** The sweep as a scheduled job; `depsOf` builds its calendar from the subgraph's services (no caller here). */
export function ledgerSweepJob(depsOf: (context: JobContext) => LedgerSweepDeps): Job {
  return { everyMs: LEDGER_SWEEP_EVERY_MS, run: (em, now, context) => sweepLedgers(em, depsOf(context), now) };
}
