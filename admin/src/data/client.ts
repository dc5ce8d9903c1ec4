import { print } from '@0no-co/graphql.web';
import type { TadaDocumentNode } from 'gql.tada';
import { currentSession, hasExpired, reauthenticate } from '../auth/session';
import { translate } from '../i18n';
import { ApiError, type GraphQLErrorBody } from './api-error';
import { describeError, fieldMessage } from './describe-error';

/** Same origin as the console (the gateway serves both), so no CORS and no second address to configure. */
export const GRAPHQL_URL = '/graphql';

interface Options {
  /** Sign-in itself: no token, and no second sign-in when it fails. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

const printed = new WeakMap<object, string>();
const textOf = (document: object) => {
  let text = printed.get(document);
  if (!text) printed.set(document, (text = print(document as Parameters<typeof print>[0])));
  return text;
};

async function post(query: string, variables: unknown, token: string | null, signal?: AbortSignal) {
  let response: Response;
  try {
    response = await fetch(GRAPHQL_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(
      [{ message: translate('doudi.errors.network'), extensions: { code: 'NETWORK' } }],
      fieldMessage,
      (e) => e.message,
    );
  }
  return (await response.json().catch(() => ({}))) as { data?: unknown; errors?: GraphQLErrorBody[] };
}

/**
 * Runs one typed document against the gateway. An expired sign-in asks for the password again and retries
 * once; any other error becomes an ApiError with the API's code and a message per form field.
 */
export async function execute<Result, Variables>(
  document: TadaDocumentNode<Result, Variables>,
  variables: Variables,
  options: Options = {},
): Promise<Result> {
  const query = textOf(document);
  // Giving up on the sign-in dialog is an UNAUTHENTICATED answer: the auth provider then signs out.
  const signInAgain = () =>
    reauthenticate().catch(() => {
      throw new ApiError(
        [{ message: 'signed out', extensions: { code: 'UNAUTHENTICATED' } }],
        fieldMessage,
        describeError,
      );
    });
  const attempt = async () => {
    const session = options.anonymous ? null : currentSession();
    if (session && hasExpired(session)) await signInAgain();
    return post(query, variables, options.anonymous ? null : (currentSession()?.accessToken ?? null), options.signal);
  };
  let answer = await attempt();
  const unauthenticated = answer.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
  if (unauthenticated && !options.anonymous && currentSession()) {
    await signInAgain();
    answer = await attempt();
  }
  if (answer.errors?.length) throw new ApiError(answer.errors, fieldMessage, describeError);
  return answer.data as Result;
}
