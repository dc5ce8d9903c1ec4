import { GraphQLError } from 'graphql';
import type { SubgraphQuery } from '@doudi/shared';

/**
 * Everything cases asks of the households subgraph, always as the caller (households applies their permissions):
 * a family's facts for the case and its consent to publicity. NOT_FOUND when there is no such household.
 */
export interface HouseholdsCaller {
  services: { households: SubgraphQuery };
  assertion: string;
}

export interface MemberFacts {
  sex: string;
  birthDate: string | null;
  relationshipToHead: string;
  veteranStatus: string;
  health: { hasDisabilityCertificate: boolean; disabilityCategory: string | null } | null;
}

export interface HouseholdFacts {
  jurisdiction: { code: string };
  residence: { code: string };
  hukouType: string | null;
  povertyMonitoringStatus: string;
  members: { nodes: MemberFacts[] };
}

const FACTS = `query($id: ID!) { household(id: $id) {
  jurisdiction { code } residence { code } hukouType povertyMonitoringStatus
  members(first: 100) { nodes { sex birthDate relationshipToHead veteranStatus
    health { hasDisabilityCertificate disabilityCategory } } } } }`;

/** The family's places and facts; null when the caller may not read them (FORBIDDEN: e.g. an agency app). */
export async function householdFacts(ctx: HouseholdsCaller, householdId: string): Promise<HouseholdFacts | null> {
  try {
    const { household } = await ctx.services.households<{ household: HouseholdFacts }>(
      FACTS,
      { id: householdId },
      ctx.assertion,
    );
    return household;
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions?.code === 'FORBIDDEN') return null;
    throw error;
  }
}

/** docs/architecture.md, security, 襄政办发〔2023〕26号 八(五): whether the family consented to publicity (false when not recorded). */
export async function hasPublicityConsent(ctx: HouseholdsCaller, householdId: string): Promise<boolean> {
  const data = await ctx.services.households<{ household: { hasConsent: boolean } | null }>(
    `query($id: ID!) { household(id: $id) { hasConsent(purpose: PUBLICITY) } }`,
    { id: householdId },
    ctx.assertion,
  );
  return data.household?.hasConsent ?? false;
}
