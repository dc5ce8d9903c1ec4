/**
 * The payload of `screening.lead.found` (programmes → cases): one household the screening found newly qualifying,
 * for a data-comparison lead (河鱼府发【2021】39号 二(四): 比对结果 → 线索). Both sides import this type; change it only
 * by adding fields.
 */
export interface ScreeningLeadFound {
  /**
   * The situation: the household and what it newly qualifies for (sorted programme ids and key groups, hashed).
   * The same situation is never sent twice; cases creates at most one lead per key.
   */
  situationKey: string;
  householdId: string;
  /** The hukou place (户籍地): its programmes decide (河鱼府发【2021】39号 二(二)). */
  hukouCode: string;
  /** Where the family lives (居住地): its township receives the lead (the residence discovers). */
  residenceCode: string;
  /** The programmes whose rule the household meets and does not yet receive. */
  matches: ScreeningLeadMatch[];
  /** Key groups of 河鱼府发【2021】39号 一 the household falls in (SCREENING_KEY_GROUPS). */
  keyGroups: string[];
  /** YYYY-MM-DD: the date the facts were screened for. */
  screenedOn: string;
}

export interface ScreeningLeadMatch {
  programmeId: string;
  programmeName: string;
  /** The programme's version in force (null when it runs on its template's alone). */
  versionId: string | null;
  /** The rule that matched, as published (its conditions). */
  clause: string;
  /** The facts the rule read, by path (`household.perCapitaIncome`), with the household's values. */
  facts: Record<string, unknown>;
}

/**
 * The key groups of 河鱼府发【2021】39号 一 a screening names besides the programmes:
 * LOW_INCOME — per-capita monthly income at or above the dibao line and below the low-income line (1.5 × by default);
 * POVERTY_MONITORING — relapse-risk or marginal households, or a sudden severe hardship (防止返贫动态监测), without
 * monitoring support (RELAPSE_PREVENTION); EXPENDITURE_HARDSHIP — a member seriously ill and the household's income
 * below the low-income line (支出型困难, where the facts show it).
 */
export const SCREENING_KEY_GROUPS = ['LOW_INCOME', 'POVERTY_MONITORING', 'EXPENDITURE_HARDSHIP'] as const;
export type ScreeningKeyGroup = (typeof SCREENING_KEY_GROUPS)[number];
