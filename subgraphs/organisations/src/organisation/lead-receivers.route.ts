import type { MikroORM } from '@mikro-orm/postgresql';
import {
  assertJurisdictionCode,
  sendJson,
  serviceRoute,
  type DeliveryVerifier,
  type LeadReceiversAnswer,
  type Route,
} from '@doudi/shared';
import { Organisation, OrganisationKind } from './organisation.entity.js';

/** Who receives a township's leads, first found first (河鱼府发【2021】39号 二(二): 乡救助指挥站是救助工作的责任主体). */
const RECEIVER_KINDS = [
  OrganisationKind.ASSISTANCE_STATION,
  OrganisationKind.CIVIL_AFFAIRS,
  OrganisationKind.TOWNSHIP_GOVERNMENT,
];

/**
 * For cases' lead intake (screening leads, which arrive without a caller): the organisation of each township that
 * receives its leads. Signed with the service key; answers ids only.
 */
export function leadReceiversRoute(orm: MikroORM, verifier: DeliveryVerifier): Route {
  return serviceRoute(verifier, { maxBytes: 20_000 }, async (body, res) => {
    try {
      const { townshipCodes } = JSON.parse(body) as { townshipCodes: string[] };
      if (!Array.isArray(townshipCodes) || townshipCodes.length > 1000) throw new Error('1 to 1000 townshipCodes');
      const codes = [...new Set(townshipCodes.map((c) => assertJurisdictionCode('townshipCodes', c)))];
      const found = await orm.em
        .fork()
        .find(
          Organisation,
          { jurisdictionCode: { $in: codes }, kind: { $in: RECEIVER_KINDS }, deactivatedAt: null },
          { fields: ['id', 'jurisdictionCode', 'kind'], orderBy: { id: 'asc' } },
        );
      const receivers: LeadReceiversAnswer['receivers'] = {};
      for (const code of codes) {
        const here = found.filter((o) => o.jurisdictionCode === code);
        const first = RECEIVER_KINDS.map((kind) => here.find((o) => o.kind === kind)).find((o) => o !== undefined);
        receivers[code] = first?.id ?? null;
      }
      sendJson(res, 200, { receivers } satisfies LeadReceiversAnswer);
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
  });
}
