import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';

export interface FamilyPlaces {
  householdJurisdictionCode: string | null;
  residenceJurisdictionCode: string | null;
}

/**
 * Where the family is registered and lives, asked of households as the caller: NOT_FOUND when there is no such
 * household. A caller who may not read it (an agency app without households:read) still opens the case; the case
 * is then reached through its own jurisdiction only.
 */
export async function familyPlaces(ctx: Context, householdId: string): Promise<FamilyPlaces> {
  try {
    const { household } = await ctx.services.households<{
      household: { jurisdiction: { code: string }; residence: { code: string } };
    }>(
      `query($id: ID!) { household(id: $id) { jurisdiction { code } residence { code } } }`,
      { id: householdId },
      ctx.assertion,
    );
    const hukou = household.jurisdiction.code;
    const residence = household.residence.code;
    return { householdJurisdictionCode: hukou, residenceJurisdictionCode: residence === hukou ? null : residence };
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions?.code === 'FORBIDDEN') {
      return { householdJurisdictionCode: null, residenceJurisdictionCode: null };
    }
    throw error;
  }
}
