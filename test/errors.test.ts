import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './support/system.js';

describe('errors through the gateway', () => {
  let system: System;
  beforeAll(async () => {
    system = await startSystem({ production: true });
  });
  afterAll(() => system?.stop());

  it('answers NOT_FOUND for an unknown id, in every subgraph', async () => {
    const missing = '019a0000-0000-7000-8000-0000000fffff';
    for (const [field, arg] of [
      ['household', 'id'],
      ['organisation', 'id'],
      ['programme', 'id'],
      ['case', 'id'],
      ['referral', 'id'],
    ]) {
      const result = await system.query(`{ ${field}(${arg}: "${missing}") { id } }`);
      expect(result.errors?.[0].extensions?.code, field).toBe('NOT_FOUND');
    }
    const jurisdiction = await system.query(`{ jurisdiction(code: "141023000000") { name } }`);
    expect(jurisdiction.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers BAD_USER_INPUT naming the field for a malformed jurisdiction code', async () => {
    const result = await system.query(
      `mutation { createHousehold(input: { jurisdictionCode: "14102", members: [{ name: "甲", sex: MALE, relationshipToHead: SELF }] }) { household { id } } }`,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.jurisdictionCode' });
    expect(result.errors?.[0].message).toContain('12-digit');
  });

  it('answers BAD_USER_INPUT for a malformed id and a page larger than 100', async () => {
    const badId = await system.query(`{ case(id: "42") { id } }`);
    expect(badId.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const bigPage = await system.query(`{ cases(first: 101) { totalCount } }`);
    expect(bigPage.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('refuses an operation with more aliases than the gateway allows, before any subgraph sees it', async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: households { totalCount }`).join(' ');
    const result = await system.query(`{ ${aliases} }`);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(result.errors?.[0].message).toBe('An operation may use at most 30 aliases');
  });

  it('shows no stack trace in production', async () => {
    const result = await system.query(`{ household(id: "019a0000-0000-7000-8000-0000000fffff") { id } }`);
    expect(JSON.stringify(result)).not.toContain('stacktrace');
    expect(JSON.stringify(result)).not.toMatch(/\.ts:\d+/);
  });

  it('keeps nothing of a household whose members are invalid', async () => {
    const before = await system.query<{ households: { totalCount: number } }>(`{ households { totalCount } }`);
    const result = await system.query(
      `mutation { createHousehold(input: { jurisdictionCode: "141023000000", members: [
        { name: "甲", sex: MALE, relationshipToHead: SELF }, { name: "乙", sex: FEMALE, birthDate: "2099-01-01", relationshipToHead: CHILD }] }) { household { id } } }`,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.members.1.birthDate' });
    const after = await system.query<{ households: { totalCount: number } }>(`{ households { totalCount } }`);
    expect(after.data!.households.totalCount).toBe(before.data!.households.totalCount);
  });
});
