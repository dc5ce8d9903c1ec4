import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate } from '@doudi/shared';

export type OpenDeadlineKind = 'TASK' | 'REFERRAL' | 'FOLLOW_UP';

export interface OpenDeadline {
  kind: OpenDeadlineKind;
  /** The task's, referral's or follow-up's id. */
  id: string;
  caseId: string;
  /** Who must act: the task's organisation, the referral's receiver, the visiting organisation. */
  organisationId: string;
  /** The case's jurisdiction, whose calendar the due date was counted in. */
  jurisdictionCode: string;
  dueDate: string;
  /** Due before `asOf`. */
  overdue: boolean;
}

const OPEN = `
  select 'TASK' as kind, t.id, t.case_id, t.organisation_id, t.due_date from case_task t
    where t.status = 'OPEN' and t.due_date is not null
  union all
  select 'REFERRAL', r.id, r.case_id, r.to_organisation_id, r.due_date from referral r
    where r.status in ('SENT', 'ACCEPTED') and r.due_date is not null
  union all
  select 'FOLLOW_UP', f.id, f.case_id, f.organisation_id, f.due_on from follow_up f where f.visited_on is null`;

/**
 * Every open task, referral and follow-up visit with a due date, soonest first, each marked overdue as of `asOf`
 * (a YYYY-MM-DD day, e.g. today in Asia/Shanghai): what a reminder job needs to remind or escalate.
 */
export async function openDeadlines(em: EntityManager, asOf: string): Promise<OpenDeadline[]> {
  if (!isIsoDate(asOf)) throw new TypeError(`asOf must be a date, YYYY-MM-DD, got ${asOf}`);
  const result = await em.getKnex().raw(
    `select items.*, c.jurisdiction_code from (${OPEN}) items join hardship_case c on c.id = items.case_id
     order by items.due_date, items.kind, items.id`,
  );
  return (
    result.rows as {
      kind: OpenDeadlineKind;
      id: string;
      case_id: string;
      organisation_id: string;
      due_date: string;
      jurisdiction_code: string;
    }[]
  ).map((row) => ({
    kind: row.kind,
    id: row.id,
    caseId: row.case_id,
    organisationId: row.organisation_id,
    jurisdictionCode: row.jurisdiction_code,
    dueDate: row.due_date,
    overdue: row.due_date < asOf,
  }));
}
