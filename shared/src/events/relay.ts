import { pollingLoop } from '../polling.js';
import { LockMode, sql } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config.js';
import { inBackground } from '../database/orm.js';
import type { Logger } from '../logger.js';
import type { DeliverySigner } from './delivery-token.js';
import { eventsUrlOf, type DeliveredEvent } from './event.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface OutboxRelayOptions {
  orm: MikroORM;
  producer: SubgraphName;
  signer: DeliverySigner;
  /** A consumer's GraphQL URL (its events endpoint sits beside it); asked at every delivery. */
  urlOf(consumer: SubgraphName): string;
  logger: Logger;
  pollMs: number;
  /** Rows one transaction locks and sends. */
  batchSize?: number;
  /** The limit on one delivery; a slow consumer must not hold the rows' locks for long. */
  timeoutMs?: number;
}

export interface OutboxRelay {
  /** Delivers every due row now and resolves with how many were delivered. */
  drain(): Promise<number>;
  /** Polls every pollMs until stop(). */
  start(): void;
  /** Stops polling and waits for the delivery in flight. */
  stop(): Promise<void>;
}

const MAX_RETRY_DELAY_MS = 10 * 60_000;

/** 1 s, 2 s, 4 s … after the 1st, 2nd, 3rd failure, never more than 10 minutes. */
export function retryDelayMs(attempts: number, baseMs = 1_000): number {
  return Math.min(baseMs * 2 ** Math.max(attempts - 1, 0), MAX_RETRY_DELAY_MS);
}

export function deliveredEventOf(message: OutboxMessage, producer: SubgraphName): DeliveredEvent {
  return {
    eventId: message.eventId,
    type: message.type,
    aggregateId: message.aggregateId,
    payload: message.payload,
    producer,
    occurredAt: message.createdAt.toISOString(),
  };
}

/**
 * Delivers the producer's outbox: a queue in PostgreSQL. Each batch locks its rows FOR UPDATE SKIP LOCKED in
 * one transaction, sends them, and marks them delivered (or reschedules them) before committing, so any
 * number of replicas can drain one outbox and no row is sent by two at once. A row is sent again only when
 * the commit after a successful send fails; consumers de-duplicate on the event id for that case.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { orm, producer, signer, logger } = options;
  const batchSize = options.batchSize ?? 50;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function send(message: OutboxMessage): Promise<string | null> {
    const body = JSON.stringify(deliveredEventOf(message, producer));
    try {
      const response = await fetch(eventsUrlOf(options.urlOf(message.consumer)), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await signer.sign(message.consumer, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await response.text();
      return response.ok ? null : `HTTP ${response.status}: ${answer.slice(0, 500)}`;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      return `${String(error)}${cause ? `: ${String(cause)}` : ''}`.slice(0, 500);
    }
  }

  async function deliverBatch(): Promise<{ picked: number; delivered: number }> {
    return orm.em.fork().transactional(async (em) => {
      const due = await em.find(
        OutboxMessage,
        { deliveredAt: null, nextAttemptAt: { $lte: sql.now() } },
        { orderBy: { id: 'asc' }, limit: batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      let delivered = 0;
      for (const message of due) {
        const failure = await send(message);
        if (failure === null) {
          message.deliveredAt = new Date();
          message.lastError = null;
          delivered++;
          continue;
        }
        message.attempts++;
        message.nextAttemptAt = new Date(Date.now() + retryDelayMs(message.attempts));
        message.lastError = failure;
        logger.warn(
          { eventId: message.eventId, type: message.type, consumer: message.consumer, attempts: message.attempts },
          `event delivery failed, will retry: ${failure}`,
        );
      }
      return { picked: due.length, delivered };
    });
  }

  const drain = () =>
    inBackground(async () => {
      let total = 0;
      for (;;) {
        const { picked, delivered } = await deliverBatch();
        total += delivered;
        // A short batch emptied the queue; a batch that delivered nothing would only find the same failures.
        if (picked < batchSize || delivered === 0) return total;
      }
    });

  return {
    drain,
    ...pollingLoop(drain, options.pollMs, (error) =>
      logger.error({ err: error }, 'outbox relay failed; will try again'),
    ),
  };
}
