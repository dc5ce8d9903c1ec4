import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { isUuid, pageWindow, toConnection, type Connection, type PageWindow } from '@doudi/shared';
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

/** Per-request loaders for Organisation.notifications: one loader per distinct set of arguments. */
export function createNotificationLoaders(em: EntityManager) {
  const loaders = new Map<string, DataLoader<string, Connection<Notification>>>();
  return {
    notificationPages(args: NotificationListArgs): DataLoader<string, Connection<Notification>> {
      const window = pageWindow(args);
      const unreadOnly = args.unreadOnly ?? false;
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
