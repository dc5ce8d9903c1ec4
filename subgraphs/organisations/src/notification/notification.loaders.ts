import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  afterCursorSql,
  encodeSyncCursor,
  exactUpdatedAt,
  isUuid,
  pageWindow,
  syncHorizon,
  syncWindow,
  toConnection,
  type Connection,
  type PageWindow,
  type SyncConnection,
  type SyncWindow,
} from '@doudi/shared';
import { Notification } from './notification.entity.js';
import type { NotificationListArgs } from './notification.inputs.js';

type Row = Record<string, unknown>;

/**
 * One page of notifications for each of `organisationIds`, newest first, in two statements however many
 * organisations ask: the counts, then every page at once (row_number over each organisation's rows).
 */
async function loadPages(
  em: EntityManager,
  organisationIds: readonly string[],
  unreadOnly: boolean,
  window: PageWindow,
): Promise<Connection<Notification>[]> {
  const ids = [...new Set(organisationIds.filter(isUuid))];
  const counts = new Map<string, number>();
  const pages = new Map<string, Notification[]>(ids.map((id) => [id, []]));
  if (ids.length) {
    const meta = em.getMetadata().get(Notification.name);
    const table = `"${em.config.get('schema')}"."${meta.tableName}"`;
    const where = `organisation_id in (${ids.map(() => '?').join(', ')})${unreadOnly ? ' and read_at is null' : ''}`;
    for (const row of await em.execute<{ organisation_id: string; total: string }[]>(
      `select organisation_id, count(*) as total from ${table} where ${where} group by organisation_id`,
      ids,
    ))
      counts.set(row.organisation_id, Number(row.total));
    if (window.limit > 0) {
      const rows = await em.execute<Row[]>(
        `select * from (
           select n.*, row_number() over (partition by organisation_id order by created_at desc, id desc) as position
             from ${table} n where ${where}) ranked
          where position > ? and position <= ?
          order by organisation_id, position`,
        [...ids, window.offset, window.offset + window.limit],
      );
      for (const { position: _position, ...row } of rows) {
        const notification = em.map(Notification, row);
        pages.get(notification.organisationId)?.push(notification);
      }
    }
  }
  return organisationIds.map((id) => toConnection(pages.get(id) ?? [], counts.get(id) ?? 0, window));
}

/**
 * Incremental sync (docs/sync.md): each organisation's notifications changed since `window.since`, in (updatedAt,
 * id) order after the cursor, in three statements however many organisations ask: the horizon (on a first page), the
 * counts of changes from the cursor on, and every page at once.
 */
async function loadSyncPages(
  em: EntityManager,
  organisationIds: readonly string[],
  unreadOnly: boolean,
  window: SyncWindow,
): Promise<SyncConnection<Notification>[]> {
  const ids = [...new Set(organisationIds.filter(isUuid))];
  const until = window.until ?? (await syncHorizon(em));
  const counts = new Map<string, number>();
  const pages = new Map<string, Row[]>(ids.map((id) => [id, []]));
  if (ids.length) {
    const meta = em.getMetadata().get(Notification.name);
    const table = `"${em.config.get('schema')}"."${meta.tableName}"`;
    const where =
      `n.organisation_id in (${ids.map(() => '?').join(', ')}) and n.updated_at >= ?` +
      (window.after ? ` and ${afterCursorSql('n')}` : '') +
      (unreadOnly ? ' and n.read_at is null' : '');
    const params = [...ids, window.since, ...(window.after ? [window.after.at, window.after.id] : [])];
    const [countRows, rows] = await Promise.all([
      em.execute<{ organisation_id: string; total: string }[]>(
        `select n.organisation_id, count(*) as total from ${table} n where ${where} group by n.organisation_id`,
        params,
      ),
      em.execute<Row[]>(
        `select * from (
           select n.*, ${exactUpdatedAt('n')} as sync_at,
                  row_number() over (partition by n.organisation_id order by n.updated_at, n.id) as position
             from ${table} n where ${where}) ranked
          where position <= ?
          order by organisation_id, position`,
        [...params, window.limit + 1],
      ),
    ]);
    for (const row of countRows) counts.set(row.organisation_id, Number(row.total));
    for (const row of rows) pages.get(row.organisation_id as string)?.push(row);
  }
  return organisationIds.map((id) => {
    const rows = (pages.get(id) ?? []).slice(0, window.limit);
    const last = rows[rows.length - 1];
    return {
      nodes: rows.map(({ position: _p, sync_at: _at, ...row }) => em.map(Notification, row)),
      totalCount: counts.get(id) ?? 0,
      syncedUntil: until,
      pageInfo: {
        hasNextPage: (pages.get(id)?.length ?? 0) > window.limit,
        endCursor: last ? encodeSyncCursor(String(last.sync_at), String(last.id), until) : null,
      },
    };
  });
}

/** Per-request loaders for Organisation.notifications: one loader per distinct set of arguments. */
export function createNotificationLoaders(em: EntityManager) {
  const loaders = new Map<string, DataLoader<string, Connection<Notification>>>();
  return {
    notificationPages(args: NotificationListArgs): DataLoader<string, Connection<Notification>> {
      const unreadOnly = args.unreadOnly ?? false;
      if (args.updatedSince) {
        const window = syncWindow(args, args.updatedSince, 'updatedSince');
        const key = JSON.stringify(['sync', unreadOnly, window]);
        let loader = loaders.get(key);
        if (!loader) {
          loader = new DataLoader((ids: readonly string[]) => loadSyncPages(em, ids, unreadOnly, window));
          loaders.set(key, loader);
        }
        return loader;
      }
      const window = pageWindow(args);
      const key = JSON.stringify([unreadOnly, window.offset, window.limit]);
      let loader = loaders.get(key);
      if (!loader) {
        loader = new DataLoader((ids: readonly string[]) => loadPages(em, ids, unreadOnly, window));
        loaders.set(key, loader);
      }
      return loader;
    },
  };
}
