import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSubgraph } from '@doudi/shared/testing';
import { households } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id members { totalCount } } } }`;
const head = { name: '王秀兰', sex: 'FEMALE', birthDate: '1979-03-14', relationshipToHead: 'SELF' };
const count = async () =>
  (await subgraph.query<{ households: { totalCount: number } }>(`{ households { totalCount } }`)).data!.households
    .totalCount;

describe('registering a household', () => {
  it('creates it once when a client retries with the same idempotencyKey', async () => {
    const input = { jurisdictionCode: '141023000000', members: [head], idempotencyKey: 'retry-key-0001' };
    const first = await subgraph.query(CREATE, { input });
    const again = await subgraph.query(CREATE, { input });
    expect(again.data!.createHousehold.household.id).toBe(first.data!.createHousehold.household.id);
  });

  it('creates it once when the same request arrives twice at the same moment', async () => {
    const before = await count();
    const input = { jurisdictionCode: '141023000000', members: [head], idempotencyKey: 'parallel-key-0001' };
    const results = await Promise.all([subgraph.query(CREATE, { input }), subgraph.query(CREATE, { input })]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(new Set(results.map((r) => r.data!.createHousehold.household.id)).size).toBe(1);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a reused idempotencyKey for a different household with CONFLICT', async () => {
    await subgraph.query(CREATE, {
      input: { jurisdictionCode: '141023000000', members: [head], idempotencyKey: 'reused-key-0001' },
    });
    const other = await subgraph.query(CREATE, {
      input: { jurisdictionCode: '350582000000', members: [head], idempotencyKey: 'reused-key-0001' },
    });
    expect(other.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('needs exactly one head', async () => {
    const none = await subgraph.query(CREATE, {
      input: { jurisdictionCode: '141023000000', members: [{ ...head, relationshipToHead: 'CHILD' }] },
    });
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.members' });
    const two = await subgraph.query(CREATE, { input: { jurisdictionCode: '141023000000', members: [head, head] } });
    expect(two.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.members' });
  });

  it('refuses impossible birth dates, naming the member', async () => {
    const result = await subgraph.query(CREATE, {
      input: { jurisdictionCode: '141023000000', members: [{ ...head, birthDate: '1979-02-30' }] },
    });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the households of a county and of nowhere else', async () => {
    await subgraph.query(CREATE, { input: { jurisdictionCode: '500229218001', members: [head] } });
    const county = await subgraph.query<{ households: { nodes: { id: string }[]; totalCount: number } }>(
      `{ households(filter: { jurisdictionCode: "500229000000" }) { totalCount } }`,
    );
    expect(county.data!.households.totalCount).toBe(1);
  });
});

describe('adding a member', () => {
  it('adds a child to an existing household and refuses a second head', async () => {
    const created = await subgraph.query(CREATE, { input: { jurisdictionCode: '141023000000', members: [head] } });
    const householdId = created.data!.createHousehold.household.id;
    const ADD = `mutation($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { person { name household { members { totalCount } } } } }`;
    const child = await subgraph.query(ADD, {
      input: { householdId, person: { name: '李明', sex: 'MALE', relationshipToHead: 'CHILD' } },
    });
    expect(child.data!.addHouseholdMember.person).toEqual({ name: '李明', household: { members: { totalCount: 2 } } });
    const secondHead = await subgraph.query(ADD, { input: { householdId, person: { ...head, name: '另一户主' } } });
    expect(secondHead.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.person.relationshipToHead',
    });
  });

  it('answers NOT_FOUND for a household that does not exist', async () => {
    const result = await subgraph.query(
      `mutation { addHouseholdMember(input: { householdId: "019a0000-0000-7000-8000-0000000fffff", person: { name: "甲", sex: MALE, relationshipToHead: CHILD } }) { person { id } } }`,
    );
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
