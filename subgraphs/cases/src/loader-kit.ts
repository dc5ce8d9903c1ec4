import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid } from '@doudi/shared';

const OLDEST_FIRST = [{ createdAt: 'asc' }, { id: 'asc' }] as const;

/** Rows of one entity by their case, oldest first unless told: a page of cases costs one query per list. */
export const byCase = <T extends { caseId: string }>(
  em: EntityManager,
  entity: new () => T,
  orderBy: Record<string, 'asc' | 'desc'>[] = [...OLDEST_FIRST],
) =>
  groupLoader<T>(
    (ids) => em.find(entity, { caseId: { $in: ids.filter(isUuid) } } as never, { orderBy: orderBy as never }),
    (row) => row.caseId,
  );

/** One entity by its id. */
export const byId = <T extends { id: string }>(em: EntityManager, entity: new () => T) =>
  byKeyLoader<T>(
    (ids) => em.find(entity, { id: { $in: ids.filter(isUuid) } } as never),
    (row) => row.id,
  );
