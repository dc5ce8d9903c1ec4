/**
 * Admission control: each service runs at most `limit` GraphQL operations at once, lets at most `queue` more
 * wait (each no longer than `maxWaitMs`), and refuses the rest at once with HTTP 503, `Retry-After` and
 * SERVICE_UNAVAILABLE (README, "Under overload"). Without it a burst queues in the database pool until the
 * gateway's timeout, and every caller waits seconds for an answer nobody reads; with it the requests a service
 * accepts are answered in about the time one takes, and the others learn at once to come back.
 *
 * Work a caller has given up on never starts: a queued request whose signal aborts (the gateway's timeout, the
 * connection closed) leaves the queue, and its slot goes to the next.
 */

import { availableParallelism } from 'node:os';

type Env = Record<string, string | undefined>;

/**
 * The default longest wait in the gateway's queue: short, so the requests it accepts keep a bounded p99. A
 * subgraph's queue waits up to a second: the gateway in front of it is the system's tight bound.
 */
const GATEWAY_QUEUE_WAIT_MS = 250;
const SUBGRAPH_QUEUE_WAIT_MS = 1_000;

export interface AdmissionOptions {
  /** Operations run at once; for a subgraph, its database pool's size (one connection each). */
  limit: number;
  /** Operations that may wait for a slot beyond `limit`; more are refused at once. */
  queue: number;
  /** The longest a queued operation waits for a slot before it is refused. */
  maxWaitMs: number;
}

/** Why an operation was not admitted: the service is busy (queue full, or no slot within maxWaitMs). */
export class Overloaded extends Error {
  constructor(
    readonly reason: 'queue full' | 'waited too long',
    readonly active: number,
  ) {
    super(`busy: ${reason} (${active} operations in progress)`);
    this.name = 'Overloaded';
  }
}

export interface Admission {
  readonly options: AdmissionOptions;
  /** Operations running now. */
  readonly active: number;
  /** Operations waiting for a slot now. */
  readonly queued: number;
  /**
   * A slot: resolves with its release (call it once, when the work is done), rejects with Overloaded when
   * the service is busy, or with the signal's reason when the caller gives up while waiting.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

interface Waiter {
  grant(): void;
  cancel(error: Error): void;
}

export function createAdmission(options: AdmissionOptions): Admission {
  const { limit, queue, maxWaitMs } = options;
  if (!(limit >= 1) || !(queue >= 0) || !(maxWaitMs >= 0))
    throw new Error('admission: limit ≥ 1, queue ≥ 0, maxWaitMs ≥ 0');
  let active = 0;
  const waiting: Waiter[] = [];

  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      // The slot passes straight to the next in line (active stays the same), or is freed.
      if (next) next.grant();
      else active--;
    };
  };

  return {
    options,
    get active() {
      return active;
    },
    get queued() {
      return waiting.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      if (active < limit) {
        active++;
        return Promise.resolve(releaser());
      }
      if (waiting.length >= queue) return Promise.reject(new Overloaded('queue full', active));
      return new Promise((resolve, reject) => {
        const leave = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
          const index = waiting.indexOf(waiter);
          if (index >= 0) waiting.splice(index, 1);
        };
        const waiter: Waiter = {
          grant: () => {
            leave();
            resolve(releaser());
          },
          cancel: (error) => {
            leave();
            reject(error);
          },
        };
        const onAbort = () => waiter.cancel(signal!.reason as Error);
        const timer = setTimeout(() => waiter.cancel(new Overloaded('waited too long', active)), maxWaitMs);
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(waiter);
      });
    },
  };
}

function count(env: Env, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return value;
}

/** The environment variables of admission control (README, Configuration). */
export const ADMISSION_ENV = {
  limit: 'MAX_CONCURRENT_OPERATIONS',
  queue: 'OPERATION_QUEUE',
  maxWaitMs: 'OPERATION_QUEUE_WAIT_MS',
  gatewayLimit: 'GATEWAY_MAX_CONCURRENT_OPERATIONS',
  gatewayQueue: 'GATEWAY_OPERATION_QUEUE',
  gatewayMaxWaitMs: 'GATEWAY_OPERATION_QUEUE_WAIT_MS',
} as const;

/** A subgraph's bound: by default as many operations at once as its database pool has connections. */
export function subgraphAdmissionOptions(poolSize: number, env: Env = process.env): AdmissionOptions {
  const limit = count(env, ADMISSION_ENV.limit, poolSize, 1);
  return {
    limit,
    queue: count(env, ADMISSION_ENV.queue, limit, 0),
    maxWaitMs: count(env, ADMISSION_ENV.maxWaitMs, SUBGRAPH_QUEUE_WAIT_MS, 0),
  };
}

/**
 * The gateway's bound, the one that keeps the whole system's latency bounded: an operation costs CPU in the
 * gateway, the subgraphs and PostgreSQL on the same cores, so beyond about two operations per core in flight
 * they only wait for each other. Twice the cores at once, as many waiting for at most 250 ms,
 * the rest refused at once (bench:api --overload measures it; README, "Under overload").
 */
export function gatewayAdmissionOptions(env: Env = process.env): AdmissionOptions {
  const limit = count(env, ADMISSION_ENV.gatewayLimit, 2 * availableParallelism(), 1);
  return {
    limit,
    queue: count(env, ADMISSION_ENV.gatewayQueue, limit, 0),
    maxWaitMs: count(env, ADMISSION_ENV.gatewayMaxWaitMs, GATEWAY_QUEUE_WAIT_MS, 0),
  };
}
