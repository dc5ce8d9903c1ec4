import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Principal } from '@doudi/shared';
import { ok, startTestSubgraph } from '@doudi/shared/testing';
import { households } from '../index.js';

/**
 * Incremental sync of households (docs/sync.md): a household reads as changed whenever what it shows changes — its
 * own record, or a member added, changed or exited, by hand or by a set-based write (an import, a data push).
 */
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

const START = '2026-01-01T00:00:00+08:00';
const caseworker = (jurisdictionCode: string): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: newId(),
  jurisdictionCode,
  roles: ['CASEWORKER'],
  scopes: [],
});
const xiangfen = caseworker('141023000000');
const jinjiang = caseworker('350582000000');

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) {
  household { id members { nodes { id name } } } } }`;
const SYNC = `query($filter: HouseholdFilter, $first: Int, $after: String) {
  households(filter: $filter, first: $first, after: $after) {
    totalCount syncedUntil pageInfo { hasNextPage endCursor } nodes { id updatedAt memberCount } } }`;

async function register(jurisdictionCode: string, head: string) {
  return ok(
    await subgraph.query(CREATE, {
      input: {
        jurisdictionCode,
        hukouType: 'RURAL',
        members: [{ name: head, sex: 'MALE', relationshipToHead: 'SELF', birthDate: '1975-03-01' }],
      },
    }),
  ).createHousehold.household as { id: string; members: { nodes: { id: string }[] } };
}
async function sync(principal: Principal, filter: Record<string, unknown>, page: Record<string, unknown> = {}) {
  return ok(await subgraph.query(SYNC, { filter, first: 100, ...page }, principal)).households;
}
const ids = (page: { nodes: { id: string }[] }) => page.nodes.map((h) => h.id);

let inXincheng: Awaited<ReturnType<typeof register>>;
let inJinjiang: Awaited<ReturnType<typeof register>>;
beforeAll(async () => {
  inXincheng = await register('141023100201', '王建国');
  inJinjiang = await register('350582100201', '陈志明');
});

describe('syncing households with updatedSince', () => {
  it('answers the households within reach, never one registered and living elsewhere', async () => {
    expect(ids(await sync(xiangfen, { updatedSince: START }))).toEqual([inXincheng.id]);
    expect(ids(await sync(jinjiang, { updatedSince: START }))).toEqual([inJinjiang.id]);
  });

  it('answers a household again when a member is added, with the new member count', async () => {
    const before = await sync(xiangfen, { updatedSince: START });
    const between = new Date().toISOString();
    expect(ids(await sync(xiangfen, { updatedSince: between }))).toEqual([]);
    ok(
      await subgraph.query(
        `mutation($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { person { id } } }`,
        {
          input: {
            householdId: inXincheng.id,
            person: { name: '王小明', sex: 'MALE', relationshipToHead: 'CHILD', birthDate: '2012-09-01' },
          },
        },
        xiangfen,
      ),
    );
    const after = await sync(xiangfen, { updatedSince: between });
    expect(after.nodes).toEqual([{ id: inXincheng.id, updatedAt: expect.any(String), memberCount: 2 }]);
    expect(Date.parse(after.nodes[0].updatedAt)).toBeGreaterThan(Date.parse(before.nodes[0].updatedAt));
  });

  it('answers a household again when a set-based write (an import or a data push) changes a member', async () => {
    const between = new Date().toISOString();
    const knex = subgraph.orm.em.getKnex();
    // As an import or a data push writes: one statement for many people, not through the ORM.
    await knex.raw(`update person set schooling_stage = schooling_stage where household_id = ?`, [inJinjiang.id]);
    expect(ids(await sync(jinjiang, { updatedSince: between }))).toEqual([inJinjiang.id]);
    expect(ids(await sync(xiangfen, { updatedSince: between })), 'out of reach, never answered').toEqual([]);
    // And a set-based write to the household itself that forgets updated_at still moves it.
    const again = new Date().toISOString();
    await knex.raw(`update household set hukou_type = hukou_type where id = ?`, [inXincheng.id]);
    expect(ids(await sync(xiangfen, { updatedSince: again }))).toEqual([inXincheng.id]);
  });

  it('pages by cursor in (updatedAt, id) order and answers nothing after an instant in the future', async () => {
    for (const head of ['李大山', '赵四海']) await register('141023100201', head);
    const seen: { id: string; updatedAt: string }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await sync(xiangfen, { updatedSince: START }, { first: 2, after });
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(ids({ nodes: seen })).size).toBe(3);
    const times = seen.map((h) => Date.parse(h.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(await sync(xiangfen, { updatedSince: '2099-01-01T00:00:00+08:00' })).toMatchObject({
      nodes: [],
      totalCount: 0,
    });
  });

  it('refuses a malformed instant as BAD_USER_INPUT', async () => {
    const answer = await subgraph.query(SYNC, { filter: { updatedSince: '2026-02-30T00:00:00' } }, xiangfen);
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('householdRemovals: the tombstones of the households sync', () => {
  const REMOVALS = `query($since: DateTime!, $first: Int, $after: String) {
    householdRemovals(since: $since, first: $first, after: $after) {
      totalCount syncedUntil pageInfo { hasNextPage endCursor } nodes { householdId removedAt reason } } }`;
  const removals = async (principal: Principal, since: string, page: Record<string, unknown> = {}) =>
    ok(await subgraph.query(REMOVALS, { since, first: 100, ...page }, principal)).householdRemovals;
  const move = async (id: string, residenceJurisdictionCode: string) => {
    const { version } = ok(await subgraph.query(`{ household(id: "${id}") { version } }`)).household;
    ok(
      await subgraph.query(
        `mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id } } }`,
        { input: { id, version, residenceJurisdictionCode, source: '村委会告知' } },
      ),
    );
  };

  it('answer a household that moved out of reach, which the households sync no longer answers', async () => {
    // A Jinjiang family living in Xiangfen: Xiangfen discovers (河鱼府发【2021】39号 二(二)), so Xiangfen reads it.
    const between = new Date().toISOString();
    const family = ok(
      await subgraph.query(CREATE, {
        input: {
          jurisdictionCode: '350582100201',
          residenceJurisdictionCode: '141023100201',
          hukouType: 'RURAL',
          members: [{ name: '林阿强', sex: 'MALE', relationshipToHead: 'SELF', birthDate: '1980-06-01' }],
        },
      }),
    ).createHousehold.household;
    expect(ids(await sync(xiangfen, { updatedSince: between }))).toEqual([family.id]);
    expect((await removals(xiangfen, between)).nodes).toEqual([]);

    await move(inXincheng.id, '141023100202'); // a move within Xiangfen: still in reach, no tombstone
    await move(family.id, '350582100201'); // home again to Jinjiang: out of Xiangfen's reach
    const gone = await removals(xiangfen, between);
    expect(gone.nodes).toEqual([{ householdId: family.id, removedAt: expect.any(String), reason: 'MOVED_AWAY' }]);
    expect(gone.syncedUntil).toEqual(expect.any(String));
    expect(ids(await sync(xiangfen, { updatedSince: between }))).toEqual([inXincheng.id]);
    // Jinjiang, its hukou place, keeps it: no tombstone there, and its sync answers the move.
    expect((await removals(jinjiang, between)).nodes).toEqual([]);
    expect(ids(await sync(jinjiang, { updatedSince: between }))).toContain(family.id);
    // Nothing after an instant in the future.
    expect((await removals(xiangfen, '2099-01-01T00:00:00+08:00')).nodes).toEqual([]);
  });
});
