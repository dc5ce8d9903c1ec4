import type { EntityManager } from '@mikro-orm/postgresql';
import { byKeyLoader, groupLoader, isUuid, type PageWindow } from '@doudi/shared';
import { Household } from './household.entity.js';
import { Person, RelationshipToHead } from '../person/person.entity.js';

const HEAD_FIRST = Object.values(RelationshipToHead);

/** One page of one household's members: `householdId:offset:limit`. */
export const memberPageKey = (householdId: string, window: PageWindow) =>
  `${householdId}:${window.offset}:${window.limit}`;

/**
 * Pages of members, head first, cut in SQL: one query per distinct window for every household asked in
 * the request, each carrying its households' totals; a separate count only for a page past the last member.
 */
function memberPageLoader(em: EntityManager) {
  return byKeyLoader(
    async (keys: readonly string[]) => {
      const parsed = keys.map((key) => {
        const [householdId, offset, limit] = key.split(':');
        return { key, householdId, offset: Number(offset), limit: Number(limit) };
      });
      const ids = [...new Set(parsed.map((p) => p.householdId).filter(isUuid))];
      const pages = new Map<string, Person[]>();
      const totals = new Map<string, number>();
      if (ids.length) {
        const connection = em.getConnection();
        const windows = new Map<string, { offset: number; limit: number; ids: Set<string> }>();
        for (const { householdId, offset, limit } of parsed) {
          const window = windows.get(`${offset}:${limit}`) ?? { offset, limit, ids: new Set<string>() };
          if (isUuid(householdId)) window.ids.add(householdId);
          windows.set(`${offset}:${limit}`, window);
        }
        for (const { offset, limit, ids: windowIds } of windows.values()) {
          if (!limit || !windowIds.size) continue;
          const rows: Record<string, unknown>[] = await connection.execute(
            `select * from (
             select p.*, row_number() over (partition by p.household_id
               order by array_position(?::text[], p.relationship_to_head), p.created_at, p.id) as "__position",
               count(*) over (partition by p.household_id)::int as "__total"
             from person p where p.household_id = any(?::uuid[])) ranked
           where "__position" > ? and "__position" <= ? order by household_id, "__position"`,
            [`{${HEAD_FIRST.join(',')}}`, `{${[...windowIds].join(',')}}`, offset, offset + limit],
          );
          for (const row of rows) {
            totals.set(row.household_id as string, row.__total as number);
            delete row.__position;
            delete row.__total;
            const person = em.map(Person, row);
            const key = memberPageKey(person.householdId, { offset, limit });
            pages.set(key, [...(pages.get(key) ?? []), person]);
          }
        }
        // Only a page past a household's last member leaves its total unknown: count just those.
        const uncounted = ids.filter((id) => !totals.has(id));
        if (uncounted.length) {
          for (const row of await connection.execute(
            'select household_id, count(*)::int as total from person where household_id = any(?::uuid[]) group by household_id',
            [`{${uncounted.join(',')}}`],
          ))
            totals.set(row.household_id, row.total);
        }
      }
      return parsed.map(({ key, householdId }) => ({
        key,
        nodes: pages.get(key) ?? [],
        totalCount: totals.get(householdId) ?? 0,
      }));
    },
    (page) => page.key,
  );
}

/** Per request: households, their addresses and their members, each a query for any number of households. */
export function createHouseholdLoaders(em: EntityManager) {
  return {
    /** A household's address, read only when a query asks for it (the column is lazy). */
    householdAddress: byKeyLoader(
      async (ids) =>
        (await em
          .getConnection()
          .execute('select id, address from household where id = any(?::uuid[])', [
            `{${ids.filter(isUuid).join(',')}}`,
          ])) as { id: string; address: string | null }[],
      (row) => row.id,
    ),
    memberPage: memberPageLoader(em),
    household: byKeyLoader(
      (ids) => em.find(Household, { id: { $in: ids.filter(isUuid) } }),
      (h) => h.id,
    ),
    membersByHousehold: groupLoader(
      async (ids) =>
        (
          await em.find(
            Person,
            { householdId: { $in: ids.filter(isUuid) } },
            { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
          )
        ).sort((a, b) => HEAD_FIRST.indexOf(a.relationshipToHead) - HEAD_FIRST.indexOf(b.relationshipToHead)),
      (p) => p.householdId,
    ),
  };
}

export type HouseholdLoaders = ReturnType<typeof createHouseholdLoaders>;
