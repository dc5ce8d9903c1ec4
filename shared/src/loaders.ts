import DataLoader from 'dataloader';
import { ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from './ids.js';
import type { LoaderRequest } from './subgraph.js';

/**
 * One row per key, in key order (null where none): the shape __resolveReference and to-one fields need.
 * Every loader is created per request, so its cache never outlives the request's EntityManager.
 */
export function byKeyLoader<T, K extends string = string>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T | null> {
  return new DataLoader<K, T | null>(async (keys) => {
    const rows = new Map((await fetch(keys)).map((row) => [keyOf(row), row] as const));
    return keys.map((key) => rows.get(key) ?? null);
  });
}

/** All rows per key, in key order: the shape one-to-many fields need. */
export function groupLoader<T, K extends string = string>(
  fetch: (keys: readonly K[]) => Promise<T[]>,
  keyOf: (row: T) => K,
): DataLoader<K, T[]> {
  return new DataLoader<K, T[]>(async (keys) => {
    const groups = new Map<K, T[]>(keys.map((key) => [key, []]));
    for (const row of await fetch(keys)) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** A row's columns as the entity's property names, typed as the ORM types them (see rowReader). */
type Column = { name: string; column: string; convert: ((value: unknown) => unknown) | null };

/**
 * Reads raw rows (`em.getConnection().execute`) as instances of an entity's class for a read path, without the
 * ORM's hydration: no identity map, no change set, no reference propagation — most of a list's CPU when it needs
 * the columns only. Each property the row holds becomes an own property of an object with the class's prototype
 * (its getters work; the ORM's property accessors are shadowed, never called), converted as the ORM converts it
 * (timestamps as Date, its custom types: dates, JSON, arrays). Never hand such an object to em.persist or em.flush: writes load the
 * entity through the ORM.
 */
export function rowReader<T extends object>(
  em: EntityManager,
  entity: abstract new (...args: never[]) => T,
): (row: Record<string, unknown>) => T {
  const meta = em.getMetadata().get(entity.name);
  const platform = em.getPlatform();
  const columns: Column[] = meta.props
    .filter(
      (p) =>
        p.persist !== false &&
        !p.formula &&
        p.fieldNames?.length === 1 &&
        (p.kind === ReferenceKind.SCALAR || (p.kind === ReferenceKind.MANY_TO_ONE && p.mapToPk)),
    )
    .map((p) => ({
      name: p.name,
      column: p.fieldNames[0],
      convert: p.customType
        ? (value: unknown) => p.customType!.convertToJSValue(value, platform)
        : p.runtimeType === 'Date'
          ? (value: unknown) => (value instanceof Date ? value : platform.parseDate(value as string))
          : null,
    }));
  return (row) => {
    const record = Object.create(entity.prototype) as T;
    for (const { name, column, convert } of columns) {
      if (!(column in row)) continue;
      const raw = row[column];
      const value = convert && raw !== null && raw !== undefined ? convert(raw) : raw;
      Object.defineProperty(record, name, { value, writable: true, enumerable: true, configurable: true });
    }
    return record;
  };
}

/**
 * Rows of an entity's table that meet a plain SQL condition (`?` placeholders), in `orderBy` (SQL), read as
 * rowReader reads them — every persisted column but the lazy ones, no hydration. For read paths (loaders
 * feeding resolvers); never hand the result to em.persist or em.flush.
 */
export async function selectRows<T extends object>(
  em: EntityManager,
  entity: abstract new (...args: never[]) => T,
  where: string,
  parameters: unknown[],
  orderBy?: string,
): Promise<T[]> {
  const meta = em.getMetadata().get(entity.name);
  const columns = meta.props
    .filter(
      (p) =>
        p.persist !== false &&
        !p.lazy &&
        !p.formula &&
        p.fieldNames?.length === 1 &&
        (p.kind === ReferenceKind.SCALAR || (p.kind === ReferenceKind.MANY_TO_ONE && p.mapToPk)),
    )
    .map((p) => `"${p.fieldNames[0]}"`)
    .join(', ');
  const rows: Record<string, unknown>[] = await em
    .getConnection()
    .execute(
      `select ${columns} from "${meta.tableName}" where ${where}${orderBy ? ` order by ${orderBy}` : ''}`,
      parameters,
    );
  return rows.map(rowReader(em, entity));
}

/** A PostgreSQL array literal of uuids for `= any(?::uuid[])`, anything that is not one left out. */
export const uuidArray = (ids: readonly string[]) => `{${ids.filter(isUuid).join(',')}}`;

/**
 * Whether a loader may read rows (selectRows, rowReader) rather than entities: only in a query (LoaderRequest.readOnly).
 * In a mutation a row would not show a change the request itself made to the entity.
 */
export const readsRows = (request: LoaderRequest | undefined): boolean => request?.readOnly?.() === true;
