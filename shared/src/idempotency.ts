import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict } from './errors.js';

const fingerprint = (input: unknown) => createHash('sha256').update(JSON.stringify(input)).digest('hex');

/**
 * Runs a create at most once per (operation, idempotencyKey). The key is claimed in the same transaction
 * as the write, so a failed write releases it; a concurrent retry waits on the claim and then answers
 * with the first write's entity. Reusing a key for a different input is a CONFLICT.
 */
export async function createOnce<T>(
  em: EntityManager,
  operation: string,
  idempotencyKey: string | undefined | null,
  input: unknown,
  create: (em: EntityManager) => Promise<{ id: string }>,
  load: (em: EntityManager, id: string) => Promise<T>,
): Promise<T> {
  if (idempotencyKey !== undefined && idempotencyKey !== null && !/^[\x21-\x7e]{8,128}$/.test(idempotencyKey)) {
    throw badInput('idempotencyKey', 'idempotencyKey must be 8–128 visible ASCII characters (a UUID is ideal)');
  }
  const requestHash = fingerprint(input);
  const id = await em.transactional(async (tx) => {
    if (!idempotencyKey) return (await create(tx)).id;
    const connection = tx.getConnection();
    const claimed = await connection.execute(
      'insert into idempotency_key (operation, key, request_hash) values (?, ?, ?) on conflict do nothing returning key',
      [operation, idempotencyKey, requestHash],
      'all',
      tx.getTransactionContext(),
    );
    if (claimed.length === 0) {
      const [previous] = await connection.execute(
        'select request_hash, entity_id from idempotency_key where operation = ? and key = ?',
        [operation, idempotencyKey],
        'all',
        tx.getTransactionContext(),
      );
      if (previous.request_hash !== requestHash) {
        throw conflict(`idempotencyKey "${idempotencyKey}" was already used for a different ${operation}`, {
          field: 'idempotencyKey',
        });
      }
      return previous.entity_id as string;
    }
    const created = await create(tx);
    await tx.flush();
    await connection.execute(
      'update idempotency_key set entity_id = ? where operation = ? and key = ?',
      [created.id, operation, idempotencyKey],
      'run',
      tx.getTransactionContext(),
    );
    return created.id;
  });
  return load(em, id);
}

/**
 * The entity an earlier call with this idempotency key created, or null. A create that checks the state of
 * other records first (and counts due dates remotely) asks this before, so a retry answers with the first
 * result instead of failing those checks against the state the first call left. CONFLICT as createOnce when
 * the key was used for a different input.
 */
export async function previousCreate(
  em: EntityManager,
  operation: string,
  idempotencyKey: string | undefined | null,
  input: unknown,
): Promise<string | null> {
  if (!idempotencyKey) return null;
  const [previous] = await em
    .getConnection()
    .execute('select request_hash, entity_id from idempotency_key where operation = ? and key = ?', [
      operation,
      idempotencyKey,
    ]);
  if (!previous?.entity_id) return null;
  if (previous.request_hash !== fingerprint(input)) {
    throw conflict(`idempotencyKey "${idempotencyKey}" was already used for a different ${operation}`, {
      field: 'idempotencyKey',
    });
  }
  return previous.entity_id as string;
}
