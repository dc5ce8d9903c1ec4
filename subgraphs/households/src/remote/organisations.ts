import type { SubgraphQuery } from '@doudi/shared';
import { assertJurisdictionKnown as assertKnown } from '@doudi/shared/reporting/index';

/**
 * Everything households asks the organisations subgraph, in one place (docs/architecture.md: a subgraph
 * never reads another's tables): the documents, their answers' types and how they are batched.
 */

/** How households asks organisations (a `SubgraphQuery` from setup, or a stand-in in tests), as the caller. */
export type OrganisationsQuery = (
  document: string,
  variables: Record<string, unknown>,
  assertion: string,
) => Promise<unknown>;

const JURISDICTION_PAGE = 100;
const JURISDICTIONS = `query($codes: [ID!]) { jurisdictions(filter: { codes: $codes }, first: ${JURISDICTION_PAGE}) { nodes { code } } }`;

/**
 * Which of the division codes organisations knows, asked 100 codes at a time. An error (the caller may
 * not read jurisdictions, organisations is down) propagates: an import must not guess which codes exist.
 */
export async function knownJurisdictions(
  organisations: OrganisationsQuery,
  assertion: string,
  codes: string[],
): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < codes.length; i += JURISDICTION_PAGE) {
    const page = codes.slice(i, i + JURISDICTION_PAGE);
    const data = (await organisations(JURISDICTIONS, { codes: page }, assertion)) as {
      jurisdictions: { nodes: { code: string }[] };
    };
    for (const node of data.jurisdictions.nodes) known.add(node.code);
  }
  return known;
}

/** NOT_FOUND when organisations knows no division with this code (a report's jurisdiction, asked once a request). */
export const assertJurisdictionKnown = (
  ctx: { services: { organisations: OrganisationsQuery }; assertion: string },
  code: string,
) => assertKnown(ctx.services.organisations as SubgraphQuery, ctx.assertion, code);
