import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { getNamedType, isCompositeType, isNonNullType, type GraphQLField, type GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_PATH } from '@doudi/gateway';
import { startSystem, type System } from './support/system.js';

/**
 * Issue 10 item 11: without an access token a caller may sign in, and nothing else — every other root field
 * of the committed supergraph, `me` and single-record reads included, answers UNAUTHENTICATED with HTTP 401
 * before any subgraph is asked.
 */
const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8')).apiSchema().toGraphQLJSSchema();
const SIGN_IN = new Set(['signIn', 'issueClientToken']);

/** The smallest valid operation selecting `field`: required arguments as variables, `__typename` inside. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const definitions = required.map((arg) => `$${arg.name}: ${arg.type}`).join(', ');
  const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind}${definitions ? `(${definitions})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

const rootFields = (type: GraphQLObjectType | null | undefined) => Object.values(type?.getFields() ?? {});
const queries = rootFields(schema.getQueryType());
const mutations = rootFields(schema.getMutationType());

let system: System;
beforeAll(async () => {
  system = await startSystem({ production: true });
});
afterAll(() => system?.stop());

async function anonymously(query: string) {
  const response = await fetch(system.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors?: { extensions?: { code?: string } }[] },
  };
}

describe('an anonymous caller', () => {
  it('finds the root fields to try in the committed supergraph', () => {
    expect(queries.map((f) => f.name)).toContain('me');
    expect(mutations.map((f) => f.name)).toEqual(expect.arrayContaining(['signIn', 'issueClientToken']));
  });

  for (const [kind, fields] of [
    ['query', queries],
    ['mutation', mutations],
  ] as const) {
    for (const field of fields.filter((f) => !SIGN_IN.has(f.name))) {
      it(`gets UNAUTHENTICATED and HTTP 401 for ${kind} ${field.name}`, async () => {
        const answer = await anonymously(operationFor(kind, field));
        expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
        expect(answer.status).toBe(401);
      });
    }
  }

  it('is refused however the field is reached: through a fragment, beside __typename, under an alias', async () => {
    for (const query of [
      `query { ...F } fragment F on Query { me { __typename } }`,
      `query { __typename ... on Query { me { __typename } } }`,
      `query { who: me { __typename } }`,
    ]) {
      const answer = await anonymously(query);
      expect(answer.status, query).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code, query).toBe('UNAUTHENTICATED');
    }
  });

  it('may still sign in, and ask for __typename', async () => {
    const typename = await anonymously(`{ __typename }`);
    expect(typename.status).toBe(200);
    const signIn = await anonymously(
      `mutation { signIn(input: { username: "nobody", password: "wrong-password" }) { accessToken } }`,
    );
    expect(signIn.status).not.toBe(401);
    expect(signIn.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
