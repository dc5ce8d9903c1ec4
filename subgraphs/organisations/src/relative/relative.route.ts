import type { MikroORM } from '@mikro-orm/postgresql';
import {
  assertJurisdictionCode,
  sendJson,
  serviceRoute,
  type DeclaredRelativesAnswer,
  type DeclaredRelativesRequest,
  type DeliveryVerifier,
  type Route,
} from '@doudi/shared';
import { relativeMatches } from './relative.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH = /^[0-9a-f]{64}$/;

/** For programmes' filing of a proposal (备案): which declarations concern the household and the people involved. */
export function declaredRelativesRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return serviceRoute(verifier, { maxBytes: 100_000, from: 'programmes' }, async (body, res) => {
    let request: DeclaredRelativesRequest;
    try {
      request = parseRequest(body);
    } catch (error) {
      // Only a malformed question is the caller's fault; a database failure goes on to the 500 of http.ts.
      return sendJson(res, 400, { error: (error as Error).message });
    }
    const matches = await relativeMatches(orm.em.fork(), request);
    sendJson(res, 200, { matches } satisfies DeclaredRelativesAnswer);
  });
}

function parseRequest(body: string): DeclaredRelativesRequest {
  const { idNumberHashes, accountIds, villageCodes } = JSON.parse(body) as DeclaredRelativesRequest;
  if (!Array.isArray(idNumberHashes) || idNumberHashes.length > 500 || !idNumberHashes.every((h) => HASH.test(h)))
    throw new Error('idNumberHashes: at most 500 keyed hashes');
  if (!Array.isArray(accountIds) || accountIds.length > 50 || !accountIds.every((id) => UUID.test(id)))
    throw new Error('accountIds: at most 50 ids');
  if (!Array.isArray(villageCodes) || villageCodes.length > 10) throw new Error('villageCodes: at most 10');
  villageCodes.forEach((code) => assertJurisdictionCode('villageCodes', code));
  return { idNumberHashes, accountIds, villageCodes };
}
