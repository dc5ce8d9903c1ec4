import type { EntityManager } from '@mikro-orm/postgresql';
import { newId, shanghaiDate, toShanghaiIso, type Job, type PersonalDataVault } from '@doudi/shared';
import { Notification, NotificationItemKind, NotificationKind } from '../notification/notification.entity.js';
import { WebhookDeliveryStatus } from './webhook.entity.js';
import { notificationsToWebhooks } from './webhook.events.js';
import { sendWebhook, type SendOutcome } from './webhook.send.js';
import type { WebhookSettings } from './webhook.target.js';

export interface WebhookDeliveryDeps {
  settings: WebhookSettings;
  vault: PersonalDataVault;
}

/** How often the delivery run looks for due deliveries (new ones and retries). */
export const WEBHOOK_DELIVERY_EVERY_MS = 5_000;
/** Deliveries one run takes; the rest wait for the next run. */
const BATCH = 100;
/** Deliveries of one subscription one run takes. */
const PER_SUBSCRIPTION = 20;
/** Subscriptions served at once. */
const CONCURRENCY = 8;
/** Retry after the n-th failed attempt: 30 s, 2 min, 10 min, 1 h, then every 6 h — each ±20 % at random. */
const BACKOFF_SECONDS = [30, 120, 600, 3_600, 21_600];

export function retryDelayMs(failedAttempts: number, random = Math.random): number {
  const base = BACKOFF_SECONDS[Math.min(failedAttempts, BACKOFF_SECONDS.length) - 1] ?? BACKOFF_SECONDS[0];
  return Math.round(base * 1000 * (0.8 + 0.4 * random()));
}

interface ClaimedRow {
  id: string;
  subscription_id: string;
  event_id: string;
  type: string;
  occurred_at: Date;
  organisation_id: string;
  data: Record<string, unknown>;
  attempt_count: number;
  url: string;
  secret_sealed: string;
}

/** The body as sent — the same bytes on every attempt of one delivery. */
export function webhookBody(row: Pick<ClaimedRow, 'event_id' | 'type' | 'occurred_at' | 'organisation_id' | 'data'>) {
  return JSON.stringify({
    id: row.event_id,
    type: row.type,
    occurredAt: toShanghaiIso(new Date(row.occurred_at)),
    organisationId: row.organisation_id,
    data: row.data,
  });
}

export interface DeliveryRun {
  attempted: number;
  delivered: number;
  failed: number;
  paused: number;
}

/**
 * Sends the deliveries due at `now` of ACTIVE subscriptions of apps not deactivated. They are claimed in one short
 * statement (their next attempt moved past the time limit, FOR UPDATE SKIP LOCKED: two replicas never take one; at
 * most PER_SUBSCRIPTION of one subscription), sent with no transaction or connection held, and each outcome written in
 * its own short transaction: a 2xx is DELIVERED and clears the subscription's failures; anything else retries with
 * back-off (GAVE_UP after maxAttempts), and the pauseAfterFailures-th failure in a row pauses the subscription and
 * notifies its organisation — a notification the paused subscription is not sent.
 *
 * Subscriptions are served side by side (CONCURRENCY at once), each one's deliveries in the order they happened; the
 * first failure ends that subscription's turn, its other claimed deliveries waiting out the claim (about a minute,
 * no attempt counted): a receiver that is down or slow costs one attempt per run and holds up no other.
 */
