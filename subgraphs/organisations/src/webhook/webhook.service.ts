import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertVersion,
  badInput,
  can,
  codePrefix,
  createOnce,
  DomainError,
  ErrorCode,
  forbidden,
  invalidState,
  notFound,
  pageWindow,
  previousCreate,
  requireSignedIn,
  toConnection,
  type PageArgs,
  type Permission,
  type PersonalDataVault,
  type Principal,
} from '@doudi/shared';
import { ApiClient } from '../account/account.entities.js';
import { Organisation } from '../organisation/organisation.entity.js';
import {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEventType,
  WebhookSubscription,
  WebhookSubscriptionStatus,
} from './webhook.entity.js';
import type {
  CreateWebhookSubscriptionInput,
  DeleteWebhookSubscriptionInput,
  ReplayWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookSubscriptionInput,
  WebhookSubscriptionFilter,
} from './webhook.inputs.js';
import { newWebhookSecret } from './webhook.signature.js';
import { assertPublicTarget, checkedTargetUrl, type WebhookSettings } from './webhook.target.js';

export interface WebhookServices {
  webhooks: WebhookSettings;
  vault: PersonalDataVault;
}

/**
 * What the client itself must be able to read to be told of an event of this type: the ids in a payload point at
 * records it then reads with these scopes (a client without them would learn only that something happened).
 */
const READ_NEEDED: Record<WebhookEventType, Permission> = {
  REFERRAL_RECEIVED: 'cases:read',
  REFERRAL_ANSWERED: 'cases:read',
  REFERRAL_DECLINED: 'cases:read',
  REFERRAL_FORWARDED: 'cases:read',
  DEADLINE_DUE_SOON: 'cases:read',
  DEADLINE_OVERDUE: 'cases:read',
  CASE_STAGE_CHANGED: 'cases:read',
  NOTIFICATION_CREATED: 'cases:read',
  BENEFIT_DECIDED: 'programmes:read',
};

const MANAGE: Permission = 'webhooks:manage';

/**
 * Who manages an app's webhooks: the app itself when granted webhooks:manage, or staff holding webhooks:manage
 * (its organisation's administrators, or those above them) over both the app's and its organisation's division —
 * as for registering the app (account.service.ts).
 */
function mayManage(principal: Principal, client: ApiClient, organisation: Organisation): boolean {
  if (principal.kind === 'API_CLIENT') return principal.id === client.id && can(principal, MANAGE);
  return (
    principal.kind === 'STAFF' &&
    can(principal, MANAGE, client.jurisdictionCode) &&
    can(principal, MANAGE, organisation.jurisdictionCode)
  );
}

/** The app a subscription is for, active, and the caller allowed to manage its webhooks. */
async function managedClient(em: EntityManager, principal: Principal, field: string, apiClientId: string) {
  requireSignedIn(principal);
  const id = assertId(field, apiClientId).toLowerCase();
  if (principal.kind === 'API_CLIENT' && principal.id !== id)
    throw forbidden('An app manages its own webhooks only', { field, permission: MANAGE });
  const client = await em.findOne(ApiClient, { id });
  const organisation = client && (await em.findOne(Organisation, { id: client.organisationId }));
  if (!client || !organisation || !mayManage(principal, client, organisation)) {
    if (!can(principal, MANAGE))
      throw forbidden(`Your account may not do this (needs ${MANAGE})`, { permission: MANAGE });
    // Outside the caller's reach reads as unknown: no answer tells whether another county's app exists.
    throw notFound('ApiClient', id);
  }
  if (client.deactivatedAt) throw invalidState('The API client is deactivated', { field });
  return { client, organisation };
}

/** A subscription the caller manages; one outside reach, or deleted, is NOT_FOUND. */
async function managedSubscription(em: EntityManager, principal: Principal, field: string, subscriptionId: string) {
  requireSignedIn(principal);
  const id = assertId(field, subscriptionId);
  const subscription = await em.findOne(WebhookSubscription, { id, deletedAt: null });
  const client = subscription && (await em.findOne(ApiClient, { id: subscription.apiClientId }));
  const organisation = client && (await em.findOne(Organisation, { id: subscription!.organisationId }));
  if (!subscription || !client || !organisation || !mayManage(principal, client, organisation)) {
    if (!can(principal, MANAGE))
      throw forbidden(`Your account may not do this (needs ${MANAGE})`, { permission: MANAGE });
    throw notFound('WebhookSubscription', id);
  }
  return { subscription, client };
}

function checkedTypes(field: string, types: WebhookEventType[] | null | undefined, client: ApiClient) {
  if (!types?.length) throw badInput(field, 'Name at least one event type');
  const known = Object.values(WebhookEventType);
  const unique = [...new Set(types)];
  const unknown = unique.find((type) => !known.includes(type));
  if (unknown) throw badInput(field, `Unknown event type ${unknown}`);
  const scopes = new Set(client.scopes);
  const unreadable = unique.find((type) => !scopes.has(READ_NEEDED[type]));
  if (unreadable)
    throw forbidden(`The app may not be told of ${unreadable}: it does not hold ${READ_NEEDED[unreadable]}`, {
      field,
      permission: READ_NEEDED[unreadable],
    });
  return known.filter((type) => unique.includes(type));
}

