import type { SubgraphQuery } from '@doudi/shared';
import { assertJurisdictionKnown as assertKnown } from '@doudi/shared/reporting/index';

/**
 * Everything programmes asks of the organisations subgraph, as the caller (their signed principal passes on): today
 * only whether a report's division exists.
 */
export interface OrganisationsCaller {
  services: { organisations: SubgraphQuery };
  assertion: string;
}

/** NOT_FOUND when organisations knows no division with this code (a report's jurisdiction, asked once a request). */
export const assertJurisdictionKnown = (ctx: OrganisationsCaller, code: string) =>
  assertKnown(ctx.services.organisations, ctx.assertion, code);
