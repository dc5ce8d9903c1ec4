import type { EntityManager } from '@mikro-orm/postgresql';
import {
  can,
  encodeSyncCursor,
  exactUpdatedAt,
  forbidden,
  jurisdictionPrefix,
  pageWindow,
  requirePermission,
  syncHorizon,
  syncWindow,
  toConnection,
  type PageArgs,
  type Principal,
  type SyncConnection,
} from '@doudi/shared';
import { InboxItem, InboxItemKind } from './inbox.types.js';

/**
 * Everything an organisation must answer or do: referrals sent to it and still SENT or ACCEPTED, its open tasks and
 * its follow-up visits not yet made. One SQL query pages the three together, soonest due first, undated last; among
 * items due the same day, those of green-channel cases first (晋检发办字〔2023〕10号 第五条: 绿色通道, 优先办理).
 */
const ITEMS = `
  select 'REFERRAL' as kind, r.id, r.case_id, r.due_date, r.updated_at from referral r
    where r.to_organisation_id = :org and r.status in ('SENT', 'ACCEPTED')
  union all
  select 'TASK', t.id, t.case_id, t.due_date, t.updated_at from case_task t
    where t.organisation_id = :org and t.status = 'OPEN'
  union all
  select 'FOLLOW_UP', f.id, f.case_id, f.due_on, f.updated_at from follow_up f
    where f.organisation_id = :org and f.visited_on is null`;

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
      `select items.kind, items.id, items.case_id, items.due_date, ${exactUpdatedAt('items')} as sync_at,
         c.jurisdiction_code ${from}
       order by items.due_date asc nulls last, c.green_channel desc, items.kind, items.id
       limit :limit offset :offset`,
      { ...bindings, limit: window.limit, offset: window.offset },
    ),
    knex
      .raw(`select cast(count(*) as int) as total ${from}`, bindings)
      .then((r: { rows: { total: number }[] }) => r.rows),
  ]);
  const nodes = (rows as { rows: ItemRow[] }).rows.map((row) => itemOf(row, true));
  return toConnection(nodes, total, window);
}

interface ItemRow {
  kind: InboxItemKind;
  id: string;
  case_id: string;
  due_date: string | null;
  jurisdiction_code: string;
  /** updated_at exactly, ISO 8601 in UTC (the driver may hand timestamps over as text). */
  sync_at: string;
  open?: boolean;
}

const itemOf = (row: ItemRow, open: boolean) =>
  Object.assign(new InboxItem(), {
    kind: row.kind,
    id: row.id,
    caseId: row.case_id,
    dueDate: row.due_date,
    jurisdictionCode: row.jurisdiction_code,
    updatedAt: new Date(row.sync_at),
    open,
  });

/** Every referral to the organisation, task and follow-up of it changed since, open or not (the sync's rows). */
const CHANGED_ITEMS = `
  select 'REFERRAL' as kind, r.id, r.case_id, r.due_date, r.updated_at, r.status in ('SENT', 'ACCEPTED') as open
    from referral r where r.to_organisation_id = :org and r.updated_at >= :since
  union all
  select 'TASK', t.id, t.case_id, t.due_date, t.updated_at, t.status = 'OPEN'
    from case_task t where t.organisation_id = :org and t.updated_at >= :since
  union all
  select 'FOLLOW_UP', f.id, f.case_id, f.due_on, f.updated_at, f.visited_on is null
    from follow_up f where f.organisation_id = :org and f.updated_at >= :since`;

/**
 * `Organisation.inbox(updatedSince)`, incremental sync (docs/sync.md): what changed in the organisation's inbox — what
 * arrived, moved or left it (open: false) — in (updatedAt, id) order by cursor, within the same scope as the inbox.
 * Three statements: the horizon (on a first page), the page and the count of changes from the cursor on.
 */
export async function inboxSync(
  em: EntityManager,
  principal: Principal,
  organisationId: string,
  args: PageArgs,
  since: Date,
): Promise<SyncConnection<InboxItem>> {
  const prefix = scopeOf(principal, organisationId);
  const window = syncWindow(args, since, 'updatedSince');
  const until = window.until ?? (await syncHorizon(em));
  const knex = em.getKnex();
  const bindings = {
    org: organisationId,
    prefix: `${prefix}%`,
    since,
    at: window.after?.at ?? null,
    after: window.after?.id ?? null,
  };
  const from = `from (${CHANGED_ITEMS}) items join hardship_case c on c.id = items.case_id
    where (c.jurisdiction_code like :prefix or c.household_jurisdiction_code like :prefix
      or c.residence_jurisdiction_code like :prefix)
      ${window.after ? 'and (items.updated_at, items.id) > (cast(:at as timestamptz), cast(:after as uuid))' : ''}`;
  const [rows, [{ total }]] = await Promise.all([
    knex.raw(
      `select items.*, ${exactUpdatedAt('items')} as sync_at, c.jurisdiction_code ${from}
       order by items.updated_at, items.id limit :limit`,
      { ...bindings, limit: window.limit + 1 },
    ),
    knex
      .raw(`select cast(count(*) as int) as total ${from}`, bindings)
      .then((r: { rows: { total: number }[] }) => r.rows),
  ]);
  const all = (rows as { rows: ItemRow[] }).rows;
  const page = all.slice(0, window.limit);
  const last = page[page.length - 1];
  return {
    nodes: page.map((row) => itemOf(row, Boolean(row.open))),
    totalCount: total,
    syncedUntil: until,
    pageInfo: {
      hasNextPage: all.length > window.limit,
      endCursor: last ? encodeSyncCursor(String(last.sync_at), last.id, until) : null,
    },
  };
}