export async function deliverDueWebhooks(
  em: EntityManager,
  deps: WebhookDeliveryDeps,
  now: Date = new Date(),
): Promise<DeliveryRun> {
  const schema = `"${em.config.get('schema')}"`;
  const { settings } = deps;
  const lease = new Date(now.getTime() + settings.timeoutMs + 60_000);
  const claimed = await em.fork().execute<ClaimedRow[]>(
    `with ranked as (
       select d.id, d.next_attempt_at,
              row_number() over (partition by d.subscription_id order by d.next_attempt_at, d.id) as position
         from ${schema}.webhook_delivery d
         join ${schema}.webhook_subscription s on s.id = d.subscription_id
         join ${schema}.api_client c on c.id = s.api_client_id
        where d.status in ('PENDING', 'FAILED') and d.next_attempt_at <= ?
          and s.status = 'ACTIVE' and s.deleted_at is null and c.deactivated_at is null),
     due as (
       select d.id from ${schema}.webhook_delivery d
        where d.id in (select id from ranked where position <= ${PER_SUBSCRIPTION})
          and d.status in ('PENDING', 'FAILED') and d.next_attempt_at <= ?
        order by d.next_attempt_at, d.id
        limit ${BATCH}
        for update of d skip locked)
     update ${schema}.webhook_delivery d set next_attempt_at = ?
       from due, ${schema}.webhook_subscription s
      where d.id = due.id and s.id = d.subscription_id
     returning d.id, d.subscription_id, d.event_id, d.type, d.occurred_at, d.organisation_id, d.data, d.attempt_count,
               s.url, s.secret_sealed`,
    [now, now, lease],
  );
  const bySubscription = new Map<string, ClaimedRow[]>();
  for (const row of claimed.sort(
    (a, b) => new Date(a.occurred_at).getTime() - new Date(b.occurred_at).getTime() || a.id.localeCompare(b.id),
  ))
    bySubscription.set(row.subscription_id, [...(bySubscription.get(row.subscription_id) ?? []), row]);

  const run: DeliveryRun = { attempted: 0, delivered: 0, failed: 0, paused: 0 };
  const serve = async (rows: ClaimedRow[]) => {
    for (const row of rows) {
      let outcome: SendOutcome;
      try {
        const secret = deps.vault.decrypt(row.secret_sealed);
        outcome = await sendWebhook(row.url, secret, row.event_id, webhookBody(row), settings);
      } catch (error) {
        outcome = { status: null, delivered: false, error: String(error).slice(0, 500) };
      }
      run.attempted++;
      const paused = await em.fork().transactional((tx) => recordOutcome(tx, schema, deps, row, outcome, now));
      if (paused) run.paused++;
      if (outcome.delivered) run.delivered++;
      else {
        run.failed++;
        return;
      }
    }
  };
  const queue = [...bySubscription.values()];
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let rows = queue.shift(); rows; rows = queue.shift()) await serve(rows);
    }),
  );
  return run;
}

/** Writes one attempt's outcome; answers whether it paused the subscription. */
async function recordOutcome(
  tx: EntityManager,
  schema: string,
  deps: WebhookDeliveryDeps,
  row: ClaimedRow,
  outcome: SendOutcome,
  now: Date,
): Promise<boolean> {
  const attempts = row.attempt_count + 1;
  const attemptedAt = new Date();
  if (outcome.delivered) {
    await tx.execute(
      `update ${schema}.webhook_delivery set status = 'DELIVERED', attempt_count = ?, last_response_status = ?,
         last_error = null, last_attempt_at = ?, delivered_at = ?, next_attempt_at = null, updated_at = ? where id = ?`,
      [attempts, outcome.status, attemptedAt, attemptedAt, attemptedAt, row.id],
    );
    await tx.execute(
      `update ${schema}.webhook_subscription set consecutive_failures = 0 where id = ? and consecutive_failures <> 0`,
      [row.subscription_id],
    );
    return false;
  }
  const gaveUp = attempts >= deps.settings.maxAttempts;
  await tx.execute(
    `update ${schema}.webhook_delivery set status = ?, attempt_count = ?, last_response_status = ?, last_error = ?,
       last_attempt_at = ?, next_attempt_at = ?, updated_at = ? where id = ?`,
    [
      gaveUp ? WebhookDeliveryStatus.GAVE_UP : WebhookDeliveryStatus.FAILED,
      attempts,
      outcome.status,
      outcome.error,
      attemptedAt,
      gaveUp ? null : new Date(now.getTime() + retryDelayMs(attempts)),
      attemptedAt,
      row.id,
    ],
  );
  const limit = deps.settings.pauseAfterFailures;
  const [subscription] = await tx.execute<
    { consecutive_failures: number; organisation_id: string; jurisdiction_code: string; paused: boolean }[]
  >(
    `update ${schema}.webhook_subscription set consecutive_failures = consecutive_failures + 1,
       status = case when consecutive_failures + 1 >= ? then 'PAUSED' else status end,
       paused_at = case when consecutive_failures + 1 >= ? then ? else paused_at end,
       pause_reason = case when consecutive_failures + 1 >= ? then ? else pause_reason end,
       version = case when consecutive_failures + 1 >= ? then version + 1 else version end
     where id = ? and status = 'ACTIVE'
     returning consecutive_failures, organisation_id, jurisdiction_code, status = 'PAUSED' as paused`,
    [
      limit,
      limit,
      attemptedAt,
      limit,
      `Paused after ${limit} failed deliveries in a row (last: ${outcome.error ?? 'no answer'})`.slice(0, 500),
      limit,
      row.subscription_id,
    ],
  );
  if (!subscription?.paused) return false;
  await notifyPaused(
    tx,
    row.subscription_id,
    subscription.organisation_id,
    subscription.jurisdiction_code,
    attemptedAt,
  );
  return true;
}

