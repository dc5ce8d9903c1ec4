import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { byKeyLoader, isUuid, pageWindow, toConnection, type Connection, type PageWindow } from '@doudi/shared';
import { ApiClient } from '../account/account.entities.js';
import { WebhookDelivery, type WebhookDeliveryStatus } from './webhook.entity.js';
import type { WebhookDeliveryListArgs } from './webhook.inputs.js';

type Row = Record<string, unknown>;

/** One page of deliveries for each subscription, newest first: two statements however many subscriptions ask. */
async function loadPages(
  em: EntityManager,
  subscriptionIds: readonly string[],
  status: WebhookDeliveryStatus | null,
  window: PageWindow,
): Promise<Connection<WebhookDelivery>[]> {
  const ids = [...new Set(subscriptionIds.filter(isUuid))];
  const counts = new Map<string, number>();
  const pages = new Map<string, WebhookDelivery[]>(ids.map((id) => [id, []]));
  if (ids.length) {
    const table = `"${em.config.get('schema')}"."webhook_delivery"`;
    const where = `subscription_id in (${ids.map(() => '?').join(', ')})${status ? ' and status = ?' : ''}`;
    const params = status ? [...ids, status] : ids;
    for (const row of await em.execute<{ subscription_id: string; total: string }[]>(
      `select subscription_id, count(*) as total from ${table} where ${where} group by subscription_id`,
      params,
    ))
      counts.set(row.subscription_id, Number(row.total));
    if (window.limit > 0) {
      const rows = await em.execute<Row[]>(
        `select * from (
           select d.*, row_number() over (partition by subscription_id order by created_at desc, id desc) as position
             from ${table} d where ${where}) ranked
          where position > ? and position <= ?
          order by subscription_id, position`,
        [...params, window.offset, window.offset + window.limit],
      );
      for (const { position: _position, ...row } of rows) {
        const delivery = em.map(WebhookDelivery, row);
        pages.get(delivery.subscriptionId)?.push(delivery);
      }
    }
  }
  return subscriptionIds.map((id) => toConnection(pages.get(id) ?? [], counts.get(id) ?? 0, window));
}

/** Per-request loaders of WebhookSubscription's fields. */
export function createWebhookLoaders(em: EntityManager) {
  const pageLoaders = new Map<string, DataLoader<string, Connection<WebhookDelivery>>>();
  return {
    webhookDeliveryPages(args: WebhookDeliveryListArgs): DataLoader<string, Connection<WebhookDelivery>> {
      const window = pageWindow(args);
      const status = args.status ?? null;
      const key = JSON.stringify([status, window.offset, window.limit]);
      let loader = pageLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((ids: readonly string[]) => loadPages(em, ids, status, window));
        pageLoaders.set(key, loader);
      }
      return loader;
    },
    webhookApiClient: byKeyLoader(
      (ids: readonly string[]) => em.find(ApiClient, { id: { $in: [...ids] } }),
      (client) => client.id,
    ),
  };
}
export type WebhookLoaders = ReturnType<typeof createWebhookLoaders>;
