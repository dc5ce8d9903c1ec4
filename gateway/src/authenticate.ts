import { createRemoteJWKSet } from 'jose';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import {
  ANONYMOUS,
  RETRY_AFTER_SECONDS,
  serviceUnavailable,
  principalOfAccessToken,
  PRINCIPAL_HEADER,
  type Principal,
  type PrincipalSigner,
} from '@doudi/shared';

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Organisations (keys and sessions) cannot be asked: the caller is not refused but told to retry — HTTP 503
 * with Retry-After and SERVICE_UNAVAILABLE naming organisations, never its address.
 */
function organisationsUnavailable(): GraphQLError {
  const error = serviceUnavailable(
    'organisations',
    'Sign-in and sessions are unavailable (the organisations service); try again shortly',
  );
  const headers = new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]);
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 503, headers } } });
}

/** A network failure or a 5xx of organisations, told apart from a token that is wrong. */
const unreachable = (error: unknown) => {
  const e = error as { name?: string; code?: string } | null;
  return (
    e?.name === 'TypeError' ||
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    e?.code === 'ERR_JWKS_TIMEOUT' ||
    error instanceof OrganisationsDown
  );
};
class OrganisationsDown extends Error {}

export interface AuthenticatorOptions {
  /** The organisations subgraph's base URL (JWKS and session checks live there). */
  issuerBaseUrl: string;
  signer: PrincipalSigner;
  /** How long a session's "still open" answer is trusted; revocation takes effect within this time. */
  sessionCacheMs: number;
}

/**
 * Turns the `Authorization` header into a principal: no header is the anonymous caller; a token must be
 * signed by the issuer's key (JWKS), unexpired, and its session still open. Anything else is refused
 * with UNAUTHENTICATED — the request never reaches a subgraph.
 */
export function authenticator(options: AuthenticatorOptions) {
  const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', options.issuerBaseUrl), {
    cooldownDuration: 30_000,
  });
  const sessions = new Map<string, number>();

  async function sessionOpen(sessionId: string): Promise<boolean> {
    const trustedUntil = sessions.get(sessionId);
    if (trustedUntil !== undefined && trustedUntil > Date.now()) return true;
    const url = new URL('/internal/session', options.issuerBaseUrl);
    url.searchParams.set('id', sessionId);
    const response = await fetch(url, {
      headers: { [PRINCIPAL_HEADER]: await options.signer.sign(ANONYMOUS) },
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status >= 500) throw new OrganisationsDown(`session check answered ${response.status}`);
    if (!response.ok) throw new Error(`session check answered ${response.status}`);
    const { active } = (await response.json()) as { active: boolean };
    if (active && options.sessionCacheMs > 0) sessions.set(sessionId, Date.now() + options.sessionCacheMs);
    else sessions.delete(sessionId);
    if (sessions.size > 50_000) sessions.clear();
    return active;
  }

  return async function authenticate(authorization: string | undefined): Promise<Principal> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw refuse('The Authorization header must be "Bearer <access token>"');
    let principal: Principal;
    try {
      principal = await principalOfAccessToken(match[1], jwks);
    } catch (error) {
      if (unreachable(error)) throw organisationsUnavailable();
      throw refuse('The access token is invalid or has expired; sign in again');
    }
    const open = await sessionOpen(principal.sessionId!).catch((error: unknown) => {
      throw unreachable(error) ? organisationsUnavailable() : error;
    });
    if (!open) throw refuse('The access token has been revoked; sign in again');
    return principal;
  };
}
