import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Which costly parts of a connection a query asks for (the nodes are always read). */
export interface ConnectionSelection {
  totalCount: boolean;
  pageInfo: boolean;
}

/**
 * The connection's fields the query selects, through fragments too. A query that does not ask for `totalCount` is
 * spared the count over every page (on a city's cases, most of a small page's cost).
 */
export function connectionSelection(info: GraphQLResolveInfo): ConnectionSelection {
  const found = { totalCount: false, pageInfo: false };
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === 'totalCount') found.totalCount = true;
        if (selection.name.value === 'pageInfo') found.pageInfo = true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return found;
}
