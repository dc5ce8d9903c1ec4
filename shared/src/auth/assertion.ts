import { jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { GraphQLError } from 'graphql';
import { importSigningKey, SIGNING_ALG } from './keys.js';
import { isPermission, isRole } from './permissions.js';
import type { Principal, PrincipalKind } from './principal.js';

/** The header in which the gateway forwards the caller to a subgraph. Clients can never set it. */
export const PRINCIPAL_HEADER = 'x-doudi-principal';
const ISSUER = 'doudi-gateway';
const AUDIENCE = 'doudi-subgraphs';
/** An assertion lives just long enough for one request's subgraph calls. */
const ASSERTION_TTL_SECONDS = 60;
/** The longest an assertion may be asked to live: a streamed import's own time limit (IMPORT_TIMEOUT_MS) at most. */
export const MAX_ASSERTION_TTL_SECONDS = 30 * 60;

export interface PrincipalSigner {
  /**
   * `ttlSeconds`, for a request that is allowed to take longer than the usual minute (a streamed household import, which
   * asks organisations about its divisions once the whole file is staged), is bounded by MAX_ASSERTION_TTL_SECONDS.
   */
  sign(principal: Principal, options?: { ttlSeconds?: number }): Promise<string>;
}

export async function principalSigner(privateJwk: JWK): Promise<PrincipalSigner> {
  const key = await importSigningKey(privateJwk);
  return {
    sign: (principal, { ttlSeconds = ASSERTION_TTL_SECONDS } = {}) =>
      new SignJWT({ ...principal })
        .setProtectedHeader({ alg: SIGNING_ALG, kid: privateJwk.kid })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${Math.max(1, Math.min(Math.ceil(ttlSeconds), MAX_ASSERTION_TTL_SECONDS))}s`)
        .sign(key),
  };
}

const KINDS: PrincipalKind[] = ['ANONYMOUS', 'STAFF', 'API_CLIENT'];

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export interface PrincipalVerifier {
  verify(header: string | string[] | undefined): Promise<Principal>;
}

/** Verified assertions kept per verifier (one process serves many calls of one request with one header). */
const VERIFIED_MAX = 1000;

/**
 * Subgraphs accept only calls that carry a principal signed by the gateway (docs/architecture.md, Security model).
 * A header already verified is not verified again until it expires: the gateway signs one assertion per request and
 * every call of that request's plan carries it, so the signature is checked once per process and header value. An
 * entry lives no longer than the assertion itself (its `exp`, at most ASSERTION_TTL_SECONDS), so nothing is accepted
 * that a fresh verification would refuse; the least recently used entry goes first beyond VERIFIED_MAX.
 */
export async function principalVerifier(publicJwk: JWK): Promise<PrincipalVerifier> {
  const key: CryptoKey = await importSigningKey(publicJwk);
  const verified = new Map<string, { principal: Principal; until: number }>();
  const copy = (p: Principal): Principal => ({ ...p, roles: [...p.roles], scopes: [...p.scopes] });
  return {
    async verify(header) {
      if (typeof header !== 'string' || !header) throw refuse('This service answers only the gateway');
      const now = Date.now();
      const hit = verified.get(header);
      if (hit) {
        verified.delete(header);
        if (hit.until > now) {
          verified.set(header, hit);
          return copy(hit.principal);
        }
      }
      let principal: Principal;
      let until: number;
      try {
        const { payload } = await jwtVerify(header, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [SIGNING_ALG],
        });
        const kind = payload.kind as PrincipalKind;
        if (!KINDS.includes(kind)) throw new Error('unknown principal kind');
        principal = {
          kind,
          id: (payload.id as string | null) ?? null,
          organisationId: (payload.organisationId as string | null) ?? null,
          jurisdictionCode: (payload.jurisdictionCode as string | null) ?? null,
          roles: ((payload.roles as string[]) ?? []).filter(isRole),
          scopes: ((payload.scopes as string[]) ?? []).filter(isPermission),
          sessionId: (payload.sessionId as string | null) ?? null,
          actorId: (payload.actorId as string | null) ?? (payload.id as string | null) ?? null,
          clientAddress: typeof payload.clientAddress === 'string' ? payload.clientAddress : null,
        };
        until = Math.min(
          typeof payload.exp === 'number' ? payload.exp * 1000 : now,
          now + ASSERTION_TTL_SECONDS * 1000,
        );
      } catch {
        throw refuse('The principal header is missing a valid gateway signature');
      }
      if (until > now) {
        if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
        verified.set(header, { principal, until });
      }
      return copy(principal);
    },
  };
}
