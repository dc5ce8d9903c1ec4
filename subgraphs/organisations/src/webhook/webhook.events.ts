import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid, type DeliveredEvent, type EventHandler, type EventHandlers, type EventType } from '@doudi/shared';
import { ApiClient, StaffAccount } from '../account/account.entities.js';
import { Notification, NotificationItemKind, NotificationKind } from '../notification/notification.entity.js';
import { WebhookEventType } from './webhook.entity.js';
import { fanOut, plainData } from './webhook.fanout.js';

const REFERRAL_FIELDS = [
  'referralId',
  'caseId',
  'fromOrganisationId',
  'toOrganisationId',
  'kind',
  'previousStatus',
  'status',
  'emergency',
  'sentOn',
  'dueDate',
  'answeredOn',
  'measuresCount',
  'refused',
  'benefitIds',
  'declinedOn',
  'declineReason',
  'forwardedOn',
  'forwardedToReferralId',
  'forwardedToOrganisationId',
  'forwardedFromReferralId',
] as const;

const CASE_FIELDS = [
  'caseId',
  'jurisdictionCode',
  'leadOrganisationId',
  'officeOrganisationId',
  'previousStage',
  'stage',
  'status',
  'changedOn',
] as const;

const BENEFIT_FIELDS = [
  'benefitId',
  'programmeId',
  'programmeKind',
  'caseId',
  'referralId',
  'householdId',
  'jurisdictionCode',
  'status',
  'decision',
] as const;

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const occurredAtOf = (event: DeliveredEvent) => {
  const at = new Date(event.occurredAt);
  return Number.isNaN(at.getTime()) ? new Date() : at;
};

/** A referral step from cases (cases/src/referral/referral.published.ts): sender and receiver are told. */
function referralHandler(type: WebhookEventType): EventHandler {
  return async (em, event) => {
    const payload = event.payload;
    await fanOut(em, {
      sourceEventId: event.eventId,
      type,
      occurredAt: occurredAtOf(event),
      organisationIds: [
        text(payload.fromOrganisationId),
        text(payload.toOrganisationId),
        text(payload.forwardedToOrganisationId),
      ],
      data: plainData(payload, REFERRAL_FIELDS),
    });
  };
}

/** A case moved to another stage: its lead organisation and the office it is assigned to are told. */
const caseStageChanged: EventHandler = async (em, event) => {
  const payload = event.payload;
  await fanOut(em, {
    sourceEventId: event.eventId,
    type: WebhookEventType.CASE_STAGE_CHANGED,
    occurredAt: occurredAtOf(event),
    organisationIds: [text(payload.leadOrganisationId), text(payload.officeOrganisationId)],
    data: plainData(payload, CASE_FIELDS),
  });
};

/**
 * The organisations of the staff accounts or apps with these ids: who proposed and who decided a benefit
 * (programmes knows the people, organisations knows where they work).
 */
async function organisationsOfAccounts(em: EntityManager, ids: (string | null)[]): Promise<string[]> {
  const known = [...new Set(ids.filter((id): id is string => !!id && isUuid(id)))];
  if (!known.length) return [];
  const staff = await em.find(StaffAccount, { id: { $in: known } }, { fields: ['organisationId'] });
  const apps = await em.find(ApiClient, { id: { $in: known } }, { fields: ['organisationId'] });
  return [...staff, ...apps].map((account) => account.organisationId);
}

/**
 * A benefit was approved, rejected, activated or ended (programmes' benefit.decided): the organisations of who proposed
 * and who decided it.
 */
const benefitDecided: EventHandler = async (em, event) => {
  const payload = event.payload;
  const organisationIds = await organisationsOfAccounts(em, [text(payload.proposedById), text(payload.decidedById)]);
  await fanOut(em, {
    sourceEventId: event.eventId,
    type: WebhookEventType.BENEFIT_DECIDED,
    occurredAt: occurredAtOf(event),
    organisationIds,
    data: plainData(payload, BENEFIT_FIELDS),
  });
};

/**
 * The notifications an event made (notification.events.ts): each is `notification.created` for its organisation,
 * and a deadline notice is also `deadline.due_soon` (a reminder) or `deadline.overdue` (an escalation).
 */
export async function notificationsToWebhooks(em: EntityManager, sourceEventId: string, notifications: Notification[]) {
  for (const notification of notifications) {
    const data = {
      notificationId: notification.id,
      kind: notification.kind,
      itemKind: notification.itemKind,
      itemId: notification.itemId,
      caseId: notification.caseId,
      responsibleOrganisationId: notification.responsibleOrganisationId,
      jurisdictionCode: notification.jurisdictionCode,
      dueDate: notification.dueDate,
    };
    const common = {
      sourceEventId,
      about: notification.id,
      occurredAt: notification.createdAt,
      organisationIds: [notification.organisationId],
      data,
    };
    await fanOut(em, { ...common, type: WebhookEventType.NOTIFICATION_CREATED });
    if (notification.itemKind !== NotificationItemKind.WEBHOOK) {
      const type =
        notification.kind === NotificationKind.ESCALATION
          ? WebhookEventType.DEADLINE_OVERDUE
          : WebhookEventType.DEADLINE_DUE_SOON;
      await fanOut(em, { ...common, type });
    }
  }
}

/**
 * The organisations subgraph's handlers with webhooks added: each notification handler is followed by the webhooks
 * of the notifications it made (in the same transaction), and the events only webhooks need get their own.
 */
export function withWebhooks(handlers: EventHandlers): EventHandlers {
  const combined: EventHandlers = {};
  for (const [type, handler] of Object.entries(handlers) as [EventType, EventHandler][]) {
    combined[type] = async (em, event) => {
      await handler(em, event);
      const made = await em.find(Notification, { eventId: event.eventId }, { orderBy: { id: 'asc' } });
      await notificationsToWebhooks(em, event.eventId, made);
    };
  }
  Object.assign(combined, {
    'referral.sent': referralHandler(WebhookEventType.REFERRAL_RECEIVED),
    'referral.answered': referralHandler(WebhookEventType.REFERRAL_ANSWERED),
    'referral.declined': referralHandler(WebhookEventType.REFERRAL_DECLINED),
    'referral.forwarded': referralHandler(WebhookEventType.REFERRAL_FORWARDED),
    'case.stage.changed': caseStageChanged,
    'benefit.decided': benefitDecided,
  } satisfies EventHandlers);
  return combined;
}