const limitExceeded = (message: string, extra: Record<string, unknown>) =>
  new DomainError(ErrorCode.LIMIT_EXCEEDED, message, extra);

/**
 * Subscribes an app to events of its own organisation, and answers the signing secret — once: a retry with the
 * same idempotencyKey answers the same subscription without it (as createApiClient does with a client's secret).
 */
export async function createWebhookSubscription(
  em: EntityManager,
  principal: Principal,
  services: WebhookServices,
  input: CreateWebhookSubscriptionInput,
) {
  const { client } = await managedClient(em, principal, 'input.apiClientId', input.apiClientId);
  const url = checkedTargetUrl('input.url', input.url, services.webhooks);
  const eventTypes = checkedTypes('input.eventTypes', input.eventTypes, client);
  const sent = { apiClientId: client.id, url, eventTypes };
  const load = (fresh: EntityManager, id: string) => fresh.findOneOrFail(WebhookSubscription, { id });
  const previous = await previousCreate(em, 'createWebhookSubscription', input.idempotencyKey, sent);
  if (previous) return { subscription: await load(em, previous), secret: null };
  await assertPublicTarget('input.url', url, services.webhooks);

  const max = services.webhooks.maxSubscriptionsPerClient;
  const secret = newWebhookSecret();
  const issued = { secret: null as string | null };
  const subscription = await createOnce(
    em,
    'createWebhookSubscription',
    input.idempotencyKey,
    sent,
    async (tx) => {
      // The client's row serialises its creates, so two at once cannot both pass the count.
      await tx.findOneOrFail(ApiClient, { id: client.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if ((await tx.count(WebhookSubscription, { apiClientId: client.id, deletedAt: null })) >= max)
        throw limitExceeded(`An app holds at most ${max} webhook subscriptions; delete one first`, {
          field: 'input.apiClientId',
          limit: max,
        });
      const created = Object.assign(new WebhookSubscription(), {
        apiClientId: client.id,
        organisationId: client.organisationId,
        jurisdictionCode: (await tx.findOneOrFail(Organisation, { id: client.organisationId })).jurisdictionCode,
        url,
        eventTypes,
        secretSealed: services.vault.encrypt(secret),
        createdById: principal.id,
      });
      tx.persist(created);
      issued.secret = secret;
      return created;
    },
    load,
  );
  return { subscription, secret: issued.secret };
}

/** Changes the URL or the types, pauses or resumes; the version read must be the current one. */
export async function updateWebhookSubscription(
  em: EntityManager,
  principal: Principal,
  services: WebhookServices,
  input: UpdateWebhookSubscriptionInput,
) {
  const { subscription, client } = await managedSubscription(
    em,
    principal,
    'input.subscriptionId',
    input.subscriptionId,
  );
  assertVersion(subscription, input.version, 'WebhookSubscription', { field: 'input.version', required: true });
  const url = input.url == null ? null : checkedTargetUrl('input.url', input.url, services.webhooks);
  const eventTypes = input.eventTypes == null ? null : checkedTypes('input.eventTypes', input.eventTypes, client);
  if (input.status != null && !Object.values(WebhookSubscriptionStatus).includes(input.status))
    throw badInput('input.status', 'ACTIVE or PAUSED');
  if (url === null && eventTypes === null && input.status == null)
    throw badInput('input', 'Change the url, the eventTypes or the status');
  if (url) await assertPublicTarget('input.url', url, services.webhooks);
  if (url) subscription.url = url;
  if (eventTypes) subscription.eventTypes = eventTypes;
  if (input.status === WebhookSubscriptionStatus.PAUSED && subscription.status !== input.status) {
    Object.assign(subscription, { status: input.status, pausedAt: new Date(), pauseReason: 'Paused by hand' });
  } else if (input.status === WebhookSubscriptionStatus.ACTIVE && subscription.status !== input.status) {
    // Resumed: failures count afresh, and what waits is tried at once.
    Object.assign(subscription, { status: input.status, pausedAt: null, pauseReason: null, consecutiveFailures: 0 });
    await em.nativeUpdate(
      WebhookDelivery,
      {
        subscriptionId: subscription.id,
        status: { $in: [WebhookDeliveryStatus.PENDING, WebhookDeliveryStatus.FAILED] },
      },
      { nextAttemptAt: new Date() },
    );
  }
  await em.flush();
  return subscription;
}

/** A new signing secret, answered once; the old one stops signing at once. */
export async function rotateWebhookSecret(
  em: EntityManager,
  principal: Principal,
  services: WebhookServices,
  input: RotateWebhookSecretInput,
) {
  const { subscription } = await managedSubscription(em, principal, 'input.subscriptionId', input.subscriptionId);
  assertVersion(subscription, input.version, 'WebhookSubscription', { field: 'input.version', required: true });
  const secret = newWebhookSecret();
  Object.assign(subscription, { secretSealed: services.vault.encrypt(secret), secretRotatedAt: new Date() });
  await em.flush();
  return { subscription, secret };
}

/** Ends a subscription: nothing more is sent, its deliveries are no longer listed. A retry answers the same. */
export async function deleteWebhookSubscription(
  em: EntityManager,
  principal: Principal,
  input: DeleteWebhookSubscriptionInput,
) {
  requireSignedIn(principal);
  const id = assertId('input.subscriptionId', input.subscriptionId);
  const gone = await em.findOne(WebhookSubscription, { id, deletedAt: { $ne: null } });
  if (gone) {
    const client = await em.findOne(ApiClient, { id: gone.apiClientId });
    const organisation = await em.findOne(Organisation, { id: gone.organisationId });
    if (client && organisation && mayManage(principal, client, organisation)) return gone;
  }
  const { subscription } = await managedSubscription(em, principal, 'input.subscriptionId', id);
  subscription.deletedAt = new Date();
  subscription.status = WebhookSubscriptionStatus.PAUSED;
  subscription.pauseReason = 'Deleted';
  await em.flush();
  return subscription;
}

/**
 * Sends a delivery again with the same event id (receivers de-duplicate on it): one delivered, failed or given up
 * is due at once with its attempts counted afresh; one still pending is left as it is.
 */
export async function replayWebhookDelivery(
  em: EntityManager,
  principal: Principal,
  input: ReplayWebhookDeliveryInput,
) {
  requireSignedIn(principal);
  const id = assertId('input.deliveryId', input.deliveryId);
  const delivery = await em.findOne(WebhookDelivery, { id });
  if (!delivery) {
    if (!can(principal, MANAGE))
      throw forbidden(`Your account may not do this (needs ${MANAGE})`, { permission: MANAGE });
    throw notFound('WebhookDelivery', id);
  }
  const { subscription } = await managedSubscription(em, principal, 'input.deliveryId', delivery.subscriptionId).catch(
    (error: DomainError) => {
      if (error.extensions?.code === ErrorCode.NOT_FOUND) throw notFound('WebhookDelivery', id);
      throw error;
    },
  );
  if (subscription.status !== WebhookSubscriptionStatus.ACTIVE)
    throw invalidState('The subscription is paused: resume it (updateWebhookSubscription) before replaying', {
      status: subscription.status,
    });
  if (delivery.status === WebhookDeliveryStatus.PENDING) return delivery;
  const now = new Date();
  await em.nativeUpdate(
    WebhookDelivery,
    { id, status: { $ne: WebhookDeliveryStatus.PENDING } },
    { status: WebhookDeliveryStatus.PENDING, attemptCount: 0, nextAttemptAt: now, replayedAt: now, updatedAt: now },
  );
  await em.refresh(delivery);
  return delivery;
}

/** The subscriptions the caller manages: an app its own; staff with webhooks:manage those within their subtree. */
export async function listWebhookSubscriptions(
  em: EntityManager,
  principal: Principal,
  args: PageArgs & { filter?: WebhookSubscriptionFilter | null },
) {
  requireSignedIn(principal);
  if (!can(principal, MANAGE))
    throw forbidden(`Your account may not do this (needs ${MANAGE})`, { permission: MANAGE });
  const window = pageWindow(args);
  const where: Record<string, unknown> = { deletedAt: null };
  if (principal.kind === 'API_CLIENT') where.apiClientId = principal.id;
  else if (principal.kind === 'STAFF') {
    if (!principal.roles.includes('SYSTEM_ADMIN')) {
      if (!principal.jurisdictionCode) return toConnection([], 0, window);
      where.jurisdictionCode = { $like: `${codePrefix(principal.jurisdictionCode)}%` };
    }
  } else return toConnection([], 0, window);
  const filter = args.filter ?? {};
  if (filter.apiClientId) {
    const apiClientId = assertId('filter.apiClientId', filter.apiClientId).toLowerCase();
    if (where.apiClientId && where.apiClientId !== apiClientId) return toConnection([], 0, window);
    where.apiClientId = apiClientId;
  }
  if (filter.organisationId)
    where.organisationId = assertId('filter.organisationId', filter.organisationId).toLowerCase();
  if (filter.status) where.status = filter.status;
  const [nodes, total] = await em.findAndCount(WebhookSubscription, where, {
    ...window,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return toConnection(nodes, total, window);
}

/** One subscription the caller manages (NOT_FOUND otherwise). */
export async function getWebhookSubscription(em: EntityManager, principal: Principal, id: string) {
  return (await managedSubscription(em, principal, 'id', id)).subscription;
}
