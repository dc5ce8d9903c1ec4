import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from './support/operator.js';
import { startSystem, type System } from './support/system.js';

/**
 * Issue 10 item 6: bad input is the caller's error, never the server's. Each answer carries BAD_USER_INPUT
 * (with the field) or the GraphQL-over-HTTP status the request deserves — never "Internal server error" nor
 * HTTP 500 — in production and in development alike.
 */
type Answer = {
  status: number;
  json: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
};

function client(system: () => System, token: () => string) {
  return async (body: unknown): Promise<Answer> => {
    const response = await fetch(system().gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token()}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Answer['json'] };
  };
}

const HOUSEHOLD = `mutation($address: String) { createHousehold(input: { jurisdictionCode: "141023100000", address: $address,
  members: [{ name: "甲", sex: MALE, relationshipToHead: SELF }] }) { household { id } } }`;

function expectCallersError(answer: Answer, status = 400) {
  expect(answer.status).toBe(status);
  expect(answer.json.errors?.length).toBeGreaterThan(0);
  for (const error of answer.json.errors ?? []) {
    expect(error.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).not.toMatch(/Internal server error/i);
  }
}

for (const production of [true, false]) {
  describe(`bad input in ${production ? 'production' : 'development'}`, () => {
    let system: System;
    let token: string;
    const post = client(
      () => system,
      () => token,
    );
    beforeAll(async () => {
      system = await startSystem({ production });
      token = await system.signIn(OPERATOR.username, OPERATOR.password);
    });
    afterAll(() => system?.stop());

    it('answers BAD_USER_INPUT for an impossible date in a variable', async () => {
      const answer = await post({
        query: `query($on: Date!) { householdAsOf(date: $on, id: "019a0000-0000-7000-8000-0000000fffff") { __typename } }`,
        variables: { on: '2026-02-30' },
      });
      expectCallersError(answer);
      expect(answer.json.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('answers BAD_USER_INPUT for an impossible date written in the query', async () => {
      const answer = await post({
        query: `{ householdAsOf(date: "2026-02-30", id: "019a0000-0000-7000-8000-0000000fffff") { __typename } }`,
      });
      expectCallersError(answer);
      expect(answer.json.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
    });

    it('answers BAD_USER_INPUT naming the variable for a NUL byte in a string', async () => {
      const answer = await post({ query: HOUSEHOLD, variables: { address: '村\u0000口' } });
      expectCallersError(answer);
      expect(answer.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'variables.address' });
    });

    it('answers BAD_USER_INPUT for a NUL byte written in the query', async () => {
      const query = HOUSEHOLD.replace('($address: String)', '').replace('address: $address', 'address: "村\\u0000口"');
      const answer = await post({ query });
      expectCallersError(answer);
      expect(answer.json.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('answers 400 for an unknown operationName, and for none among several operations', async () => {
      const query = `query A { __typename } query B { __typename }`;
      expectCallersError(await post({ query, operationName: 'C' }));
      expectCallersError(await post({ query }));
    });

    it('answers 400 for malformed variables', async () => {
      expectCallersError(await post({ query: `query($n: Int) { __typename }`, variables: 'n=1' }));
      const wrongType = await post({
        query: `query($n: Int) { cases(first: $n) { totalCount } }`,
        variables: { n: 'ten' },
      });
      expectCallersError(wrongType);
      expect(wrongType.json.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('passes on a subgraph’s HTTP 400 as the caller’s error, without the subgraph’s address', async () => {
      // A value the gateway's schema accepts (any string for a custom scalar) but the subgraph refuses.
      const answer = await post({
        query: `query($on: Date) { screen(householdId: "019a0000-0000-7000-8000-0000000fffff", on: $on) { outcome } }`,
        variables: { on: 'yesterday' },
      });
      expect(answer.status).toBeLessThan(500);
      expect(answer.json.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(answer.json)).not.toMatch(/127\.0\.0\.1|localhost/);
    });
  });
}
