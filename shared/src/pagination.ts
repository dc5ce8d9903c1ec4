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
