import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgs } from '@doudi/shared';
import {
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEventType,
  WebhookSubscription,
  WebhookSubscriptionStatus,
} from './webhook.entity.js';

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The API client told of events; its organisation is the one they are about.' })
  apiClientId: string;

  @Field(() => String, {
    description:
      'Where deliveries are POSTed: https (http only outside production), no user or password in it, at most 2,000 ' +
      'characters, not a loopback, private or link-local address.',
  })
  url: string;

  @Field(() => [WebhookEventType], { description: 'What it is told of; the client must hold the scope to read it.' })
  eventTypes: WebhookEventType[];

  @Field(() => String, {
    nullable: true,
    description: 'Send the same key when retrying: one subscription, and its secret answered only the first time.',
  })
  idempotencyKey?: string;
}

@InputType()
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID)
  subscriptionId: string;

  @Field(() => Int, { description: 'The version read; a stale one answers CONFLICT.' })
  version: number;

  @Field(() => String, { nullable: true })
  url?: string | null;

  @Field(() => [WebhookEventType], { nullable: true })
  eventTypes?: WebhookEventType[] | null;

  @Field(() => WebhookSubscriptionStatus, {
    nullable: true,
    description: 'PAUSED stops deliveries; ACTIVE resumes them (failures counted afresh, waiting ones sent at once).',
  })
  status?: WebhookSubscriptionStatus | null;
}

@InputType()
export class RotateWebhookSecretInput {
  @Field(() => ID)
  subscriptionId: string;

  @Field(() => Int, { description: 'The version read; a stale one answers CONFLICT.' })
  version: number;
}

@InputType()
export class DeleteWebhookSubscriptionInput {
  @Field(() => ID)
  subscriptionId: string;
}

@InputType()
export class ReplayWebhookDeliveryInput {
  @Field(() => ID)
  deliveryId: string;
}

@InputType()
export class WebhookSubscriptionFilter {
  @Field(() => ID, { nullable: true })
  apiClientId?: string | null;

  @Field(() => ID, { nullable: true })
  organisationId?: string | null;

  @Field(() => WebhookSubscriptionStatus, { nullable: true })
  status?: WebhookSubscriptionStatus | null;
}

@ArgsType()
export class WebhookSubscriptionListArgs extends PageArgs {
  @Field(() => WebhookSubscriptionFilter, { nullable: true })
  filter?: WebhookSubscriptionFilter | null;
}

@ArgsType()
export class WebhookDeliveryListArgs extends PageArgs {
  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status.' })
  status?: WebhookDeliveryStatus | null;
}

@ObjectType()
export class WebhookSubscriptionPayload {
  @Field(() => WebhookSubscription)
  subscription: WebhookSubscription;
}

@ObjectType()
export class WebhookSecretPayload {
  @Field(() => WebhookSubscription)
  subscription: WebhookSubscription;

  @Field(() => String, {
    nullable: true,
    description:
      'The signing secret, shown this once (null on a retry with the same idempotencyKey): keep it to verify ' +
      'Doudi-Webhook-Signature (docs/webhooks.md).',
  })
  secret: string | null;
}

@ObjectType()
export class WebhookDeliveryPayload {
  @Field(() => WebhookDelivery)
  delivery: WebhookDelivery;
}
