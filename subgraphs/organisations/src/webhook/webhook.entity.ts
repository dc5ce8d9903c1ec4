import { Entity, Index, ManyToOne, Property, Unique, PrimaryKey } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, MutableRecord, newId } from '@doudi/shared';
import { ApiClient } from '../account/account.entities.js';
import { Organisation } from '../organisation/organisation.entity.js';

/**
 * What an agency app may be told of by webhook (docs/webhooks.md): each is about its own organisation — a referral
 * it sent or received, a step it must take, a case it leads, a benefit it proposed or decided, a notice it got.
 */
export enum WebhookEventType {
  REFERRAL_RECEIVED = 'REFERRAL_RECEIVED',
  REFERRAL_ANSWERED = 'REFERRAL_ANSWERED',
  REFERRAL_DECLINED = 'REFERRAL_DECLINED',
  REFERRAL_FORWARDED = 'REFERRAL_FORWARDED',
  DEADLINE_DUE_SOON = 'DEADLINE_DUE_SOON',
  DEADLINE_OVERDUE = 'DEADLINE_OVERDUE',
  CASE_STAGE_CHANGED = 'CASE_STAGE_CHANGED',
  BENEFIT_DECIDED = 'BENEFIT_DECIDED',
  NOTIFICATION_CREATED = 'NOTIFICATION_CREATED',
}
registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'What a webhook subscription is told of; the `type` of a delivery is its wire name (docs/webhooks.md).',
  valuesConfig: {
    REFERRAL_RECEIVED: { description: '`referral.received`: a referral was sent to (or by) the organisation.' },
    REFERRAL_ANSWERED: {
      description: '`referral.answered`: the receiver answered in writing (襄政办发〔2023〕26号 七(五) 书面函复).',
    },
    REFERRAL_DECLINED: { description: '`referral.declined`: the receiver refused (晋检发办字〔2023〕10号 第六条).' },
    REFERRAL_FORWARDED: {
      description: '`referral.forwarded`: the receiver passed it on (襄政办发〔2023〕26号 七(四)).',
    },
    DEADLINE_DUE_SOON: {
      description: '`deadline.due_soon`: a step of the organisation has a working day or less left.',
    },
    DEADLINE_OVERDUE: {
      description: '`deadline.overdue`: a step of the organisation (or one it oversees) is overdue.',
    },
    CASE_STAGE_CHANGED: { description: '`case.stage_changed`: a case the organisation leads moved to another stage.' },
    BENEFIT_DECIDED: {
      description:
        '`benefit.decided`: a benefit its staff proposed or decided was approved, rejected, activated or ended.',
    },
    NOTIFICATION_CREATED: { description: '`notification.created`: a notification reached the organisation.' },
  },
});

/** The wire name of each type: the `type` of a delivery's body and of its row. */
export const WIRE_TYPE: Record<WebhookEventType, string> = {
  REFERRAL_RECEIVED: 'referral.received',
  REFERRAL_ANSWERED: 'referral.answered',
  REFERRAL_DECLINED: 'referral.declined',
  REFERRAL_FORWARDED: 'referral.forwarded',
  DEADLINE_DUE_SOON: 'deadline.due_soon',
  DEADLINE_OVERDUE: 'deadline.overdue',
  CASE_STAGE_CHANGED: 'case.stage_changed',
  BENEFIT_DECIDED: 'benefit.decided',
  NOTIFICATION_CREATED: 'notification.created',
};

export enum WebhookSubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
}
registerEnumType(WebhookSubscriptionStatus, {
  name: 'WebhookSubscriptionStatus',
  valuesConfig: {
    ACTIVE: { description: 'Events are delivered.' },
    PAUSED: {
      description:
        'Nothing is sent: paused by hand, or after too many failed deliveries in a row (the organisation is notified). ' +
        'Events while it is paused are not kept for it; deliveries already waiting go out once it is resumed.',
    },
  },
});

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
  GAVE_UP = 'GAVE_UP',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Not tried yet (or replayed): goes out at nextAttemptAt.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'The last attempt failed; it is tried again at nextAttemptAt.' },
    GAVE_UP: { description: 'Every attempt failed; replayWebhookDelivery sends it again.' },
  },
});

