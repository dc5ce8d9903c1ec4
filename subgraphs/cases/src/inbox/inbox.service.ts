import type { EntityManager } from '@mikro-orm/postgresql';
import {
  can,
  forbidden,
  jurisdictionPrefix,
  pageWindow,
  requirePermission,
  toConnection,
  type PageArgs,
  type Principal,
} from '@doudi/shared';
import { InboxItem, InboxItemKind } from './inbox.types.js';

/**
 * Everything an organisation must answer or do: referrals sent to it and still SENT or ACCEPTED, its open tasks and
 * its follow-up visits not yet made. One SQL query pages the three together, soonest due first, undated last; among
 * items due the same day, those of green-channel cases first (晋检发办字〔2023〕10号 第五条: 绿色通道, 优先办理).
 */
const ITEMS = `
  select 'REFERRAL' as kind, r.id, r.case_id, r.due_date from referral r
    where r.to_organisation_id = :org and r.status in ('SENT', 'ACCEPTED')
  union all
  select 'TASK', t.id, t.case_id, t.due_date from case_task t where t.organisation_id = :org and t.status = 'OPEN'
  union all
  select 'FOLLOW_UP', f.id, f.case_id, f.due_on from follow_up f where f.organisation_id = :org and f.visited_on is null`;

/** The organisation's own staff see all of it; those overseeing a jurisdiction see the items of its cases. */
function scopeOf(principal: Principal, organisationId: string): string | null {
  requirePermission(principal, 'cases:read');
  if (principal.organisationId === organisationId) return '';
  const prefix = jurisdictionPrefix(principal);
  if (can(principal, 'cases:oversee') && prefix !== null) return prefix;
  throw forbidden('Only the organisation’s own staff, or those overseeing its cases, read its inbox');
}

export async function inboxOf(em: EntityManager, principal: Principal, organisationId: string, args: PageArgs) {
  const prefix = scopeOf(principal, organisationId);
  const window = pageWindow(args);
  const knex = em.getKnex();
  const bindings = { org: organisationId, prefix: `${prefix}%` };
  const from = `from (${ITEMS}) items join hardship_case c on c.id = items.case_id
    where c.jurisdiction_code like :prefix or c.household_jurisdiction_code like :prefix
      or c.residence_jurisdiction_code like :prefix`;
  const [rows, [{ total }]] = await Promise.all([
    knex.raw(
      `select items.kind, items.id, items.case_id, items.due_date, c.jurisdiction_code ${from}
       order by items.due_date asc nulls last, c.green_channel desc, items.kind, items.id
       limit :limit offset :offset`,
      { ...bindings, limit: window.limit, offset: window.offset },
    ),
    knex
      .raw(`select cast(count(*) as int) as total ${from}`, bindings)
      .then((r: { rows: { total: number }[] }) => r.rows),
  ]);
  const nodes: InboxItem[] = (
    rows as {
      rows: { kind: InboxItemKind; id: string; case_id: string; due_date: string | null; jurisdiction_code: string }[];
    }
  ).rows.map((row) =>
    Object.assign(new InboxItem(), {
      kind: row.kind,
      id: row.id,
      caseId: row.case_id,
      dueDate: row.due_date,
      jurisdictionCode: row.jurisdiction_code,
    }),
  );
  return toConnection(nodes, total, window);
}
