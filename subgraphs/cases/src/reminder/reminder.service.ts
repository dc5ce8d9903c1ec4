import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate, isJurisdictionCode, isUuid, newId, publishEvent, shanghaiDate } from '@doudi/shared';
import {
  DEADLINE_ITEM_KINDS,
  DeadlineNotice,
  type DeadlineItemKind,
  type NoticeLevel,
} from './deadline-notice.entity.js';

/** One open step with a due date: a referral awaiting its answer, an open task, a follow-up visit to make. */
export interface OpenDeadline {
  kind: DeadlineItemKind;
  id: string;
  caseId: string;
  /** The organisation that must act. */
  organisationId: string;
  /** Whose calendar the due date is counted in (the case's jurisdiction). */
  jurisdictionCode: string;
  dueDate: string;
}

export interface DeadlineSweepDeps {
  /** Every open step with a due date, as of `asOf` (today in Asia/Shanghai). */
  openDeadlines(em: EntityManager, asOf: string): Promise<OpenDeadline[]>;
  /** The first working day after `from` in the jurisdiction's calendar. */
  nextWorkingDay(jurisdictionCode: string, from: string): Promise<string>;
}

/** The event each level is published as (events/subscriptions.ts: the organisations subgraph takes both). */
export const NOTICE_EVENT_TYPES = {
  REMINDER: 'case.deadline.reminder',
  ESCALATION: 'case.deadline.escalated',
} as const satisfies Record<NoticeLevel, string>;

/** What every case.deadline.* event carries. */
export interface DeadlineNoticePayload {
  itemKind: DeadlineItemKind;
  itemId: string;
  caseId: string;
  organisationId: string;
  jurisdictionCode: string;
  dueDate: string;
  level: NoticeLevel;
}

export interface SweepResult {
  /** Notices sent by this sweep (those sent before are not counted again). */
  reminders: number;
  escalations: number;
}

/**
 * What a step due on `dueDate` calls for `today`: overdue (due before today) → ESCALATION; at risk (due
 * today or at the latest on the next working day, so one working day or less is left) → REMINDER;
 * otherwise nothing yet. Dates are YYYY-MM-DD, so they compare as strings.
 */
export function noticeLevelOf(dueDate: string, today: string, nextWorkingDay: string): NoticeLevel | null {
  if (dueDate < today) return 'ESCALATION';
  if (dueDate <= nextWorkingDay) return 'REMINDER';
  return null;
}

function assertOpenDeadline(item: OpenDeadline): OpenDeadline {
  const wellFormed =
    (DEADLINE_ITEM_KINDS as readonly string[]).includes(item.kind) &&
    isUuid(item.id) &&
    isUuid(item.caseId) &&
    isUuid(item.organisationId) &&
    isJurisdictionCode(item.jurisdictionCode) &&
    isIsoDate(item.dueDate);
  if (!wellFormed) throw new Error(`openDeadlines returned a malformed item: ${JSON.stringify(item)}`);
  return item;
}

/** Calendars asked at once: enough to be quick, few enough to spare the organisations subgraph. */
const CALENDAR_CONCURRENCY = 8;
/** Notices written per statement. */
const CHUNK = 500;

/** The next working day after `today` of each jurisdiction, one call per jurisdiction. */
async function nextWorkingDays(
  codes: string[],
  today: string,
  nextWorkingDay: DeadlineSweepDeps['nextWorkingDay'],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < codes.length; i += CALENDAR_CONCURRENCY) {
    await Promise.all(
      codes.slice(i, i + CALENDAR_CONCURRENCY).map(async (code) => {
        const next = await nextWorkingDay(code, today);
        if (!isIsoDate(next) || next <= today)
          throw new Error(`the next working day after ${today} in ${code} cannot be ${JSON.stringify(next)}`);
        found.set(code, next);
      }),
    );
  }
  return found;
}

/**
 * The deadline sweep (a scheduled job): for each open step, a REMINDER when it is at risk and an ESCALATION
 * when it is overdue, each recorded in deadline_notice and published in the same transaction. A notice
 * already recorded for the same step, level and due date is not sent again, so the sweep may run as often as
 * wanted, on any replica; a step whose due date moved gets fresh notices. "Today" is the Asia/Shanghai date
 * of `now`; the calendar is asked only for steps due after today, once per jurisdiction.
 */
export async function sweepDeadlines(em: EntityManager, deps: DeadlineSweepDeps, now: Date): Promise<SweepResult> {
  const today = shanghaiDate(now);
  const items = (await deps.openDeadlines(em, today)).map(assertOpenDeadline);
  const later = [...new Set(items.filter((i) => i.dueDate > today).map((i) => i.jurisdictionCode))].sort();
  const nextDays = await nextWorkingDays(later, today, deps.nextWorkingDay);

  const due = items.flatMap((item) => {
    const level = noticeLevelOf(item.dueDate, today, nextDays.get(item.jurisdictionCode) ?? today);
    return level ? [{ item, level, id: newId() }] : [];
  });
  const result: SweepResult = { reminders: 0, escalations: 0 };
  if (!due.length) return result;

  const table = `"${em.config.get('schema')}"."${em.getMetadata().get(DeadlineNotice.name).tableName}"`;
  await em.transactional(async (tx) => {
    for (let i = 0; i < due.length; i += CHUNK) {
      const chunk = due.slice(i, i + CHUNK);
      // Only the rows this statement wrote come back: a notice sent before (or by a concurrent sweep,
      // whose commit this waits for) is skipped.
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into ${table} (id, item_kind, item_id, level, due_date, sent_at)
         values ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}
         on conflict (item_kind, item_id, level, due_date) do nothing
         returning id`,
        chunk.flatMap(({ id, item, level }) => [id, item.kind, item.id, level, item.dueDate, now]),
      );
      const sent = new Set(inserted.map((row) => row.id));
      for (const { id, item, level } of chunk) {
        if (!sent.has(id)) continue;
        const payload: DeadlineNoticePayload = {
          itemKind: item.kind,
          itemId: item.id,
          caseId: item.caseId,
          organisationId: item.organisationId,
          jurisdictionCode: item.jurisdictionCode,
          dueDate: item.dueDate,
          level,
        };
        publishEvent(tx, { type: NOTICE_EVENT_TYPES[level], aggregateId: item.id, payload: { ...payload } });
        if (level === 'REMINDER') result.reminders++;
        else result.escalations++;
      }
    }
  });
  return result;
}
