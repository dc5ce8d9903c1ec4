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

/**
 * Whether the family's consent for a purpose is on record (false when none): PUBLICITY before a public notice
 * (docs/architecture.md, security; 襄政办发〔2023〕26号 八(五)); DATA_SHARING before a household economic check asks
 * other departments for its income and assets (临社救办发〔2015〕3号 三(三)).
 */
export async function hasConsent(
  ctx: HouseholdsCaller,
  householdId: string,
  purpose: 'PUBLICITY' | 'DATA_SHARING',
): Promise<boolean> {
  const data = await ctx.services.households<{ household: { hasConsent: boolean } | null }>(
    `query($id: ID!, $purpose: ConsentPurpose!) { household(id: $id) { hasConsent(purpose: $purpose) } }`,
    { id: householdId, purpose },
    ctx.assertion,
  );
  return data.household?.hasConsent ?? false;
}

export interface CheckedFacts {
  householdId: string;
  checkedOn: string;
  source: string;
  reference: string;
  incomes: { month: string; category: string; amount: string }[];
  assets: { kind: string; description: string; value: string }[];
  idempotencyKey: string;
}

/**
 * Writes a check's answer into the household's facts, as the caller (the checking organisation's staff, with
 * households:write where the family lives): households keeps source and date on every figure, one history entry, and
 * tells programmes to screen the household again. Idempotent on `idempotencyKey`.
 */
export async function recordCheckedFacts(ctx: HouseholdsCaller, input: CheckedFacts): Promise<void> {
  await ctx.services.households(
    `mutation($input: RecordCheckedFactsInput!) { recordCheckedFacts(input: $input) { household { id } } }`,
    { input },
    ctx.assertion,
  );
}
