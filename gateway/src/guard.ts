import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type SelectionSetNode,
} from 'graphql';
import type { Logger, Principal } from '@doudi/shared';
import { LIMITS, nulByteAt, operationCost, oversizedList, refuse, type Limits } from './limits.js';

/** The root fields an anonymous caller may select (issue 10 item 11): signing in, and nothing else. */
export const ANONYMOUS_FIELDS = new Set(['signIn', 'issueClientToken', '__typename']);
const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/**
 * The mutations the import route runs (README, "Households"): files too large for /graphql — a household list, and
 * an office's list pushed into the registry (河鱼府发【2021】39号 二(四)), a scan attached to a case (attachCaseMaterial).
 */
export const IMPORT_FIELDS = new Set(['importHouseholds', 'pushDepartmentData', 'attachCaseMaterial', '__typename']);

export interface GuardedContext {
  requestId: string;
  principal: Principal;
  /** Which path the request came by: the import route accepts large bodies and only the import. */
  route: 'graphql' | 'import';
}

/** The root field names an operation selects, through inline fragments and fragment spreads. */
export function rootFields(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  names = new Set<string>(),
  seen = new Set<string>(),
): Set<string> {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) rootFields(selection.selectionSet, fragments, names, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) rootFields(fragment.selectionSet, fragments, names, seen);
    }
  }
  return names;
}

const withStatus = (error: GraphQLError, status: number) => {
  (error.extensions as Record<string, unknown>).http = { status };
  return error;
};

/**
 * Everything the gateway checks once an operation is known and before it is planned: who may run it,
 * on which route, with lists of what size, at what cost. Refusals are logged (request id and reason,
 * never variables or tokens) and answered with an API error code (docs/architecture.md) and the GraphQL-over-HTTP status.
 */
export function guardPlugin<TContext extends GuardedContext>(options: {
  logger: Logger;
  introspection: boolean;
  limits?: Limits;
}): ApolloServerPlugin<TContext> {
  const limits = options.limits ?? LIMITS;
  const refused = (context: TContext, reason: string, error: GraphQLError, status: number) => {
    options.logger.warn(
      { requestId: context.requestId, reason, code: error.extensions.code, principal: context.principal.kind },
      'operation refused',
    );
    return withStatus(error, status);
  };

  function check({
    contextValue,
    document,
    operation,
    request,
    schema,
  }: GraphQLRequestContextDidResolveOperation<TContext>) {
    if (!operation) {
      throw refused(
        contextValue,
        'operation name',
        refuse(
          request.operationName
            ? `The document holds no operation named "${request.operationName}"`
            : 'The document holds several operations: say which to run in operationName',
          { field: 'operationName' },
        ),
        400,
      );
    }
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    const fields = rootFields(operation.selectionSet, fragments);

    if (contextValue.principal.kind === 'ANONYMOUS') {
      const allowed = (name: string) =>
        (ANONYMOUS_FIELDS.has(name) && (operation.operation === 'mutation' || name === '__typename')) ||
        (options.introspection && INTROSPECTION_FIELDS.has(name));
      const denied = [...fields].filter((name) => !allowed(name));
      if (denied.length > 0) {
        throw refused(
          contextValue,
          'anonymous',
          new GraphQLError('Sign in first: without an access token only signIn and issueClientToken may be called', {
            extensions: { code: 'UNAUTHENTICATED' },
          }),
          401,
        );
      }
    }

    if (contextValue.route === 'import') {
      if (operation.operation !== 'mutation' || ![...fields].every((name) => IMPORT_FIELDS.has(name))) {
        throw refused(
          contextValue,
          'import route',
          refuse(
            'This address runs only the importHouseholds mutation and pushDepartmentData; send other operations to /graphql',
          ),
          400,
        );
      }
    }

    const list = oversizedList(request.variables ?? {}, limits.maxListLength);
    if (list) {
      throw refused(
        contextValue,
        'list length',
        refuse(`A list in the variables holds more than ${limits.maxListLength} items, or nests too deep`, {
          field: `variables.${list}`,
        }),
        400,
      );
    }

    const nul = nulByteAt(request.variables ?? {});
    let nulInQuery = false;
    if (!nul) {
      visit(document, {
        StringValue(node) {
          if (!node.value.includes('\u0000')) return undefined;
          nulInQuery = true;
          return BREAK;
        },
      });
    }
    if (nul || nulInQuery) {
      throw refused(
        contextValue,
        'NUL byte',
        refuse('Text may not contain NUL bytes', { field: nul ? `variables.${nul}` : 'query' }),
        400,
      );
    }

    const cost = operationCost(schema, operation, fragments, request.variables ?? {});
    if (cost > limits.maxCost) {
      throw refused(
        contextValue,
        'cost',
        refuse(
          `This operation may cost ${cost}, more than the ${limits.maxCost} allowed: ask for smaller pages (first) or fewer nested lists`,
          { cost, maxCost: limits.maxCost },
        ),
        400,
      );
    }
  }

  return {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          check(requestContext);
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (errors && errors.length > limits.maxErrors) {
            options.logger.warn({ requestId: contextValue.requestId, errors: errors.length }, 'errors capped');
            response.body.singleResult.errors = [
              ...errors.slice(0, limits.maxErrors),
              {
                message: `${errors.length - limits.maxErrors} more errors are not shown`,
                extensions: { code: errors[0].extensions?.code ?? 'BAD_USER_INPUT' },
              } satisfies GraphQLFormattedError,
            ];
          }
        },
      };
    },
  };
}
