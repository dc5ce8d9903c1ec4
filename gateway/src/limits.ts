import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '@doudi/shared';

/**
 * docs/architecture.md, Security model: the gateway refuses operations too large to be a real client's before planning them.
 * Tokens are counted by graphql-js's parser (Apollo's parseOptions); depth, aliases and directives by
 * graphql-armor's rules, which count each fragment once however often it is spread.
 */
export const LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 5_000,
  /** See operationCost: 100 cases with their household, members and referrals cost 15,001. */
  maxCost: 25_000,
  /** Errors reported in one answer; the rest are summed up in one more. */
  maxErrors: 20,
  /** Items in any list given in variables (a household import travels as one base64 string). */
  maxListLength: 1_000,
} as const;

export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

export const refuse = (message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: 'query', ...extensions } });

/** graphql-armor reports through `onReject`; the error the caller sees is ours, with an API error code (docs/architecture.md). */
const report = (message: (found: number) => string) => ({
  propagateOnRejection: false,
  exposeLimits: true,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) => {
      const found = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
      context?.reportError(refuse(message(found)));
    },
  ],
});

/** Nesting deeper than `maxDepth` (a fragment spread counts as a level), too many aliases or directives. */
export function operationLimits(limits: Pick<Limits, 'maxDepth' | 'maxAliases' | 'maxDirectives'> = LIMITS) {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ...report((found) => `An operation may nest at most ${limits.maxDepth} fields deep (this one: ${found})`),
    }),
    maxAliasesRule({
      n: limits.maxAliases,
      // graphql-armor lets `__typename` aliases through by default: a thousand of them are no less work.
      allowList: [],
      ...report(() => `An operation may use at most ${limits.maxAliases} aliases`),
    }),
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...report(() => `An operation may use at most ${limits.maxDirectives} directives`),
    }),
  ] as ValidationRule[];
}

const PAGE_ITEMS = new Set(['nodes', 'edges']);

/** The page size a list field will return: its `first` argument (literal or variable) or the default page. */
function pageSize(node: FieldNode, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>) {
  if (!field.args.some((arg) => arg.name === 'first')) return null;
  const argument = node.arguments?.find((arg) => arg.name.value === 'first');
  const value = (v: ValueNode | undefined): unknown =>
    v?.kind === Kind.INT ? Number(v.value) : v?.kind === Kind.VARIABLE ? variables[v.name.value] : undefined;
  const first = value(argument?.value);
  return typeof first === 'number' && Number.isFinite(first) && first >= 0 ? first : DEFAULT_PAGE_SIZE;
}

/**
 * What an operation may cost, estimated before planning: each field costs 1 plus what it selects, and a
 * paged list (a field taking `first`) multiplies what it selects by its page size (`first`, or the default
 * page). A plain list (a household's benefits, a case's timeline) counts as `plainListSize` items.
 *
 * graphql-query-complexity would walk each fragment again at every spread (the fragment bomb of issue 10);
 * here each fragment's cost is computed once per parent type, and a fragment spread twice in one selection
 * counts once, as graphql-js executes it.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
  plainListSize = 10,
): number {
  const fragmentCosts = new Map<string, number>();
  const costOf = (set: SelectionSetNode | undefined, type: GraphQLCompositeType, active: Set<string>): number => {
    if (!set) return 0;
    let total = 0;
    const spread = new Set<string>();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        const named = getNamedType(field.type);
        const inner = isCompositeType(named) ? costOf(selection.selectionSet, named, active) : 0;
        const page = pageSize(selection, field, variables);
        // A connection's `nodes` is the page its field already counted.
        const plain = isListType(getNullableType(field.type)) && !PAGE_ITEMS.has(field.name);
        const multiplier = page ?? (plain ? plainListSize : 1);
        total += 1 + multiplier * inner;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += costOf(selection.selectionSet, isCompositeType(condition) ? condition : type, active);
      } else {
        const name = selection.name.value;
        if (spread.has(name) || active.has(name)) continue;
        spread.add(name);
        const key = `${name}@${type.name}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          const fragment = fragments[name];
          const condition = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
          cost = fragment
            ? costOf(fragment.selectionSet, isCompositeType(condition) ? condition : type, new Set([...active, name]))
            : 0;
          fragmentCosts.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return root ? costOf(operation.selectionSet, root, new Set()) : 0;
}

/** The first list in `value` longer than `max` items, or nested deeper than `maxDepth`, as a path; else null. */
export function oversizedList(value: unknown, max: number, maxDepth = 32, path = '', depth = 0): string | null {
  if (depth > maxDepth) return path || '$';
  if (Array.isArray(value)) {
    if (value.length > max) return path || '$';
    for (let i = 0; i < value.length; i++) {
      const found = oversizedList(value[i], max, maxDepth, `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = oversizedList(item, max, maxDepth, path ? `${path}.${key}` : key, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

/** The path of the first string in `value` holding a NUL byte (never valid text; PostgreSQL refuses it), else null. */
export function nulByteAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '$' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulByteAt(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulByteAt(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
