import { graphql } from '../graphql/graphql';

export const SUBSCRIPTION_FIELDS = graphql(`
  fragment WebhookSubscriptionRow on WebhookSubscription {
    id
    version
    url
    eventTypes
    status
    consecutiveFailures
    pauseReason
    pausedAt
    secretRotatedAt
    createdAt
    updatedAt
  }
`);

export const DELIVERY_FIELDS = graphql(`
  fragment WebhookDeliveryRow on WebhookDelivery {
    id
    eventId
    type
    status
    attemptCount
    lastResponseStatus
    lastError
    lastAttemptAt
    nextAttemptAt
    deliveredAt
    occurredAt
    replayedAt
    createdAt
  }
`);

/** An app's subscriptions, newest first (the API lists only what the caller manages). */
export const WEBHOOK_SUBSCRIPTIONS = graphql(
  `
    query WebhookSubscriptions($filter: WebhookSubscriptionFilter, $first: Int) {
      webhookSubscriptions(filter: $filter, first: $first) {
        totalCount
        nodes {
          ...WebhookSubscriptionRow
          apiClient {
            id
            name
            organisation {
              id
              name
            }
          }
        }
      }
    }
  `,
  [SUBSCRIPTION_FIELDS],
);

/** One subscription's deliveries, newest first, optionally of one status, a page at a time. */
export const WEBHOOK_DELIVERIES = graphql(
  `
    query WebhookDeliveries($id: ID!, $status: WebhookDeliveryStatus, $first: Int, $offset: Int) {
      webhookSubscription(id: $id) {
        id
        deliveries(status: $status, first: $first, offset: $offset) {
          totalCount
          nodes {
            ...WebhookDeliveryRow
          }
        }
      }
    }
  `,
  [DELIVERY_FIELDS],
);

/** The secret comes in this answer only (null on a retry with the same key). */
export const CREATE_WEBHOOK = graphql(
  `
    mutation CreateWebhookSubscription($input: CreateWebhookSubscriptionInput!) {
      createWebhookSubscription(input: $input) {
        secret
        subscription {
          ...WebhookSubscriptionRow
        }
      }
    }
  `,
  [SUBSCRIPTION_FIELDS],
);

export const UPDATE_WEBHOOK = graphql(
  `
    mutation UpdateWebhookSubscription($input: UpdateWebhookSubscriptionInput!) {
      updateWebhookSubscription(input: $input) {
        subscription {
          ...WebhookSubscriptionRow
        }
      }
    }
  `,
  [SUBSCRIPTION_FIELDS],
);

export const ROTATE_WEBHOOK_SECRET = graphql(
  `
    mutation RotateWebhookSecret($input: RotateWebhookSecretInput!) {
      rotateWebhookSecret(input: $input) {
        secret
        subscription {
          ...WebhookSubscriptionRow
        }
      }
    }
  `,
  [SUBSCRIPTION_FIELDS],
);

export const DELETE_WEBHOOK = graphql(`
  mutation DeleteWebhookSubscription($input: DeleteWebhookSubscriptionInput!) {
    deleteWebhookSubscription(input: $input) {
      subscription {
        id
      }
    }
  }
`);

export const REPLAY_DELIVERY = graphql(
  `
    mutation ReplayWebhookDelivery($input: ReplayWebhookDeliveryInput!) {
      replayWebhookDelivery(input: $input) {
        delivery {
          ...WebhookDeliveryRow
        }
      }
    }
  `,
  [DELIVERY_FIELDS],
);
