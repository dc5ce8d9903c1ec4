import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT, type JWK } from 'jose';
import { SUBGRAPHS, type SubgraphName } from '../config.js';
import { importSigningKey, SIGNING_ALG } from '../auth/keys.js';

/**
 * Event deliveries are signed with the `service` key (auth/keys.ts), never the gateway's: a subgraph that
 * accepts events cannot be handed a user's principal as one, nor the reverse. The token names producer and
 * consumer and carries a digest of the body, so a captured token cannot carry another event or reach
 * another subgraph; it lives 60 s, enough for one attempt (each retry signs afresh).
 */
const TOKEN_TYPE = 'doudi-event+jwt';
const TOKEN_TTL_SECONDS = 60;

const partyOf = (subgraph: SubgraphName) => `doudi-${subgraph}`;

export function bodyDigest(body: string): string {
  return createHash('sha256').update(body, 'utf8').digest('base64url');
}

export interface DeliverySigner {
  /** The Authorization header for delivering `body` to `consumer`. */
  sign(consumer: SubgraphName, body: string): Promise<string>;
}

export async function deliverySigner(privateJwk: JWK, producer: SubgraphName): Promise<DeliverySigner> {
  const key = await importSigningKey(privateJwk);
  return {
    sign: async (consumer, body) =>
      `Bearer ${await new SignJWT({ digest: bodyDigest(body) })
        .setProtectedHeader({ alg: SIGNING_ALG, kid: privateJwk.kid, typ: TOKEN_TYPE })
        .setIssuer(partyOf(producer))
        .setAudience(partyOf(consumer))
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_TTL_SECONDS}s`)
        .sign(key)}`,
  };
}

export interface DeliveryVerifier {
  /** The producer that signed this delivery of `body`; throws when anything does not match. */
  verify(authorization: string | undefined, body: string): Promise<SubgraphName>;
}

export async function deliveryVerifier(publicJwk: JWK, consumer: SubgraphName): Promise<DeliveryVerifier> {
  const key = await importSigningKey(publicJwk);
  return {
    async verify(authorization, body) {
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      if (!token) throw new Error('no delivery token');
      const { payload } = await jwtVerify(token, key, {
        issuer: SUBGRAPHS.map(partyOf),
        audience: partyOf(consumer),
        algorithms: [SIGNING_ALG],
        typ: TOKEN_TYPE,
      });
      if (payload.digest !== bodyDigest(body)) throw new Error('the token was signed for another body');
      return SUBGRAPHS.find((s) => partyOf(s) === payload.iss)!;
    },
  };
}
