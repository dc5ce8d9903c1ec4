import type { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPHS, type SubgraphName } from '../config.js';
import { readBody, sendJson, type Route } from '../http.js';
import { isUuid } from '../ids.js';
import type { Logger } from '../logger.js';
import type { DeliveryVerifier } from './delivery-token.js';
import type { DeliveredEvent, EventHandlers } from './event.js';
import type { EventType } from './subscriptions.js';
import { ProcessedEvent } from './processed-event.entity.js';
import { inBackground } from '../database/orm.js';

/** One event is a few hundred bytes; anything near this is not one. */
const MAX_EVENT_BYTES = 1_000_000;

export interface EventReceiverOptions {
  orm: MikroORM;
  handlers: EventHandlers;
  verifier: DeliveryVerifier;
  logger: Logger;
}

function parseEvent(body: string): DeliveredEvent | null {
  try {
    const event = JSON.parse(body) as DeliveredEvent;
    const wellFormed =
      typeof event === 'object' &&
      event !== null &&
      typeof event.eventId === 'string' &&
      isUuid(event.eventId) &&
      typeof event.type === 'string' &&
      typeof event.aggregateId === 'string' &&
      typeof event.payload === 'object' &&
      event.payload !== null &&
      SUBGRAPHS.includes(event.producer as SubgraphName) &&
      typeof event.occurredAt === 'string';
    return wellFormed ? event : null;
  } catch {
    return null;
  }
}

/**
 * POST /internal/events: one signed event per request. The answer tells the producer's relay what to do:
 * 2xx (processed, duplicate, ignored) marks the row delivered; anything else makes it retry later.
 */
export function eventReceiver({ orm, handlers, verifier, logger }: EventReceiverOptions): Route {
  return async (req, res) => {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'POST one event' });
    const body = await readBody(req, MAX_EVENT_BYTES);
    let signer: SubgraphName;
    try {
      signer = await verifier.verify(req.headers.authorization, body);
    } catch {
      return sendJson(res, 401, { error: 'This endpoint accepts only event deliveries signed by a subgraph' });
    }
    const event = parseEvent(body);
    if (!event) return sendJson(res, 400, { error: 'The body is not an event' });
    if (event.producer !== signer) return sendJson(res, 401, { error: `Signed by ${signer}, not ${event.producer}` });

    const log = logger.child({ eventId: event.eventId, type: event.type, producer: event.producer });
    const handler = handlers[event.type as EventType];
    if (!handler) {
      // Subscriptions are static, so this is a producer ahead of this subgraph: answering 2xx stops the retries.
      log.info('ignored an event this subgraph has no handler for');
      return sendJson(res, 200, { status: 'ignored' });
    }
    try {
      // Background work, like the jobs: a test counting the statements of a request does not count an event that
      // happens to arrive meanwhile (database/orm.ts countQueries).
      const status = await inBackground(() =>
        orm.em.fork().transactional(async (em) => {
          // Waits for a concurrent delivery of the same event to commit, then finds its row: handled once.
          const claim = await em
            .createQueryBuilder(ProcessedEvent)
            .insert({ eventId: event.eventId, type: event.type, processedAt: new Date() })
            .onConflict('eventId')
            .ignore()
            .execute('run');
          if (!claim.affectedRows) return 'duplicate';
          await handler(em, event);
          return 'processed';
        }),
      );
      sendJson(res, 200, { status });
    } catch (error) {
      log.error({ err: error }, 'event handler failed; the producer will retry');
      sendJson(res, 500, { status: 'failed' });
    }
  };
}
