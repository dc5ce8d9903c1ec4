import type { EntityManager } from '@mikro-orm/postgresql';
import type { Period } from '@doudi/shared/reporting/index';
import { LEAD_CHANNELS } from '../case/case.enums.js';

/**
 * The items of a ledger (河鱼府发【2021】39号 二(四): 办公室以清单管理的形式分配到对口科室，并跟踪办理进度和办结情况): what was
 * assigned to an office and is still before it in the month. Two kinds of item: a lead of proactive discovery
 * assigned to the office (the case, 清单), and a referral it received (转办). No personal data: the household is
 * an opaque id, the case's summary and health facts stay in the case.
 */
export interface LedgerRow {
  itemKind: 'CASE' | 'REFERRAL';
  itemId: string;
  caseId: string;
  householdId: string;
  /** The office responsible (the assigned office; the lead organisation while a lead is unassigned; the receiver). */
  organisationId: string;
  /** The case's division (the family's hukou place decides, 河鱼府发【2021】39号 二(二)). */
  jurisdictionCode: string;
  channel: string;
  referralKind: string | null;
  /** The day it reached the office: assigned (a lead) or sent (a referral). */
  receivedOn: string;
  dueDate: string | null;
  /** Its state on the month's last day (or today, for the current month). */
  status: 'OPEN' | 'CONCLUDED';
  concludedOn: string | null;
  /** CLOSED (a case), ANSWERED, DECLINED or FORWARDED (a referral); null while open. */
  outcome: string | null;
  receivedInMonth: boolean;
  /** Something was done in the month: a step recorded on its timeline (a visit, an acceptance, an answer …). */
  handledInMonth: boolean;
  /** Open past its due date at the month's end. */
  overdue: boolean;
  /** Why it is still open (说明情况), entered by the office before submitting. */
  reason: string | null;
  /** The new time limit it will be concluded by (限时办结). */
  newDueDate: string | null;
}

export interface LedgerCounts {
  items: number;
  received: number;
  handled: number;
  concluded: number;
  open: number;
  overdue: number;
  /** Open items without a reason and a new time limit. */
  unexplained: number;
}

/** How each office of a township stood when its ledger was read: its own ledger, and its items in the township. */
export interface OfficeStatus {
  organisationId: string;
  submitted: boolean;
  revision: number | null;
  late: boolean;
  counts: LedgerCounts;
}

/** Who a ledger's items belong to: one office (anywhere), or every office for the cases of a township. */
export type RowScope = { organisationId: string } | { townshipPrefix: string };

/** Timeline steps that are the item's arrival, not work on it. */
const ARRIVALS = ['CASE_OPENED', 'REFERRAL_SENT', 'LEAD_ASSIGNED'];

/**
 * Every item of every office, as a CTE named `items` (its bindings first): the leads of proactive discovery (by
 * the office assigned, or the lead organisation while unassigned) and the referrals (by their receiver).
 */
export const ITEMS_CTE = {
  sql: `with items as (
     select 'CASE' as item_kind, c.id as item_id, c.id as case_id, c.household_id, c.jurisdiction_code,
            coalesce(c.office_organisation_id, c.lead_organisation_id) as organisation_id, c.channel,
            null::text as referral_kind,
            coalesce((select min(e."on") from case_event e where e.case_id = c.id and e.kind = 'LEAD_ASSIGNED'),
                     c.received_on) as received_on,
            null::date as due_date, c.closed_on as concluded_on,
            case when c.closed_on is not null then 'CLOSED' end as outcome, null::uuid as referral_id
       from hardship_case c where c.channel in (${LEAD_CHANNELS.map(() => '?').join(', ')})
     union all
     select 'REFERRAL', r.id, r.case_id, c.household_id, c.jurisdiction_code, r.to_organisation_id, c.channel,
            r.kind, r.sent_on, r.due_date, coalesce(r.answered_on, r.declined_on, r.forwarded_on),
            case when r.answered_on is not null then 'ANSWERED' when r.declined_on is not null then 'DECLINED'
                 when r.forwarded_on is not null then 'FORWARDED' end, r.id
       from referral r join hardship_case c on c.id = r.case_id)`,
  bindings: [...LEAD_CHANNELS] as string[],
};

/** The items before an office or a township in a period: received by its end, not concluded before it began. */
export const IN_PERIOD = 'i.received_on <= ? and (i.concluded_on is null or i.concluded_on >= ?)';
export const inPeriodBindings = (period: Period) => [period.to, period.from];

/**
 * The live rows of a ledger for a period, in one statement (the service ends the current month's period today:
 * nothing later is known).
 */
export async function liveRows(em: EntityManager, scope: RowScope, period: Period): Promise<LedgerRow[]> {
  const [filter, value] =
    'organisationId' in scope
      ? ['i.organisation_id = ?::uuid', [scope.organisationId]]
      : [
          'i.jurisdiction_code between ? and ?',
          [scope.townshipPrefix.padEnd(12, '0'), scope.townshipPrefix.padEnd(12, '9')],
        ];
  // em.execute runs in the caller's transaction when there is one (a submission reads and freezes in one).
  const rows = await em.execute<Record<string, unknown>[]>(
    `${ITEMS_CTE.sql}
     select i.*,
            exists (select 1 from case_event e
                     where e.case_id = i.case_id and e."on" between ? and ?
                       and e.kind not in (${ARRIVALS.map(() => '?').join(', ')})
                       and (i.referral_id is null or e.referral_id = i.referral_id)) as handled
       from items i
      where ${filter} and ${IN_PERIOD}
      order by i.received_on, i.item_id`,
    [...ITEMS_CTE.bindings, period.from, period.to, ...ARRIVALS, ...value, ...inPeriodBindings(period)],
  );
  const day = (v: unknown) => (v === null || v === undefined ? null : String(v).slice(0, 10));
  return rows.map((row): LedgerRow => {
    const concludedOn = day(row.concluded_on);
    const open = concludedOn === null || concludedOn > period.to;
    const dueDate = day(row.due_date);
    const receivedOn = day(row.received_on)!;
    return {
      itemKind: row.item_kind as LedgerRow['itemKind'],
      itemId: String(row.item_id),
      caseId: String(row.case_id),
      householdId: String(row.household_id),
      organisationId: String(row.organisation_id),
      jurisdictionCode: String(row.jurisdiction_code),
      channel: String(row.channel),
      referralKind: (row.referral_kind as string | null) ?? null,
      receivedOn,
      dueDate,
      status: open ? 'OPEN' : 'CONCLUDED',
      concludedOn: open ? null : concludedOn,
      outcome: open ? null : ((row.outcome as string | null) ?? null),
      receivedInMonth: receivedOn >= period.from,
      handledInMonth: Boolean(row.handled),
      overdue: open && dueDate !== null && dueDate < period.to,
      reason: null,
      newDueDate: null,
    };
  });
}

export function countsOf(rows: readonly LedgerRow[]): LedgerCounts {
  const open = rows.filter((r) => r.status === 'OPEN');
  return {
    items: rows.length,
    received: rows.filter((r) => r.receivedInMonth).length,
    handled: rows.filter((r) => r.handledInMonth).length,
    concluded: rows.length - open.length,
    open: open.length,
    overdue: open.filter((r) => r.overdue).length,
    unexplained: open.filter((r) => !r.reason || !r.newDueDate).length,
  };
}
