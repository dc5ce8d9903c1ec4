import { raw, type EntityManager, type EntityName, type FilterQuery } from '@mikro-orm/postgresql';
import { encodeSyncCursor, type SyncConnection, type SyncWindow } from '../pagination.js';

/**
 * How far the clocks of the servers writing updatedAt (each service's own clock for the ORM's writes, PostgreSQL's
 * for set-based ones) may run apart, and how long an ORM flush may compute a change before its transaction begins.
 */
export const SYNC_CLOCK_MARGIN_MS = 5_000;

/** updatedAt exactly as PostgreSQL keeps it (microseconds), in UTC: what a sync cursor carries. */
export const exactUpdatedAt = (alias: string, column = 'updated_at') =>
  `to_char(${alias}.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The commit-order gap (docs/sync.md): a transaction that began before this read and commits after it may carry an
 * updatedAt earlier than the read. Every such transaction of this service's role is open now, so the horizon is the
 * earlier of now and the start of every other open transaction of the role on this database (pg_stat_activity shows
 * a role its own sessions), less SYNC_CLOCK_MARGIN_MS. A long job's transaction holds it back for its length: the
 * app reads a little more again, never less.
 */
export async function syncHorizon(em: EntityManager): Promise<Date> {
  const [row] = await em.execute<{ at: Date | string }[]>(
    `select least(statement_timestamp(), coalesce(
       (select min(xact_start) from pg_stat_activity
         where datname = current_database() and usename = current_user and pid <> pg_backend_pid()
           and xact_start is not null), 'infinity'::timestamptz)) as at`,
  );
  return new Date(new Date(row.at).getTime() - SYNC_CLOCK_MARGIN_MS);
}

/** The cursor condition in SQL: rows after (at, id) in the order (updated_at, id). */
export const afterCursorSql = (alias: string) => `(${alias}.updated_at, ${alias}.id) > (?::timestamptz, ?::uuid)`;

/**
 * One page of an entity list changed since `window.since`, in (updatedAt, id) order, within `where` (the caller's
 * visible set and the list's other filters: a sync narrows them, never widens them). Two statements (three with the
 * count): the horizon on a first page, the page with one row more than asked, and the count of changes from here on.
 */
export async function syncPage<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  window: SyncWindow,
  options: { count?: boolean } = {},
): Promise<SyncConnection<T>> {
  const until = window.until ?? (await syncHorizon(em));
  const query = () => {
    const qb = em
      .createQueryBuilder(entity, 's')
      .where(where)
      .andWhere({ updatedAt: { $gte: window.since } } as unknown as FilterQuery<T>);
    if (window.after) qb.andWhere(afterCursorSql('s'), [window.after.at, window.after.id]);
    return qb;
  };
  const rowsQuery = query()
    .select(['*', raw(`${exactUpdatedAt('s')} as sync_at`)])
    .orderBy([{ updatedAt: 'asc' }, { id: 'asc' }] as never)
    .limit(window.limit + 1);
  const [rows, counted] = await Promise.all([
    window.limit > 0 ? rowsQuery.execute<Record<string, unknown>[]>('all', false) : Promise.resolve([]),
    options.count === false ? Promise.resolve(null) : query().getCount(),
  ]);
  const page = rows.slice(0, window.limit);
  const nodes = page.map(({ sync_at: _at, ...row }) => em.map(entity, row as never) as T);
  const last = page[page.length - 1];
  return {
    nodes,
    totalCount: counted ?? rows.length,
    syncedUntil: until,
    pageInfo: {
      hasNextPage: rows.length > window.limit,
      endCursor: last ? encodeSyncCursor(String(last.sync_at), String(last.id), until) : null,
    },
  };
}
