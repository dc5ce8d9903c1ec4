import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationLimits } from './limits.js';

const schema = buildSchema(`type Query { node: Node } type Node { id: ID, next: Node }`);
const check = (query: string) => validate(schema, parse(query), [operationLimits(3, 2)]).map((e) => e.message);

describe('operation limits at the gateway', () => {
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
});