/** One agency app's subscription to events about its organisation (issue 19 item 1). */
@Entity({ tableName: 'webhook_subscription' })
@Index({ properties: ['organisationId'] })
@ObjectType({ description: 'An API client subscribed to events of its organisation, delivered by signed HTTPS POST.' })
export class WebhookSubscription extends MutableRecord {
  @ManyToOne({ entity: () => ApiClient, mapToPk: true, fieldName: 'api_client_id', index: true })
  apiClientId: string;

  /** The client's organisation: the only one whose events it is told of. */
  @ManyToOne({ entity: () => Organisation, mapToPk: true, fieldName: 'organisation_id' })
  organisationId: string;

  /** The organisation's division, for administrators' reach. */
  @Property({ type: 'text' })
  jurisdictionCode: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'Where deliveries are POSTed (https; no credentials in it).' })
  url: string;

  @Property({ type: 'text[]' })
  @Field(() => [WebhookEventType])
  eventTypes: WebhookEventType[];

  /** The signing secret, sealed (AES-256-GCM, the personal-data vault): shown once, at creation or rotation. */
  @Property({ type: 'text', hidden: true })
  secretSealed: string;

  @Property({ type: 'text' })
  @Field(() => WebhookSubscriptionStatus)
  status: WebhookSubscriptionStatus = WebhookSubscriptionStatus.ACTIVE;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Failed attempts since the last delivered one; at the limit it is paused.' })
  consecutiveFailures: number = 0;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  pausedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it is paused: by hand, or the failures that paused it.' })
  pauseReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the secret was last rotated.' })
  secretRotatedAt: Date | null = null;

  @Property({ type: 'uuid', nullable: true })
  createdById: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;
}

@ObjectType()
export class WebhookSubscriptionConnection extends ConnectionType(WebhookSubscription) {}

/**
 * One event for one subscription, with its attempts. Unique per (subscription, event): an event delivered twice
 * to organisations, or fanned out again, makes no second delivery.
 */
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['subscriptionId', 'eventId'] })
@Index({ properties: ['subscriptionId', 'createdAt'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@ObjectType({ description: 'One event sent (or to be sent) to a webhook subscription.' })
export class WebhookDelivery {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = newId();

  @ManyToOne({ entity: () => WebhookSubscription, mapToPk: true, fieldName: 'subscription_id', deleteRule: 'cascade' })
  subscriptionId: string;

  @Property({ type: 'uuid' })
  @Field(() => ID, {
    description: 'The event’s id, sent as `id` and `Doudi-Webhook-Id`: the same on every attempt and replay.',
  })
  eventId: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The wire type, e.g. `referral.answered`.' })
  type: string;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  occurredAt: Date;

  /** The subscriber's organisation, as sent. */
  @Property({ type: 'uuid' })
  organisationId: string;

  /** The body's `data`: ids, statuses and dates only (docs/webhooks.md). */
  @Property({ type: 'json' })
  data: Record<string, unknown>;

  @Property({ type: 'text' })
  @Field(() => WebhookDeliveryStatus)
  status: WebhookDeliveryStatus = WebhookDeliveryStatus.PENDING;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Attempts since it was made or last replayed.' })
  attemptCount: number = 0;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer; null when none came.' })
  lastResponseStatus: number | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (timeout, refused, HTTP 500 …).' })
  lastError: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  nextAttemptAt: Date | null = new Date();

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  lastAttemptAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true })
  deliveredAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was last replayed by hand.' })
  replayedAt: Date | null = null;

  @Property({ type: 'datetime' })
  @Field(() => Date)
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field(() => Date)
  updatedAt: Date = new Date();
}

@ObjectType()
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery) {}
