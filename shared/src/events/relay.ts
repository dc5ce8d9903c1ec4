import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config.js';
import { createJobQueue, queueName } from '../jobs/queue.js';
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
  /** How often a replica looks for deliveries whose back-off has passed (new events wake it at once). */
  pollMs: number;
  /** The limit on one delivery. */
  timeoutMs?: number;
}

export interface OutboxRelay {
  /** Delivers every due event now and resolves with how many were delivered meanwhile. */
  drain(): Promise<number>;
  /** Delivers as events commit, and retries, until stop(). */
  start(): void;
  /** Stops and waits for the delivery in flight. */
  stop(): Promise<void>;
}

export const DELIVER_TASK = 'deliver-event';
/** About ten days of retries with the queue's back-off (e^attempt seconds, at most e^10 s ≈ 6 h apart). */
const MAX_ATTEMPTS = 50;

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
 * Queues a delivery for every outbox row as it is inserted — a trigger, so in the very transaction of the
 * business change (publishEvent) — and for any row left undelivered (rows from before the queue, or whose
 * retries ran out), once at start.
 */
async function enqueueOutbox(client: { query(sql: string): Promise<unknown> }, schema: string) {
  const addJob = (id: string) =>
    `${queueName(schema, 'add_job')}('${DELIVER_TASK}', json_build_object('id', ${id}), max_attempts => ${MAX_ATTEMPTS},
       job_key => ${id}::text)`;
  await client.query(`create or replace function ${queueName(schema, 'outbox_message_enqueue')}() returns trigger
    language plpgsql as $$ begin perform ${addJob('new.id')}; return null; end $$`);
  await client.query(`create or replace trigger outbox_message_enqueue after insert on ${queueName(schema, 'outbox_message')}
    for each row execute function ${queueName(schema, 'outbox_message_enqueue')}()`);
  // Not for a row whose delivery is queued or running: re-adding a running one would send it twice.
  await client.query(`select ${addJob('id')} from ${queueName(schema, 'outbox_message')} as message
    where delivered_at is null
      and not exists (select 1 from ${queueName(schema, '_private_jobs')} where key = message.id::text)`);
}

/**
 * Delivers the producer's outbox through the job queue (jobs/queue.ts): one queued delivery per outbox row,
 * taken by one replica at a time, retried with back-off until the consumer answers 2xx. A row is sent again
 * only when the replica dies between the answer and marking it delivered; consumers de-duplicate on the
 * event id for that case.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { orm, producer, signer, logger } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let delivered = 0;

  async function deliver(payload: unknown) {
    const { id } = payload as { id: string };
    const em = orm.em.fork();
    const message = await em.findOne(OutboxMessage, { id });
    if (!message || message.deliveredAt) return;
    const body = JSON.stringify(deliveredEventOf(message, producer));
    let failure: string | null;
    try {
      const response = await fetch(eventsUrlOf(options.urlOf(message.consumer)), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: await signer.sign(message.consumer, body) },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await response.text();
      failure = response.ok ? null : `HTTP ${response.status}: ${answer.slice(0, 500)}`;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      failure = `${String(error)}${cause ? `: ${String(cause)}` : ''}`.slice(0, 500);
    }
    if (failure !== null) {
      logger.warn(
        { eventId: message.eventId, type: message.type, consumer: message.consumer },
        `event delivery failed, will retry: ${failure}`,
      );
      throw new Error(failure);
    }
    await em.nativeUpdate(OutboxMessage, { id }, { deliveredAt: new Date() });
    delivered++;
  }

  const queue = createJobQueue({
    orm,
    logger,
    pollMs: options.pollMs,
    tasks: { [DELIVER_TASK]: deliver },
    prepare: enqueueOutbox,
  });

  return {
    async drain() {
      const before = delivered;
      await queue.runDue();
      return delivered - before;
    },
    start: () => queue.start(),
    stop: () => queue.stop(),
  };
}
