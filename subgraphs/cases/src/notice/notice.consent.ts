import type { Context } from '../context.js';

/** DESIGN §6, 襄政办发〔2023〕26号 八(五): publicity of a case needs the family's consent; households answers, as the caller. */
export async function hasPublicityConsent(ctx: Context, householdId: string): Promise<boolean> {
  const data = await ctx.services.households<{ household: { hasConsent: boolean } | null }>(
    `query($id: ID!) { household(id: $id) { hasConsent(purpose: PUBLICITY) } }`,
    { id: householdId },
    ctx.assertion,
  );
  return data.household?.hasConsent ?? false;
}