/**
 * The organisation hears that its subscription was paused: a WEBHOOK notification (one per subscription and day),
 * itself told by webhook to the organisation's other ACTIVE subscriptions — never to the paused one.
 */
async function notifyPaused(
  tx: EntityManager,
  subscriptionId: string,
  organisationId: string,
  jurisdictionCode: string,
  at: Date,
) {
  const eventId = newId();
  const dueDate = shanghaiDate(at);
  const about = { organisationId, kind: NotificationKind.ESCALATION, itemKind: NotificationItemKind.WEBHOOK };
  if (await tx.count(Notification, { ...about, itemId: subscriptionId, dueDate })) return;
  tx.persist(
    Object.assign(new Notification(), {
      ...about,
      caseId: null,
      itemId: subscriptionId,
      responsibleOrganisationId: organisationId,
      jurisdictionCode,
      dueDate,
      eventId,
      createdAt: at,
    }),
  );
  await tx.flush();
  const made = await tx.find(Notification, { eventId });
  await notificationsToWebhooks(tx, eventId, made);
}

/** The scheduled run (SubgraphDefinition.jobs): outside one transaction, since it waits on other servers. */
export function webhookDeliveryJob(depsOf: (services: unknown) => WebhookDeliveryDeps): Job {
  return {
    everyMs: WEBHOOK_DELIVERY_EVERY_MS,
    ownTransactions: true,
    run: async (em, now, context) => {
      const run = await deliverDueWebhooks(em, depsOf(context.services), now);
      return { ...run, pruned: await pruneWebhookDeliveries(em, now) };
    },
  };
}

/** How long a delivered or given-up delivery stays listed (and replayable). */
export const WEBHOOK_DELIVERY_KEPT_DAYS = 30;
/** Rows one run deletes at most, so a backlog is worked off in short statements. */
const PRUNE_BATCH = 1_000;

/**
 * Deletes deliveries that ended (DELIVERED or GAVE_UP) more than WEBHOOK_DELIVERY_KEPT_DAYS before `now`, a batch a
 * run: the table holds a month of what was sent, not everything ever sent. Answers how many went.
 */
export async function pruneWebhookDeliveries(em: EntityManager, now: Date = new Date()): Promise<number> {
  const schema = `"${em.config.get('schema')}"`;
  const before = new Date(now.getTime() - WEBHOOK_DELIVERY_KEPT_DAYS * 86_400_000);
  const gone = await em.fork().execute<{ id: string }[]>(
    `delete from ${schema}.webhook_delivery where id in (
       select id from ${schema}.webhook_delivery
        where status in ('DELIVERED', 'GAVE_UP') and updated_at < ?
        limit ${PRUNE_BATCH})
     returning id`,
    [before],
  );
  return gone.length;
}
