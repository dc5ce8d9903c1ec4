import DataLoader from 'dataloader';
import { badInput, shanghaiMonth, type SubgraphQuery } from '@doudi/shared';

/** What programmes reads of a household from the households subgraph, as the caller (their scope applies). */
export interface HouseholdRecord {
  id: string;
  jurisdiction: { code: string };
  residence: { code: string };
  hukouType: 'RURAL' | 'URBAN' | null;
  povertyMonitoringStatus: string;
  averagePerCapitaMonthlyIncome: string | null;
  assets: { value: string }[];
  obligors: { ableToSupport: boolean }[];
  members: { nodes: MemberRecord[] };
}

export interface MemberRecord {
  id: string;
  birthDate: string | null;
  sex: string;
  relationshipToHead: string;
  orphan: boolean;
  unattendedChild: boolean;
  schoolingStage: string | null;
  employmentStatus: string | null;
  veteranStatus: string;
  workAbility: string | null;
  health: {
    hasDisabilityCertificate: boolean;
    disabilityGrade: number | null;
    disabilityCategory: string | null;
    seriousIllness: boolean;
    chronicIllness: boolean;
  } | null;
}

const HOUSEHOLD_FIELDS = `
  id hukouType povertyMonitoringStatus
  jurisdiction { code } residence { code }
  averagePerCapitaMonthlyIncome(months: 12, toMonth: $toMonth)
  assets { value } obligors { ableToSupport }
  members(first: 100) { nodes {
    id birthDate sex relationshipToHead orphan unattendedChild schoolingStage employmentStatus veteranStatus workAbility
    health { hasDisabilityCertificate disabilityGrade disabilityCategory seriousIllness chronicIllness }
  } }`;

/** Income is averaged over the twelve complete months before the screening date. */
export function incomeMonthBefore(date: string): string {
  const [year, month] = date.slice(0, 7).split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

export function householdDirectory(query: SubgraphQuery) {
  return {
    /** One household (NOT_FOUND or FORBIDDEN from households when the caller cannot reach it). */
    async household(id: string, assertion: string, date = `${shanghaiMonth()}-01`): Promise<HouseholdRecord> {
      const data = await query<{ household: HouseholdRecord }>(
        `query($id: ID!, $toMonth: String!) { household(id: $id) { ${HOUSEHOLD_FIELDS} } }`,
        { id, toMonth: incomeMonthBefore(date) },
        assertion,
      );
      return data.household;
    },

    /** Several households at once (ids the caller cannot see are left out). */
    async householdsById(ids: readonly string[], assertion: string, date: string): Promise<HouseholdRecord[]> {
      const data = await query<{ households: { nodes: HouseholdRecord[] } }>(
        `query($ids: [ID!], $toMonth: String!) {
          households(filter: { ids: $ids }, first: 100) { nodes { ${HOUSEHOLD_FIELDS} } } }`,
        { ids, toMonth: incomeMonthBefore(date) },
        assertion,
      );
      return data.households.nodes;
    },

    /** Every household of a jurisdiction's subtree that the caller may see, page by page. */
    async *householdsIn(jurisdictionCode: string, assertion: string, date: string): AsyncGenerator<HouseholdRecord> {
      let after: string | null = null;
      do {
        const data: {
          households: { nodes: HouseholdRecord[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        } = await query(
          `query($j: ID!, $after: String, $toMonth: String!) {
            households(filter: { jurisdictionCode: $j }, first: 100, after: $after) {
              nodes { ${HOUSEHOLD_FIELDS} } pageInfo { hasNextPage endCursor } } }`,
          { j: jurisdictionCode, after, toMonth: incomeMonthBefore(date) },
          assertion,
        );
        yield* data.households.nodes;
        after = data.households.pageInfo.hasNextPage ? data.households.pageInfo.endCursor : null;
      } while (after);
    },
  };
}

export type HouseholdDirectory = ReturnType<typeof householdDirectory>;

export function assertMember(household: HouseholdRecord, personId: string) {
  if (!household.members.nodes.some((m) => m.id === personId)) {
    throw badInput('input.personId', `Person ${personId} is not a member of household ${household.id}`);
  }
}

/**
 * Households for one request, read on a date (income is averaged up to it), in calls of up to 100 ids per
 * date: Household.eligibility on a page of households asks once, not once per household.
 */
export function householdRecordLoader(directory: HouseholdDirectory, assertion: string) {
  return new DataLoader<{ id: string; date: string }, HouseholdRecord | null, string>(
    async (keys) => {
      const dates = [...new Set(keys.map((k) => k.date))];
      const found = new Map<string, HouseholdRecord>();
      for (const date of dates) {
        const ids = keys.filter((k) => k.date === date).map((k) => k.id);
        for (const record of await directory.householdsById(ids, assertion, date))
          found.set(`${record.id}|${date}`, record);
      }
      return keys.map((k) => found.get(`${k.id}|${k.date}`) ?? null);
    },
    { maxBatchSize: 100, cacheKeyFn: (k) => `${k.id}|${k.date}` },
  );
}
