import { ArgsType, Directive, Field, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@ObjectType({ description: 'Where a page ends and whether another follows.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to read the next page.' })
  endCursor: string | null;
}

/** The paging arguments every list takes (docs/architecture.md, API conventions); each list adds its own filter and orderBy. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, at most ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string;

  @Field(() => Int, { nullable: true, description: 'Rows to skip (after the cursor, if one is given).' })
  offset?: number;
}

export interface PageWindow {
  offset: number;
  limit: number;
}

// The cursor is opaque to clients; today it carries a row position within the requested ordering.
const encodeCursor = (position: number) => Buffer.from(`p:${position}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^p:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput('after', 'after must be an endCursor returned by this list');
  return Number(match[1]);
}

export function pageWindow(args: PageArgs): PageWindow {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badInput('first', `first must be between 0 and ${MAX_PAGE_SIZE}, got ${args.first}`);
  }
  const skip = args.offset ?? 0;
  if (!Number.isInteger(skip) || skip < 0) throw badInput('offset', 'offset must not be negative');
  const start = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset: start + skip, limit };
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

export function toConnection<T>(nodes: T[], totalCount: number, window: PageWindow): Connection<T> {
  const last = window.offset + nodes.length - 1;
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage: last + 1 < totalCount, endCursor: nodes.length ? encodeCursor(last) : null },
  };
}

/** Builds the `XConnection` object type for a node type. */
export function ConnectionType<T extends object>(node: ClassType<T>) {
  // Abstract: only the named subclasses (CaseConnection, …) are reachable, so only they reach the schema.
  @ObjectType()
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter, on all pages.' })
    totalCount: number;
  }
  return ConnectionClass;
}

export interface Order<F extends string> {
  field: F;
  direction?: OrderDirection;
}

/**
 * Builds a list's `orderBy` element, `XOrder { field: XOrderField!, direction: OrderDirection }`, from the
 * sortable fields and the column each sorts by.
 */
export function OrderInputType<F extends string>(name: string, columns: Record<F, string>) {
  const fields = Object.fromEntries(Object.keys(columns).map((f) => [f, f])) as Record<F, F>;
  registerEnumType(fields, { name: `${name}OrderField` });

  @InputType(`${name}Order`)
  class OrderInput implements Order<F> {
    @Field(() => fields)
    field: F;

    @Field(() => OrderDirection, { nullable: true, defaultValue: OrderDirection.ASC })
    direction?: OrderDirection;
  }
  return OrderInput;
}

/** Turns `[{ field, direction }]` into a MikroORM orderBy with the id as the last tie-breaker. */
export function orderByOf<F extends string>(
  order: Order<F>[] | undefined,
  columns: Record<F, string>,
  fallback: Record<string, 'asc' | 'desc'>,
  key = 'id',
): Record<string, 'asc' | 'desc'>[] {
  const given = (order ?? []).map(
    (o) =>
      ({ [columns[o.field]]: o.direction === OrderDirection.DESC ? 'desc' : 'asc' }) as Record<string, 'asc' | 'desc'>,
  );
  return [...(given.length ? given : [fallback]), { [key]: 'asc' }];
}

/** Pages a list already in memory (small per-parent lists such as a household's members). */
export function sliceToConnection<T>(all: T[], args: PageArgs): Connection<T> {
  const window = pageWindow(args);
  return toConnection(all.slice(window.offset, window.offset + window.limit), all.length, window);
}

/**
 * Incremental sync (docs/sync.md): a list asked with `updatedSince` answers the records changed at or after it in
 * the order (updatedAt, id) ascending. Its cursor carries the last record's updatedAt (to the microsecond, as
 * PostgreSQL keeps it) and id, so a page reads on after exactly that record however many changes land meanwhile,
 * and the pass's `syncedUntil`, so every page of a pass answers the same one.
 */
export interface SyncWindow {
  since: Date;
  after: { at: string; id: string } | null;
  /** The first page's horizon, carried by the cursor; null on a first page (the list reads it then). */
  until: Date | null;
  limit: number;
}

const EXACT_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeSyncCursor = (at: string, id: string, until: Date) =>
  Buffer.from(`s:${at}|${id}|${until.toISOString()}`).toString('base64url');

function decodeSyncCursor(cursor: string): { at: string; id: string; until: Date } {
  const match = /^s:([^|]+)\|([^|]+)\|([^|]+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  const until = match ? new Date(match[3]) : null;
  if (!match || !EXACT_INSTANT.test(match[1]) || !UUID.test(match[2]) || !until || Number.isNaN(until.getTime())) {
    throw badInput('after', 'after must be an endCursor returned by this list with the same updatedSince');
  }
  return { at: match[1], id: match[2], until };
}

/**
 * The window of a sync page. `field` names the argument for errors (`filter.updatedSince` or `updatedSince`).
 * A sync orders by (updatedAt, id) and pages by cursor only: orderBy and offset are refused rather than ignored.
 */
export function syncWindow(
  args: PageArgs & { orderBy?: unknown[] | null },
  since: Date,
  field = 'filter.updatedSince',
): SyncWindow {
  if (!(since instanceof Date) || Number.isNaN(since.getTime())) {
    throw badInput(field, `${field} must be an instant, ISO 8601 with an offset`);
  }
  if (args.orderBy?.length) {
    throw badInput('orderBy', `With ${field} the list is ordered by updatedAt then id; leave orderBy out`);
  }
  if (args.offset) throw badInput('offset', `With ${field} pages follow endCursor (after); offset is not taken`);
  const { limit } = pageWindow({ first: args.first });
  const cursor = args.after ? decodeSyncCursor(args.after) : null;
  return { since, after: cursor && { at: cursor.at, id: cursor.id }, until: cursor?.until ?? null, limit };
}

export interface SyncConnection<T> extends Connection<T> {
  syncedUntil: Date | null;
}

export const SYNCED_UNTIL_DESCRIPTION =
  'Only with updatedSince: pass this as updatedSince of your next sync (after the last page of this one). Every ' +
  'change committed after this read carries an updatedAt at or after it, even one whose transaction began before ' +
  'the read and committed after it: it is the earlier of this read’s start and the start of every transaction still ' +
  'open on the records’ database, less a margin for clock differences between servers. So the next sync reads some ' +
  'records again; keep one copy per id, the one with the latest updatedAt (docs/sync.md). Every page of one pass ' +
  'answers the same value.';

/** `ConnectionType` with the `syncedUntil` of incremental sync, for the lists that take `updatedSince`. */
export function SyncConnectionType<T extends object>(node: ClassType<T>) {
  @ObjectType()
  abstract class SyncConnectionClass extends ConnectionType(node) implements SyncConnection<T> {
    @Field(() => Date, { nullable: true, description: SYNCED_UNTIL_DESCRIPTION })
    syncedUntil: Date | null;
  }
  return SyncConnectionClass;
}

export const UPDATED_SINCE_DESCRIPTION =
  'Incremental sync: only records changed at or after this instant, oldest change first (updatedAt, then id), ' +
  'withdrawn, ended and closed ones included with their status. Page with after (orderBy and offset are refused); ' +
  'totalCount then counts the changes from this page on. Start with an early instant, then pass the syncedUntil the ' +
  'answer gives (docs/sync.md). It narrows what you may read, never widens it.';
