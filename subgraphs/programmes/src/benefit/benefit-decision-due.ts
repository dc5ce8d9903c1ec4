import type { EntityManager } from '@mikro-orm/postgresql';
import { addCalendarDays, newId, publishEvent, shanghaiDate } from '@doudi/shared';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';
import type { DecisionNoticeLevel } from './benefit-decision-notice.entity.js';
import { Programme } from '../programme/programme.entity.js';
import type { ProgrammeKind } from '../programme/programme-kind.js';
import { limitKey, limitsInForce } from '../deadline/approval-time-limit.js';

/** What the due dates need of a calendar: `from` plus n working days of a jurisdiction (remote/organisations.ts). */
export interface DecisionCalendar {
  addWorkingDays(jurisdictionCode: string, from: string, days: number): Promise<string>;
}

/**
 * The day a proposal made on `proposedOn` is to be decided by (临社救办发〔2015〕3号 二(八): 缩短审批时限): the working days
 * the household's county gives its kind, in that county's calendar. Null when the calendar cannot be asked now: the
 * decision sweep dates it within the hour, and the proposal itself does not wait on the organisations subgraph.
 */
export async function decisionDueOn(
  em: EntityManager,
  calendar: DecisionCalendar | undefined,
  jurisdictionCode: string,
  kind: ProgrammeKind,
  proposedOn: string,
): Promise<string | null> {
  if (!calendar) return null;
  const limits = await limitsInForce(em, [{ jurisdictionCode, kind }]);
  try {
    return await calendar.addWorkingDays(
      jurisdictionCode,
      proposedOn,
      limits.get(limitKey(jurisdictionCode, kind))!.workingDays,
    );
  } catch {
    return null;
  }
}

/** The event each level is published as (events/subscriptions.ts: organisations notifies the approving office). */
export const DECISION_EVENT_TYPES = {
  REMINDER: 'benefit.decision.reminder',
  ESCALATION: 'benefit.decision.escalated',
} as const satisfies Record<DecisionNoticeLevel, string>;

/** Proposals dated or reminded per run at most; the next run takes the rest. */
export const DECISION_SWEEP_BATCH = 1_000;
/** How far ahead "the next working day" can lie (the longest holiday, 春节, is 8–9 days). */
const LOOKAHEAD_DAYS = 14;

/**
 * The decision sweep (临社救办发〔2015〕3号 二(八)): dates the proposals the calendar could not date when proposed; then for
 * each proposal still awaiting its decision, a REMINDER when one working day or less is left and an ESCALATION once
 * overdue, each recorded (benefit_decision_notice) and published in one transaction, never twice for the same due date.
 */
export async function sweepDecisionDeadlines(em: EntityManager, calendar: DecisionCalendar, now: Date = new Date()) {
  const today = shanghaiDate(now);
  const dated = await dateUndated(em, calendar);
  // Those already escalated for their due date are done with (until it moves): they never crowd out the rest.
  const ids: { id: string }[] = await em.getConnection().execute(
    `select b.id from benefit b
      where b.status = ? and b.decision_due_on is not null and b.decision_due_on <= ?
        and not exists (select 1 from benefit_decision_notice n
                         where n.benefit_id = b.id and n.due_date = b.decision_due_on and n.level = 'ESCALATION')
      order by b.decision_due_on, b.id limit ?`,
    [BenefitStatus.PROPOSED, addCalendarDays(today, LOOKAHEAD_DAYS), DECISION_SWEEP_BATCH],
  );
  const due = ids.length ? await em.find(Benefit, { id: { $in: ids.map((row) => row.id) } }) : [];
  const later = [...new Set(due.filter((b) => b.decisionDueOn! >= today).map((b) => b.jurisdictionCode))];
  const nextDay = new Map<string, string>();
  for (const code of later) {
    // A calendar that cannot answer for one place holds back only that place's reminders (overdue ones need none).
    const next = await calendar.addWorkingDays(code, today, 1).catch(() => null);
    if (next) nextDay.set(code, next);
  }
  const notices = due.flatMap((benefit) => {
    const dueOn = benefit.decisionDueOn!;
    const level: DecisionNoticeLevel | null =
      dueOn < today
        ? 'ESCALATION'
        : nextDay.has(benefit.jurisdictionCode) && dueOn <= nextDay.get(benefit.jurisdictionCode)!
          ? 'REMINDER'
          : null;
    return level ? [{ benefit, level, id: newId() }] : [];
  });
  const result = { dated, reminders: 0, escalations: 0 };
  if (!notices.length) return result;
  await em.transactional(async (tx) => {
    const inserted: { id: string }[] = await tx.getConnection().execute(
      `insert into benefit_decision_notice (id, benefit_id, level, due_date, sent_at)
       values ${notices.map(() => '(?, ?, ?, ?, ?)').join(', ')}
       on conflict (benefit_id, level, due_date) do nothing
       returning id`,
      notices.flatMap(({ id, benefit, level }) => [id, benefit.id, level, benefit.decisionDueOn, now]),
      'all',
      tx.getTransactionContext(),
    );
    const sent = new Set(inserted.map((row) => row.id));
    for (const { id, benefit, level } of notices) {
      if (!sent.has(id)) continue;
      publishEvent(tx, {
        type: DECISION_EVENT_TYPES[level],
        aggregateId: benefit.id,
        payload: {
          benefitId: benefit.id,
          programmeId: benefit.programmeId,
          jurisdictionCode: benefit.jurisdictionCode,
          approvalLevel: benefit.approvalLevel,
          dueDate: benefit.decisionDueOn,
          level,
        },
      });
      if (level === 'REMINDER') result.reminders++;
      else result.escalations++;
    }
  });
  return result;
}

/** Proposals without a due date (the calendar was out of reach when proposed): dated from the day proposed. */
async function dateUndated(em: EntityManager, calendar: DecisionCalendar): Promise<number> {
  const undated = await em.find(
    Benefit,
    { status: BenefitStatus.PROPOSED, decisionDueOn: null },
    {
      orderBy: { createdAt: 'asc' },
      limit: DECISION_SWEEP_BATCH,
      fields: ['id', 'programmeId', 'jurisdictionCode', 'createdAt'],
    },
  );
  if (!undated.length) return 0;
  const programmes = await em.find(
    Programme,
    { id: { $in: [...new Set(undated.map((b) => b.programmeId))] } },
    { fields: ['id', 'kind'] },
  );
  const kindOf = new Map(programmes.map((p) => [p.id, p.kind]));
  const limits = await limitsInForce(
    em,
    undated.map((b) => ({ jurisdictionCode: b.jurisdictionCode, kind: kindOf.get(b.programmeId)! })),
  );
  const asked = new Map<string, string | null>();
  let dated = 0;
  for (const benefit of undated) {
    const kind = kindOf.get(benefit.programmeId)!;
    const days = limits.get(limitKey(benefit.jurisdictionCode, kind))!.workingDays;
    const from = shanghaiDate(benefit.createdAt);
    const key = `${benefit.jurisdictionCode}|${from}|${days}`;
    if (!asked.has(key)) {
      asked.set(key, await calendar.addWorkingDays(benefit.jurisdictionCode, from, days).catch(() => null));
    }
    const dueOn = asked.get(key);
    if (!dueOn) continue; // its place's calendar cannot answer now: the next run tries again
    // Only while still undated and proposed: a decision taken meanwhile is left alone.
    dated += await em.nativeUpdate(
      Benefit,
      { id: benefit.id, status: BenefitStatus.PROPOSED, decisionDueOn: null },
      { decisionDueOn: dueOn },
    );
  }
  return dated;
}
