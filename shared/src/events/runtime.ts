import type { Constructor } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { subgraphTimeoutMs, subgraphUrl, type SubgraphName } from '../config.js';
import { loadPrivateKey, loadPublicKey } from '../auth/keys.js';
import type { Route } from '../http.js';
import type { Logger } from '../logger.js';
import { deliverySigner, deliveryVerifier } from './delivery-token.js';
import { EVENTS_PATH, type EventHandlers } from './event.js';
import { OutboxMessage } from './outbox-message.entity.js';
import { ProcessedEvent } from './processed-event.entity.js';
import { eventReceiver } from './receiver.js';
import type { QueueTasks } from '../jobs/queue.js';
import { outboxDelivery } from './relay.js';

type Env = Record<string, string | undefined>;

export interface EventsOfSubgraph {
  name: SubgraphName;
  entities: Constructor<object>[];
  eventHandlers?: EventHandlers;
}

/**
 * What a subgraph needs for events, decided by its definition: listing the OutboxMessage entity makes it a
 * producer (its queue delivers its outbox); `eventHandlers` make it a consumer (the /internal/events route).
 * Keys are loaded only for the side it plays, so a subgraph without events needs no service key.
 */
export async function setUpEvents(
  definition: EventsOfSubgraph,
  orm: MikroORM,
  env: Env,
  logger: Logger,
): Promise<{ routes: Record<string, Route>; delivery?: QueueTasks }> {
  const routes: Record<string, Route> = {};
  if (definition.eventHandlers) {
    if (!definition.entities.includes(ProcessedEvent))
      throw new Error(`${definition.name}: a subgraph with eventHandlers must list the ProcessedEvent entity`);
    routes[EVENTS_PATH] = eventReceiver({
      orm,
      handlers: definition.eventHandlers,
      verifier: await deliveryVerifier(await loadPublicKey('service', env), definition.name),
      logger: logger.child({ component: 'events' }),
    });
  }
  if (!definition.entities.includes(OutboxMessage)) return { routes };
  const delivery = outboxDelivery({
    orm,
    producer: definition.name,
    signer: await deliverySigner(await loadPrivateKey('service', env), definition.name),
    // Read at each delivery, from the same variables the gateway uses (<NAME>_URL).
    urlOf: (consumer) => subgraphUrl(consumer, env),
    timeoutMs: subgraphTimeoutMs(env),
  });
  return { routes, delivery };
}
