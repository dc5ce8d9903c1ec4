import { buildSchema, Kind, parse, validate, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost, operationLimits, oversizedList } from './limits.js';

const schema = buildSchema(`
  type Query { node: Node, nodes(first: Int): NodeConnection!, tags: [String!]! }
  type Node { id: ID, next: Node, children(first: Int): NodeConnection!, tags: [Tag!]! }
  type Tag { name: String }
  type NodeConnection { totalCount: Int!, nodes: [Node!]! }
`);
const check = (query: string) =>
  validate(schema, parse(query), operationLimits({ maxDepth: 3, maxAliases: 2, maxDirectives: 2 })).map(
    (e) => e.message,
  );

const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const document = parse(query);
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return operationCost(schema, operation, fragments, variables);
};

/** Fragments each spreading the one before twice: n fragments expand to 2^n selections. */
function fragmentBomb(n: number, spreadsPerLevel = 2) {
  const names = Array.from({ length: n }, (_, i) => `F${i}`);
  const defs = names.map((name, i) =>
    i === 0
      ? `fragment F0 on Node { id }`
      : `fragment ${name} on Node { ${Array.from({ length: spreadsPerLevel }, () => `...F${i - 1}`).join(' ')} }`,
  );
  return `{ node { ...F${n - 1} } } ${defs.join(' ')}`;
}

describe('operation limits at the gateway (graphql-armor)', () => {
  it('let through an ordinary operation', () => {
    expect(check(`{ node { next { id } } a: node { id } }`)).toEqual([]);
  });

  it('refuse nesting deeper than allowed, also through fragments', () => {
    expect(check(`{ node { next { next { id } } } }`)).toEqual([
      'An operation may nest at most 3 fields deep (this one: 4)',
    ]);
    expect(check(`{ node { ...deep } } fragment deep on Node { next { next { id } } }`)).toHaveLength(1);
  });

  it('refuse more aliases than allowed', () => {
    expect(check(`{ a: node { id } b: node { id } c: node { id } }`)).toEqual([
      'An operation may use at most 2 aliases',
    ]);
  });

  it('count aliases of __typename too', () => {
    expect(check(`{ a: __typename b: __typename c: __typename }`)).toEqual(['An operation may use at most 2 aliases']);
  });

  it('refuse more directives than allowed', () => {
    expect(check(`{ node @skip(if: false) { id @skip(if: false) next @include(if: true) { id } } }`)).toEqual([
      'An operation may use at most 2 directives',
    ]);
  });

  it('check a fragment bomb in milliseconds, not by walking every expansion', () => {
    const started = performance.now();
    const errors = check(fragmentBomb(40));
    expect(errors.some((e) => e.startsWith('An operation may nest at most 3 fields deep'))).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('operation cost', () => {
  it('multiplies what a paged list selects by its page size, literal, variable or default', () => {
    expect(costOf(`{ nodes(first: 10) { nodes { id } } }`)).toBe(1 + 10 * (1 + 1));
    expect(costOf(`query($n: Int) { nodes(first: $n) { nodes { id } } }`, { n: 5 })).toBe(1 + 5 * 2);
    expect(costOf(`{ nodes { nodes { id } } }`)).toBe(1 + 20 * 2);
  });

  it('multiplies nested pages, so the widest query costs what it would read', () => {
    const nested = `{ nodes(first: 100) { nodes { children(first: 100) { nodes { children(first: 100) { nodes { id } } } } } } }`;
    expect(costOf(nested)).toBeGreaterThan(1_000_000);
  });

  it('counts a plain list as ten items', () => {
    expect(costOf(`{ node { tags { name } } }`)).toBe(1 + (1 + 10 * 1));
  });

  it('counts a fragment once however often it is spread, and in milliseconds', () => {
    expect(costOf(`{ node { ...A ...A } } fragment A on Node { id }`)).toBe(2);
    const started = performance.now();
    costOf(fragmentBomb(200, 20));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('lists in variables', () => {
  it('finds the first list longer than allowed, by its path', () => {
    expect(oversizedList({ input: { ids: ['a', 'b'] } }, 2)).toBeNull();
    expect(oversizedList({ input: { ids: ['a', 'b', 'c'] } }, 2)).toBe('input.ids');
    expect(oversizedList({ rows: [{ tags: [1, 2, 3] }] }, 2)).toBe('rows[0].tags');
  });

  it('refuses values nested too deep', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(oversizedList({ deep }, 10)).not.toBeNull();
  });
});
