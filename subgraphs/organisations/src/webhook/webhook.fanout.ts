import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isIsoDate, isJurisdictionCode, isUuid } from '@doudi/shared';
import { WIRE_TYPE, type WebhookEventType } from './webhook.entity.js';

/**
 * The id a webhook event carries: derived from the event it comes from, its type and what it is about, so a
 * redelivered event, a replay and every retry carry the same id, and receivers de-duplicate on it.
 */
export function webhookEventId(sourceEventId: string, type: WebhookEventType, about = ''): string {
  const hex = createHash('sha256').update(`${sourceEventId}|${type}|${about}`).digest('hex');
  // A version-8 (custom) UUID: 122 bits of the digest.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A value a payload may carry: an id, a date or instant, an enum code, a division code, a count or a flag. */
function plainValue(value: unknown): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isInteger(value);
  if (typeof value !== 'string') return false;
  return isUuid(value) || isIsoDate(value) || INSTANT.test(value) || CODE.test(value) || isJurisdictionCode(value);
}

/**
 * A webhook payload's `data`: only the named fields, and of those only ids, dates, codes, counts and flags — never
 * a name, an ID number, a note or any other free text about a person (docs/webhooks.md). A field whose value is
 * anything else is left out rather than sent.
 */
export function plainData(source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of fields) {
    const value = source[field];
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length <= 100 && value.every((item) => item !== null && plainValue(item))) data[field] = value;
    } else if (plainValue(value)) data[field] = value;
  }
  return data;
}

export interface WebhookEvent {
  /** The event it comes from (its id makes the webhook's id with type and `about`). */
  sourceEventId: string;
  type: WebhookEventType;
  /** What distinguishes two webhook events of one type from one source event (e.g. the notification's id). */
  about?: string;
  occurredAt: Date;
  /** The organisations it is about: each one's ACTIVE subscriptions to the type get one delivery. */
  organisationIds: (string | null | undefined)[];
  data: Record<string, unknown>;
}

/**
 * Writes one delivery per ACTIVE subscription (of an app not deactivated) of the organisations concerned whose types
 * include the event's, in the caller's transaction (the event handler's, or the pausing run's). Unique per
 * (subscription, event): a redelivered event adds nothing. Answers how many deliveries were written.
 */
export async function fanOut(em: EntityManager, event: WebhookEvent): Promise<number> {
  const organisationIds = [...new Set(event.organisationIds.filter((id): id is string => !!id && isUuid(id)))];
  if (!organisationIds.length) return 0;
  const schema = `"${em.config.get('schema')}"`;
  const eventId = webhookEventId(event.sourceEventId, event.type, event.about);
  const now = new Date();
  const written = await em.execute<{ id: string }[]>(
    `insert into ${schema}.webhook_delivery
       (id, subscription_id, event_id, type, occurred_at, organisation_id, data, status, attempt_count,
        next_attempt_at, created_at, updated_at)
     select gen_random_uuid(), s.id, ?, ?, ?, s.organisation_id, ?::jsonb, 'PENDING', 0, ?, ?, ?
       from ${schema}.webhook_subscription s
       join ${schema}.api_client c on c.id = s.api_client_id and c.deactivated_at is null
      where s.organisation_id = any(?::uuid[]) and s.status = 'ACTIVE' and s.deleted_at is null
        and ? = any(s.event_types)
     on conflict (subscription_id, event_id) do nothing
     returning id`,
    [
      eventId,
      WIRE_TYPE[event.type],
      event.occurredAt,
      JSON.stringify(event.data),
      now,
      now,
      now,
      `{${organisationIds.join(',')}}`,
      event.type,
    ],
  );
  return written.length;
}
