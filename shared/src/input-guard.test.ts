import { ApolloServer } from '@apollo/server';
import { readFileSync } from 'node:fs';
import { buildASTSchema, buildSchema, isInputObjectType, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_STRING_LENGTH,
  findStringProblem,
  inputGuardPlugin,
  STRING_LENGTH_EXCEPTIONS,
  stringProblem,
} from './input-guard.js';

const schema = buildSchema(`
  input MemberInput { name: String!, tags: [String!] }
  input HouseholdInput { address: String, members: [MemberInput!] }
  input ImportHouseholdsInput { contentBase64: String! }
  input PublishProgrammeVersionInput { eligibilityRule: String }
  type Query { search(text: String): Int, ruleMatchCount(rule: String!): Int }
  type Mutation {
    saveHousehold(input: HouseholdInput!): Int
    importHouseholds(input: ImportHouseholdsInput!): Int
    publishProgrammeVersion(input: PublishProgrammeVersionInput!): Int
  }
`);

const problemOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition') as OperationDefinitionNode;
  return findStringProblem(schema, document, operation, variables);
};

describe('every string argument is bounded', () => {
  it('checks every request of a document parsed once: the same operation refused with one variable, accepted with another', () => {
    const document = parse(`mutation($input: HouseholdInput!) { saveHousehold(input: $input) }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(findStringProblem(schema, document, operation, { input: { address: '河鱼乡一组' } })).toBeNull();
    expect(findStringProblem(schema, document, operation, { input: { address: 'a\u0000b' } })?.field).toBe(
      'input.address',
    );
    expect(findStringProblem(schema, document, operation, { input: { address: '河鱼乡二组' } })).toBeNull();
  });

  it('accepts ordinary text, with tabs and line breaks', () => {
    expect(stringProblem('张三\t家\r\n住址', DEFAULT_MAX_STRING_LENGTH)).toBeNull();
    expect(problemOf(`mutation { saveHousehold(input: { address: "河鱼乡\\n一组" }) }`)).toBeNull();
  });

  it('refuses a NUL byte in a literal, naming the argument path', () => {
    expect(problemOf(`mutation { saveHousehold(input: { address: "a\\u0000b" }) }`)).toMatchObject({
      field: 'input.address',
    });
  });

  it('refuses a control character deep in a variable, naming the list index', () => {
    const problem = problemOf(`mutation($input: HouseholdInput!) { saveHousehold(input: $input) }`, {
      input: { members: [{ name: 'ok' }, { name: 'ok', tags: ['fine', 'bell\u0007'] }] },
    });
    expect(problem?.field).toBe('input.members.1.tags.1');
    expect(problem?.message).toMatch(/control characters/);
  });

  it('refuses a string over the default limit in a query argument or a fragment', () => {
    const long = 'x'.repeat(DEFAULT_MAX_STRING_LENGTH + 1);
    expect(problemOf(`query($t: String) { search(text: $t) }`, { t: long })?.field).toBe('text');
    expect(
      problemOf(`query($t: String) { ...F } fragment F on Query { search(text: $t) }`, { t: long })?.message,
    ).toMatch(/longer than 2000/);
    expect(
      problemOf(`query($t: String) { search(text: $t) }`, { t: 'x'.repeat(DEFAULT_MAX_STRING_LENGTH) }),
    ).toBeNull();
  });

  it('lets the listed fields carry more: an import file, a CEL rule up to 10,000 characters', () => {
    const file = 'A'.repeat(1_000_000);
    expect(
      problemOf(`mutation($i: ImportHouseholdsInput!) { importHouseholds(input: $i) }`, { i: { contentBase64: file } }),
    ).toBeNull();
    const rule = 'household.size > 1 && '.repeat(400);
    expect(
      problemOf(`mutation($r: String) { publishProgrammeVersion(input: { eligibilityRule: $r }) }`, { r: rule }),
    ).toBeNull();
    expect(problemOf(`query($r: String!) { ruleMatchCount(rule: $r) }`, { r: rule })).toBeNull();
    expect(problemOf(`query($r: String!) { ruleMatchCount(rule: $r) }`, { r: 'x'.repeat(10_001) })?.field).toBe('rule');
  });

  it('answers BAD_USER_INPUT with the field before anything runs', async () => {
    let ran = false;
    const server = new ApolloServer({
      schema,
      plugins: [inputGuardPlugin()],
      rootValue: {
        saveHousehold: () => {
          ran = true;
          return 1;
        },
      },
    });
    await server.start();
    try {
      const response = await server.executeOperation({
        query: `mutation($input: HouseholdInput!) { saveHousehold(input: $input) }`,
        variables: { input: { address: 'a\u0000' } },
      });
      const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
      expect(body?.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.address' });
      expect(body?.errors?.[0].extensions?.http).toBeUndefined();
      expect(response.http.status).toBe(200);
      expect(ran).toBe(false);
    } finally {
      await server.stop();
    }
  });
});

describe('the table of exceptions', () => {
  it('names only input fields and arguments the composed supergraph has, each allowing more than the default', () => {
    const sdl = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
    const supergraph = buildASTSchema(parse(sdl), { assumeValid: true, assumeValidSDL: true });
    for (const [key, limit] of Object.entries(STRING_LENGTH_EXCEPTIONS)) {
      expect(limit, key).toBeGreaterThan(DEFAULT_MAX_STRING_LENGTH);
      const argument = /^(\w+)\.(\w+)\((\w+)\)$/.exec(key);
      if (argument) {
        const type = supergraph.getType(argument[1]) as unknown as {
          getFields(): Record<string, { args: { name: string }[] }>;
        };
        expect(
          type.getFields()[argument[2]].args.map((a) => a.name),
          key,
        ).toContain(argument[3]);
      } else {
        const [typeName, field] = key.split('.');
        const type = supergraph.getType(typeName);
        expect(isInputObjectType(type) && type.getFields()[field], key).toBeTruthy();
      }
    }
  });
});
