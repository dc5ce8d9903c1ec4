import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError, ErrorCode } from '../errors.js';

/**
 * Counts attempts per key (an account, a client address, a caller probing ID numbers) in PostgreSQL, so the
 * limit holds across replicas. Uses rate-limiter-flexible's PostgreSQL store on the subgraph's own
 * connection; the subgraph lists ThrottleCounter in its entities so a migration makes the table.
 */
export interface ThrottleOptions {
  /** Tells this throttle's rows from another's in the same table, e.g. 'sign-in-account'. */
  name: string;
  /** Attempts allowed per window. */
  points: number;
  durationSeconds: number;
  /** Once over the limit, the key stays refused this long (default: the rest of the window). */
  blockSeconds?: number;
}

export interface Throttle {
  /** Counts `points` attempts for the key; over the limit it throws LIMIT_EXCEEDED with retryAfterSeconds. */
  consume(key: string, points?: number): Promise<void>;
  /** Seconds until the key may try again without counting an attempt; 0 when it may now. */
  retryAfter(key: string): Promise<number>;
  /** Forgets the key's attempts (e.g. after a successful sign-in). */
  reset(key: string): Promise<void>;
}

export const throttled = (retryAfterSeconds: number) =>
  new DomainError(ErrorCode.LIMIT_EXCEEDED, `Too many attempts; try again in ${retryAfterSeconds} seconds`, {
    retryAfterSeconds,
  });

const limiters = new WeakMap<object, Map<string, RateLimiterPostgres>>();

function limiterOf(em: EntityManager, options: ThrottleOptions): RateLimiterPostgres {
  const knex = em.getConnection().getKnex();
  let byName = limiters.get(knex);
  if (!byName) limiters.set(knex, (byName = new Map()));
  let limiter = byName.get(options.name);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: knex,
      storeType: 'knex',
      tableName: 'throttle',
      tableCreated: true,
      keyPrefix: options.name,
      points: options.points,
      duration: options.durationSeconds,
      blockDuration: options.blockSeconds ?? 0,
    });
    byName.set(options.name, limiter);
  }
  return limiter;
}

const hashed = (key: string) => createHash('sha256').update(key).digest('hex');
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

export function createThrottle(em: EntityManager, options: ThrottleOptions): Throttle {
  const limiter = limiterOf(em, options);
  return {
    async consume(key, points = 1) {
      try {
        await limiter.consume(hashed(key), points);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) throw throttled(seconds(refusal.msBeforeNext));
        throw refusal;
      }
    },
    async retryAfter(key) {
      const state = await limiter.get(hashed(key));
      return state && state.consumedPoints > options.points ? seconds(state.msBeforeNext) : 0;
    },
    async reset(key) {
      await limiter.delete(hashed(key));
    },
  };
}
