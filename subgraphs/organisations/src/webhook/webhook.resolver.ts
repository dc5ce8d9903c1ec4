import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ApiClient } from '../account/account.entities.js';
import { Organisation } from '../organisation/organisation.entity.js';
import type { Context } from '../context.js';
import {
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookSubscription,
  WebhookSubscriptionConnection,
} from './webhook.entity.js';
import { webhookBody } from './webhook.deliver.js';
import {
  CreateWebhookSubscriptionInput,
  DeleteWebhookSubscriptionInput,
  ReplayWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookSubscriptionInput,
  WebhookDeliveryListArgs,
  WebhookDeliveryPayload,
  WebhookSecretPayload,
  WebhookSubscriptionListArgs,
  WebhookSubscriptionPayload,
} from './webhook.inputs.js';
import {
  createWebhookSubscription,
  deleteWebhookSubscription,
  getWebhookSubscription,
  listWebhookSubscriptions,
  replayWebhookDelivery,
  rotateWebhookSecret,
  updateWebhookSubscription,
} from './webhook.service.js';

const WHO =
  'An administrator holding webhooks:manage over the app’s organisation, or the app itself granted webhooks:manage.';

/** Webhooks for agency apps (issue 19 item 1; docs/webhooks.md): signed, retried pushes of their organisation’s events. */
@Resolver(() => WebhookSubscription)
export class WebhookResolver {
  @Mutation(() => WebhookSecretPayload, {
    description:
      `Subscribes an API client to events about its own organisation; answers the signing secret once. ${WHO} ` +
      'Refused: a URL that is not https (outside production http too), carries credentials or points at a private ' +
      'address (BAD_USER_INPUT); a type the app may not read (FORBIDDEN); more subscriptions than allowed (LIMIT_EXCEEDED).',
  })
  async createWebhookSubscription(
    @Arg('input', () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return createWebhookSubscription(em, principal, services, input);
  }

  @Mutation(() => WebhookSubscriptionPayload, {
    description: `Changes a subscription’s URL or event types, pauses or resumes it (the version read). ${WHO}`,
  })
  async updateWebhookSubscription(
    @Arg('input', () => UpdateWebhookSubscriptionInput) input: UpdateWebhookSubscriptionInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return { subscription: await updateWebhookSubscription(em, principal, services, input) };
  }

  @Mutation(() => WebhookSecretPayload, {
    description: `A new signing secret, answered this once; the old one no longer signs. ${WHO}`,
  })
  async rotateWebhookSecret(
    @Arg('input', () => RotateWebhookSecretInput) input: RotateWebhookSecretInput,
    @Ctx() { em, principal, services }: Context,
  ) {
    return rotateWebhookSecret(em, principal, services, input);
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: `Ends a subscription: nothing more is sent. ${WHO}` })
  async deleteWebhookSubscription(
    @Arg('input', () => DeleteWebhookSubscriptionInput) input: DeleteWebhookSubscriptionInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { subscription: await deleteWebhookSubscription(em, principal, input) };
  }

  @Mutation(() => WebhookDeliveryPayload, {
    description:
      'Sends a delivery again, with the same event id (receivers de-duplicate on it), at once; the subscription must ' +
      `be ACTIVE. ${WHO}`,
  })
  async replayWebhookDelivery(
    @Arg('input', () => ReplayWebhookDeliveryInput) input: ReplayWebhookDeliveryInput,
    @Ctx() { em, principal }: Context,
  ) {
    return { delivery: await replayWebhookDelivery(em, principal, input) };
  }

  @Query(() => WebhookSubscriptionConnection, {
    description: `The webhook subscriptions the caller manages, newest first: an app its own. ${WHO}`,
  })
  webhookSubscriptions(
    @Args(() => WebhookSubscriptionListArgs) args: WebhookSubscriptionListArgs,
    @Ctx() { em, principal }: Context,
  ) {
    return listWebhookSubscriptions(em, principal, args);
  }

  @Query(() => WebhookSubscription, { description: `One webhook subscription the caller manages. ${WHO}` })
  webhookSubscription(@Arg('id', () => ID) id: string, @Ctx() { em, principal }: Context) {
    return getWebhookSubscription(em, principal, id);
  }

  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'Its deliveries, newest first, optionally of one status.',
  })
  deliveries(
    @Root() subscription: WebhookSubscription,
    @Args(() => WebhookDeliveryListArgs) args: WebhookDeliveryListArgs,
    @Ctx() { loaders }: Context,
  ) {
    return loaders.webhookDeliveryPages(args).load(subscription.id);
  }

  @FieldResolver(() => ApiClient, { nullable: true })
  apiClient(@Root() subscription: WebhookSubscription, @Ctx() { loaders }: Context) {
    return loaders.webhookApiClient.load(subscription.apiClientId);
  }

  @FieldResolver(() => Organisation, { nullable: true, description: 'The organisation whose events it is told of.' })
  organisation(@Root() subscription: WebhookSubscription, @Ctx() { loaders }: Context) {
    return loaders.organisation.load(subscription.organisationId);
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => String, {
    description:
      'The JSON body as sent (and signed): `{ id, type, occurredAt, organisationId, data }` — ids, codes and dates only.',
  })
  body(@Root() delivery: WebhookDelivery): string {
    return webhookBody({
      event_id: delivery.eventId,
      type: delivery.type,
      occurred_at: delivery.occurredAt,
      organisation_id: delivery.organisationId,
      data: delivery.data,
    });
  }
}

export const webhookResolvers = [WebhookResolver, WebhookDeliveryResolver] as const;
