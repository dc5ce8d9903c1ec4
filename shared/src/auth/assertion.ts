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

export interface PrincipalSigner {
  sign(principal: Principal): Promise<string>;
}

export async function principalSigner(privateJwk: JWK): Promise<PrincipalSigner> {
  const key = await importSigningKey(privateJwk);
  return {
    sign: (principal) =>
      new SignJWT({ ...principal })
        .setProtectedHeader({ alg: SIGNING_ALG, kid: privateJwk.kid })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ASSERTION_TTL_SECONDS}s`)
        .sign(key),
  };
}

const KINDS: PrincipalKind[] = ['ANONYMOUS', 'STAFF', 'API_CLIENT'];

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

export interface PrincipalVerifier {
  verify(header: string | string[] | undefined): Promise<Principal>;
}

/** Subgraphs accept only calls that carry a principal signed by the gateway (docs/architecture.md, Security model). */
export async function principalVerifier(publicJwk: JWK): Promise<PrincipalVerifier> {
  const key: CryptoKey = await importSigningKey(publicJwk);
  return {
    async verify(header) {
      if (typeof header !== 'string' || !header) throw refuse('This service answers only the gateway');
      try {
        const { payload } = await jwtVerify(header, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: [SIGNING_ALG],
        });
        const kind = payload.kind as PrincipalKind;
        if (!KINDS.includes(kind)) throw new Error('unknown principal kind');
        return {
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
      } catch {
        throw refuse('The principal header is missing a valid gateway signature');
      }
    },
  };
}
