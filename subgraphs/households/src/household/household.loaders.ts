import type { EntityManager } from '@mikro-orm/postgresql';
import {
  byKeyLoader,
  groupLoader,
  isUuid,
  readsRows,
  rowReader,
  type LoaderRequest,
  type PageWindow,
} from '@doudi/shared';
import { Household } from './household.entity.js';
import { Person, RelationshipToHead } from '../person/person.entity.js';

const HEAD_FIRST = Object.values(RelationshipToHead);

/**
 * One page of one household's members: `householdId:offset:limit:present`, where `present` is the day (YYYY-MM-DD) on
 * which they must still belong to the household (recordMemberExit), or `all` for every member ever registered.
 */
export const memberPageKey = (householdId: string, window: PageWindow, presentOn: string | null = null) =>
  `${householdId}:${window.offset}:${window.limit}:${presentOn ?? 'all'}`;

/**
 * Pages of members, head first, cut in SQL: one query per distinct window for every household asked in
 * the request, each carrying its households' totals; a separate count only for a page past the last member.
 */
function memberPageLoader(em: EntityManager) {
  return byKeyLoader(
    async (keys: readonly string[]) => {
      const parsed = keys.map((key) => {
        const [householdId, offset, limit, present] = key.split(':');
        return { key, householdId, offset: Number(offset), limit: Number(limit), present };
      });
      const ids = [...new Set(parsed.map((p) => p.householdId).filter(isUuid))];
      const pages = new Map<string, Person[]>();
      const totals = new Map<string, number>();
      if (ids.length) {
        const connection = em.getConnection();
        // The members as read-only rows, not entities in the request's identity map (most of a page's CPU).
        const readPerson = rowReader(em, Person);
        const windows = new Map<string, { offset: number; limit: number; present: string; ids: Set<string> }>();
        for (const { householdId, offset, limit, present } of parsed) {
          const name = `${offset}:${limit}:${present}`;
          const window = windows.get(name) ?? { offset, limit, present, ids: new Set<string>() };
          if (isUuid(householdId)) window.ids.add(householdId);
          windows.set(name, window);
        }
        // A member who died or left on the day or before is no longer one (recordMemberExit); `all` keeps everyone.
        const presentSql = `(?::text = 'all' or p.exited_on is null or p.exited_on > nullif(?::text, 'all')::date)`;
        for (const { offset, limit, present, ids: windowIds } of windows.values()) {
          if (!limit || !windowIds.size) continue;
          const rows: Record<string, unknown>[] = await connection.execute(
            `select * from (
             select p.*, row_number() over (partition by p.household_id
               order by array_position(?::text[], p.relationship_to_head), p.created_at, p.id) as "__position",
               count(*) over (partition by p.household_id)::int as "__total"
             from person p where p.household_id = any(?::uuid[]) and ${presentSql}) ranked
           where "__position" > ? and "__position" <= ? order by household_id, "__position"`,
            [`{${HEAD_FIRST.join(',')}}`, `{${[...windowIds].join(',')}}`, present, present, offset, offset + limit],
          );
          for (const row of rows) {
            totals.set(`${row.household_id as string}:${present}`, row.__total as number);
            delete row.__position;
            delete row.__total;
            const person = readPerson(row);
            const key = memberPageKey(person.householdId, { offset, limit }, present === 'all' ? null : present);
            pages.set(key, [...(pages.get(key) ?? []), person]);
          }
        }
        // Only a page past a household's last member leaves its total unknown: count just those.
        const uncounted = new Map<string, Set<string>>();
        for (const { householdId, present } of parsed)
          if (isUuid(householdId) && !totals.has(`${householdId}:${present}`))
            uncounted.set(present, (uncounted.get(present) ?? new Set()).add(householdId));
        for (const [present, uncountedIds] of uncounted) {
          for (const row of await connection.execute(
            `select household_id, count(*)::int as total from person p
             where household_id = any(?::uuid[]) and ${presentSql} group by household_id`,
            [`{${[...uncountedIds].join(',')}}`, present, present],
          ))
            totals.set(`${row.household_id}:${present}`, row.total);
        }
      }
      return parsed.map(({ key, householdId, present }) => ({
        key,
        nodes: pages.get(key) ?? [],
        totalCount: totals.get(`${householdId}:${present}`) ?? 0,
      }));
    },
    (page) => page.key,
  );
}

/** The household's columns but the lazy ones (the address: Household.address reads it when asked). */
function householdRows(em: EntityManager) {
  const meta = em.getMetadata().get(Household.name);
  const columns = meta.props
    .filter((p) => p.persist !== false && !p.lazy && p.fieldNames?.length === 1)
    .map((p) => `"${p.fieldNames[0]}"`)
    .join(', ');
  return { columns, read: rowReader(em, Household) };
}

/** Per request: households, their addresses and their members, each a query for any number of households. */
export function createHouseholdLoaders(em: EntityManager, request?: LoaderRequest) {
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
    /**
     * Households by id — in a query as read-only rows (rowReader), without the lazy address: every read path
     * (references, a person's household) only reads their columns, and hydrating them as entities was a fixed
     * part of every page that names a household (issue 16 item 2). In a mutation, entities (readsRows).
     */
    household: byKeyLoader(
      async (ids) => {
        if (!readsRows(request)) return em.find(Household, { id: { $in: ids.filter(isUuid) } });
        const { columns, read } = householdRows(em);
        const rows: Record<string, unknown>[] = await em
          .getConnection()
          .execute(`select ${columns} from household where id = any(?::uuid[])`, [`{${ids.filter(isUuid).join(',')}}`]);
        return rows.map(read);
      },
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
