import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR } from './support/operator.js';
import { startSystem, type System } from './support/system.js';

/**
 * Issue 10 item 4: no request can stall the gateway. Each attack is answered with the caller's error, and
 * quickly (the bounds are generous: today each of these takes 10 s or more).
 */
let system: System;
let token: string;
beforeAll(async () => {
  system = await startSystem({ production: true });
  token = await system.signIn(OPERATOR.username, OPERATOR.password);
});
afterAll(() => system?.stop());

async function post(body: string, options: { path?: string; token?: string | null } = {}) {
  const started = performance.now();
  const url = system.gateway.url.replace(/\/graphql$/, options.path ?? '/graphql');
  const auth = options.token === null ? undefined : (options.token ?? token);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body,
  });
  const text = await response.text();
  let json: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, json, bytes: text.length, ms: performance.now() - started };
}

const gql = (query: string, variables?: Record<string, unknown>, options?: Parameters<typeof post>[1]) =>
  post(JSON.stringify({ query, variables }), options);

/** Fragments each spreading the one before twice: 30 of them expand to a billion selections. */
function fragmentBomb(n: number) {
  const defs = [`fragment F0 on Query { __typename }`];
  for (let i = 1; i < n; i++) defs.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`);
  return `query { ...F${n - 1} } ${defs.join(' ')}`;
}

describe('operations too large to be a real client’s', () => {
  it('refuses a fragment bomb from an anonymous caller within milliseconds, not seconds', async () => {
    const query = fragmentBomb(30);
    expect(query.length).toBeLessThan(1_500);
    const result = await gql(query, undefined, { token: null });
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0].message).toMatch(/nest at most 12/);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('refuses the widest legal query before planning, naming its cost and the limit', async () => {
    const counters = system.countQueries();
    const result = await gql(`{ cases(first: 100) { nodes { id
      household { members(first: 100) { nodes { name } } }
      referrals(first: 100) { nodes { id toOrganisation { name } } } } } }`);
    const statements = Object.values(counters).reduce((sum, c) => (c.stop(), sum + c.count), 0);
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'query',
      maxCost: 25_000,
    });
    expect(result.json.errors?.[0].message).toMatch(/may cost \d+, more than the 25000 allowed/);
    // Only the gateway's session check reached a subgraph: nothing was planned or read.
    expect(statements).toBeLessThanOrEqual(1);
  });

  it('still answers an ordinary page: 100 cases with household, members and referrals', async () => {
    const result = await gql(
      `query($first: Int!) { cases(first: $first) { nodes { id leadOrganisation { name }
        household { id jurisdiction { name } members { nodes { name } } }
        referrals { nodes { fromOrganisation { name } toOrganisation { name } } } } } }`,
      { first: 100 },
    );
    expect(result.json.errors).toBeUndefined();
  });

  it('still answers 50 households with members, benefits and eligibility', async () => {
    const result = await gql(
      `query($first: Int!) { households(first: $first) { nodes { id members { nodes { name } }
        benefits { amount status programme { name } } eligibility(on: "2026-10-09") { programme { name } outcome missing } } } }`,
      { first: 50 },
    );
    expect(result.json.errors).toBeUndefined();
  });
});

describe('variables', () => {
  it('refuses 100,000 invalid enum values at once, with one short error', async () => {
    const stages = Array.from({ length: 100_000 }, () => 'X');
    const result = await gql(`query($stages: [CaseStage!]) { cases(filter: { stages: $stages }) { totalCount } }`, {
      stages,
    });
    expect(result.status).toBe(400);
    expect(result.json.errors).toHaveLength(1);
    expect(result.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'variables.stages' });
    expect(result.bytes).toBeLessThan(10_000);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('reports at most 20 errors and says how many more there were', async () => {
    const stages = Array.from({ length: 500 }, (_, i) => `NOT_A_STAGE_${i}`);
    const result = await gql(`query($stages: [CaseStage!]) { cases(filter: { stages: $stages }) { totalCount } }`, {
      stages,
    });
    expect(result.json.errors).toHaveLength(21);
    expect(result.json.errors?.[20].message).toBe('480 more errors are not shown');
    expect(JSON.stringify(result.json)).not.toContain('Did you mean');
  });
});

describe('request bodies', () => {
  it('answers 413 at once to 30 MB of "[" on /graphql', async () => {
    const result = await post('['.repeat(30_000_000));
    expect(result.status).toBe(413);
    expect(result.ms).toBeLessThan(5_000);
  });

  it('answers 413 to an ordinary operation over 1 MB on /graphql', async () => {
    const result = await gql(`query($pad: String) { __typename }`, { pad: 'x'.repeat(1_100_000) });
    expect(result.status).toBe(413);
  });

  it('refuses JSON nested deeper than 64 levels before parsing it', async () => {
    const result = await post(
      `{"query":"{ __typename }","variables":{"v":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
    );
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0].message).toMatch(/deeper than 64/);
  });

  it('answers 400 to variables that are not an object', async () => {
    const result = await post(JSON.stringify({ query: '{ __typename }', variables: [1, 2] }));
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0].message).toBe('variables must be a JSON object');
  });

  it('runs only the household import on the import route', async () => {
    const result = await gql(`{ cases { totalCount } }`, undefined, { path: '/graphql/import' });
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.json.errors?.[0].message).toMatch(/only the importHouseholds mutation/);
  });

  it('accepts a large import body on the import route only', async () => {
    const query = `mutation($input: ImportHouseholdsInput!) { importHouseholds(input: $input) { imported } }`;
    const input = { fileName: 'big.csv', format: 'CSV', contentBase64: 'A'.repeat(2_000_000), dryRun: true };
    expect((await gql(query, { input })).status).toBe(413);
    const onImport = await gql(query, { input }, { path: '/graphql/import' });
    expect(onImport.status).not.toBe(413);
    expect(onImport.status).toBeLessThan(500);
  });
});

describe('abandoned work', () => {
  it('gives every subgraph’s database role a statement timeout', async () => {
    for (const subgraph of Object.values(system.subgraphs)) {
      const [row] = await subgraph.orm.em.getConnection().execute(`SHOW statement_timeout`);
      expect(row.statement_timeout, subgraph.name).toBe('10s');
    }
  });
});
