import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';

/** DESIGN §6: the gateway refuses operations too large to be a real client's before planning them. */
export const LIMITS = { maxDepth: 12, maxAliases: 30, maxTokens: 5_000 } as const;

function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue; // fragment cycles are reported by the standard rules
      deepest = Math.max(deepest, depthOf(fragments[name]?.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: 'query' } });

/** Nesting deeper than `maxDepth` fields, or more than `maxAliases` aliases, is refused. */
export function operationLimits(
  maxDepth: number = LIMITS.maxDepth,
  maxAliases: number = LIMITS.maxAliases,
): ValidationRule {
  return (context) => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === maxAliases + 1)
          context.reportError(refuse(`An operation may use at most ${maxAliases} aliases`));
      },
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, fragments, new Set());
        if (depth > maxDepth)
          context.reportError(refuse(`An operation may nest at most ${maxDepth} fields deep (this one: ${depth})`));
      },
    };
  };
}
