import { GraphQLError } from 'graphql';
import { PRINCIPAL_HEADER } from './auth/assertion.js';

/**
 * How one subgraph asks another (e.g. cases asks organisations for a deadline in working days): it
 * passes on the principal assertion the gateway signed for the current request, so the callee applies
 * the caller's own permissions, and the gateway's key never leaves the gateway. Errors keep their codes.
 */
export function subgraphClient(url: string, timeoutMs = 5_000) {
  return async function query<T>(document: string, variables: Record<string, unknown>, assertion: string): Promise<T> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: assertion },
      body: JSON.stringify({ query: document, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as {
      data?: T;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    if (body.errors?.length) {
      const [first] = body.errors;
      throw new GraphQLError(first.message, {
        extensions: { ...first.extensions, code: first.extensions?.code ?? 'INTERNAL_SERVER_ERROR' },
      });
    }
    return body.data as T;
  };
}

export type SubgraphQuery = ReturnType<typeof subgraphClient>;
