import { DEADLINE_DEFAULTS, DeadlineRule } from '@doudi/shared';

/** The time limits programmes keeps per jurisdiction (its `deadlines(jurisdictionCode)`), one enum for both. */
export { DeadlineRule };

export type DeadlineUnit = 'WORKING_DAYS' | 'CALENDAR_MONTHS' | 'DAY_OF_MONTH';

export interface RuleInForce {
  rule: DeadlineRule;
  amount: number;
  unit: DeadlineUnit;
}

/**
 * The seeds' own figures, used only when the caller's credential may not read the county's settings in
 * programmes (an agency app without programmes:read): the due date then says so in `dueDateWarning`.
 */
export const SEED_FIGURES = Object.fromEntries(
  Object.entries(DEADLINE_DEFAULTS).map(([rule, { amount, unit }]) => [rule, { amount, unit: unit as DeadlineUnit }]),
) as Record<DeadlineRule, Omit<RuleInForce, 'rule'>>;
