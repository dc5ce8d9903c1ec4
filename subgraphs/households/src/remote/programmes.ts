import { codePrefix, parseYuan, type SubgraphQuery } from '@doudi/shared';

/**
 * Everything households asks of the programmes subgraph, as the caller (their signed principal passes on): the local
 * standards programmes owns (docs/architecture.md: a subgraph never reads another's tables).
 */
export interface ProgrammesCaller {
  services: { programmes: SubgraphQuery };
  assertion: string;
}

/** One set of published standards, in fen: it applies to every household under `prefix` that has none nearer. */
export interface PublishedStandard {
  prefix: string;
  dibaoUrbanFen: number;
  dibaoRuralFen: number;
  lowIncomeMultiplierPercent: number;
}

const PUBLISHED = `query($code: ID!, $year: Int!) { publishedStandards(jurisdictionCode: $code, year: $year) {
  publishedBy { code } dibaoUrbanMonthly dibaoRuralMonthly lowIncomeMultiplier } }`;

/** The standards published for a year along a jurisdiction's chain and below it, in one call. */
export async function publishedStandards(
  ctx: ProgrammesCaller,
  jurisdictionCode: string,
  year: number,
): Promise<PublishedStandard[]> {
  const data = await ctx.services.programmes<{
    publishedStandards: {
      publishedBy: { code: string };
      dibaoUrbanMonthly: string;
      dibaoRuralMonthly: string;
      lowIncomeMultiplier: string;
    }[];
  }>(PUBLISHED, { code: jurisdictionCode, year }, ctx.assertion);
  return data.publishedStandards.map((s) => ({
    prefix: codePrefix(s.publishedBy.code),
    dibaoUrbanFen: parseYuan('dibaoUrbanMonthly', s.dibaoUrbanMonthly),
    dibaoRuralFen: parseYuan('dibaoRuralMonthly', s.dibaoRuralMonthly),
    lowIncomeMultiplierPercent: Math.round(Number(s.lowIncomeMultiplier) * 100),
  }));
}
