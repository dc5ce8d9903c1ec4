import type { MikroORM } from '@mikro-orm/postgresql';
import {
  assertId,
  sendJson,
  serviceRoute,
  type DeliveryVerifier,
  type MemberIdHashesAnswer,
  type Route,
} from '@doudi/shared';

/**
 * For programmes' filing of a proposal (备案, 临社救办发〔2015〕3号 二(一)): the keyed ID-number hashes of a household's
 * members still there, and its hukou and residence places, never a number in clear. Signed with the service key, by
 * programmes alone; at most 100 households a call.
 */
export function memberIdHashesRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return serviceRoute(verifier, { maxBytes: 10_000, from: 'programmes' }, async (body, res) => {
    let ids: string[];
    try {
      const { householdIds } = JSON.parse(body) as { householdIds: string[] };
      if (!Array.isArray(householdIds) || !householdIds.length || householdIds.length > 100)
        throw new Error('1 to 100 householdIds');
      ids = householdIds.map((id) => assertId('householdIds', id));
    } catch (error) {
      // Only a malformed question is the caller's fault; a database failure goes on to the 500 of http.ts.
      return sendJson(res, 400, { error: (error as Error).message });
    }
    const rows: { id: string; hukou: string; residence: string | null; hashes: string[] | null }[] = await orm.em
      .fork()
      .getKnex()('household as h')
      .leftJoin('person as p', (join) => {
        join.on('p.household_id', 'h.id').andOnNull('p.exited_on');
      })
      .select(
        'h.id',
        'h.jurisdiction_code as hukou',
        'h.residence_jurisdiction_code as residence',
        orm.em.getKnex().raw('array_remove(array_agg(p.id_number_hash), null) as hashes'),
      )
      .whereIn('h.id', ids)
      .groupBy('h.id');
    const answer: MemberIdHashesAnswer = { households: {} };
    for (const row of rows) {
      answer.households[row.id] = {
        villageCodes: [...new Set([row.hukou, row.residence ?? row.hukou])],
        idNumberHashes: row.hashes ?? [],
      };
    }
    sendJson(res, 200, answer);
  });
}
