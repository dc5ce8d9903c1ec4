import type { ResultOf } from '../graphql/graphql';
import type { DELIVERY_FIELDS, SUBSCRIPTION_FIELDS } from './documents';

export type SubscriptionRow = ResultOf<typeof SUBSCRIPTION_FIELDS>;
export type DeliveryRow = ResultOf<typeof DELIVERY_FIELDS>;

/** The API's WebhookEventType, in the order the form offers them (docs/webhooks.md, Events). */
export const EVENT_TYPES = [
  'REFERRAL_RECEIVED',
  'REFERRAL_ANSWERED',
  'REFERRAL_DECLINED',
  'REFERRAL_FORWARDED',
  'DEADLINE_DUE_SOON',
  'DEADLINE_OVERDUE',
  'CASE_STAGE_CHANGED',
  'BENEFIT_DECIDED',
  'NOTIFICATION_CREATED',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED', 'GAVE_UP'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A delivery's wire type (`referral.answered`) as the event type it was subscribed under (REFERRAL_ANSWERED). */
export const eventTypeOf = (wire: string) => wire.toUpperCase().replace(/\./g, '_');

/** The query keys of the page, so a change refreshes what it touched. */
export const keys = {
  subscriptions: (clientId: string) => ['webhook-subscriptions', clientId] as const,
  deliveries: (subscriptionId: string) => ['webhook-deliveries', subscriptionId] as const,
};
