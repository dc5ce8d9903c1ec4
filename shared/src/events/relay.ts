import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config.js';
import { postSigned } from '../internal/routes.js';
import { queueName, type JobOutcome, type QueueTasks } from '../jobs/queue.js';
import type { DeliverySigner } from './delivery-token.js';
import { eventsUrlOf, type DeliveredEvent } from './event.js';
import { OutboxMessage } from './outbox-message.entity.js';

export interface OutboxDeliveryOptions {
  orm: MikroORM;
  producer: SubgraphName;
  signer: DeliverySigner;
  /** A consumer's GraphQL URL (its events endpoint sits beside it); asked at every delivery. */
  urlOf(consumer: SubgraphName): string;
  /** The limit on one delivery. */
  timeoutMs?: number;
}

export const DELIVER_TASK = 'deliver-event';
/** About ten days of retries with the queue's back-off (e^attempt seconds, at most e^10 s ≈ 6 h apart). */
const MAX_ATTEMPTS = 50;

/** How many deliveries succeeded among what the queue ran. */
export const deliveriesIn = (outcomes: JobOutcome[]) =>
  outcomes.filter(({ task, error }) => task === DELIVER_TASK && error === null).length;

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
 *
 * The trigger is per statement: one call of the queue's add_jobs for all the rows a statement inserted (a
 * screening's batch publishes a thousand leads in one insert), instead of one add_job per row. Each delivery keeps
 * its job key (the row's id) and its attempts; a new row's id is new, so add_jobs finds no job under its key and
 * adds one, as add_job's unsafe_dedupe did — the rows queued again at start still go through that mode, which
 * leaves a queued or running delivery alone.
 */
async function enqueueOutbox(client: { query(sql: string): Promise<unknown> }, schema: string) {
  const addJob = (id: string) =>
    `${queueName(schema, 'add_job')}('${DELIVER_TASK}', json_build_object('id', ${id}), max_attempts => ${MAX_ATTEMPTS},
       job_key => ${id}::text, job_key_mode => 'unsafe_dedupe')`;
  // job_spec: (identifier, payload, queue_name, run_at, max_attempts, job_key, priority, flags).
  await client.query(`create or replace function ${queueName(schema, 'outbox_message_enqueue')}() returns trigger
    language plpgsql as $$ begin
      if exists (select 1 from inserted) then
        perform ${queueName(schema, 'add_jobs')}(array(
          select row('${DELIVER_TASK}', json_build_object('id', i.id), null, null, ${MAX_ATTEMPTS}, i.id::text, null, null)
                 ::${queueName(schema, 'job_spec')}
            from inserted i));
      end if;
      return null;
    end $$`);
  // Replaces the per-row trigger of earlier versions (same name).
  await client.query(`drop trigger if exists outbox_message_enqueue on ${queueName(schema, 'outbox_message')}`);
  await client.query(`create trigger outbox_message_enqueue after insert on ${queueName(schema, 'outbox_message')}
    referencing new table as inserted for each statement execute function ${queueName(schema, 'outbox_message_enqueue')}()`);
  // unsafe_dedupe leaves a queued or running delivery alone (re-adding a running one would send it twice);
  // deliveries whose attempts ran out start again.
  await client.query(`select ${queueName(schema, 'reschedule_jobs')}(array(select id from ${queueName(schema, 'jobs')}
    where task_identifier = '${DELIVER_TASK}' and attempts >= max_attempts), run_at => now(), attempts => 0)`);
  await client.query(`select ${addJob('id')} from ${queueName(schema, 'outbox_message')} where delivered_at is null`);
}

/**
 * Delivers the producer's outbox on its job queue (jobs/queue.ts): one queued delivery per outbox row,
 * taken by one replica at a time, retried with back-off until the consumer answers 2xx. A row is sent again
 * only when the replica dies between the answer and marking it delivered; consumers de-duplicate on the
 * event id for that case.
 */
export function outboxDelivery(options: OutboxDeliveryOptions): QueueTasks {
  const { orm, producer, signer } = options;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function deliver(payload: unknown) {
    const { id } = payload as { id: string };
    // No transaction, lock or held connection across the HTTP call: the queue took the job in its own short
    // statement, the row is read in autocommit and marked in one statement after the answer, so a consumer that
    // hangs pins no database connection (test/resilience/events.test.ts watches pg_stat_activity and pg_locks).
    const em = orm.em.fork();
    const message = await em.findOne(OutboxMessage, { id });
    if (!message || message.deliveredAt) return;
    // The queue logs a failed job with its error: say there which event and consumer it was.
    const failure = (why: string) => new Error(`${why} (${message.type} ${message.eventId} to ${message.consumer})`);
    const url = eventsUrlOf(options.urlOf(message.consumer));
    const response = await postSigned(
      signer,
      message.consumer,
      url,
      deliveredEventOf(message, producer),
      timeoutMs,
    ).catch((error: Error) => {
      throw failure(`${String(error)}${error.cause ? `: ${String(error.cause)}` : ''}`);
    });
    if (!response.ok) throw failure(`HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`);
    await em.nativeUpdate(OutboxMessage, { id }, { deliveredAt: new Date() });
  }

  return { tasks: { [DELIVER_TASK]: deliver }, prepare: enqueueOutbox };
}
