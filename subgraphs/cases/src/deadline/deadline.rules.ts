import { registerEnumType } from 'type-graphql';

/**
 * The time limits the programmes subgraph keeps per jurisdiction (its `deadlines(jurisdictionCode)`). The same
 * enum, value for value, as programmes' DeadlineRule: federation composes the two only while they agree.
 */
export enum DeadlineRule {
  DEATH_CASE_VISIT = 'DEATH_CASE_VISIT',
  DEATH_CASE_STATION_REPORT = 'DEATH_CASE_STATION_REPORT',
  DEATH_CASE_REFERRALS = 'DEATH_CASE_REFERRALS',
  AGENCY_WRITTEN_ANSWER = 'AGENCY_WRITTEN_ANSWER',
  JUDICIAL_TO_SOCIAL_REFERRAL = 'JUDICIAL_TO_SOCIAL_REFERRAL',
  SOCIAL_TO_JUDICIAL_REFERRAL = 'SOCIAL_TO_JUDICIAL_REFERRAL',
  RECEIVER_STARTS_PROCEDURE = 'RECEIVER_STARTS_PROCEDURE',
  RECEIVER_REPORTS_BACK = 'RECEIVER_REPORTS_BACK',
  WINDOW_TRANSFER = 'WINDOW_TRANSFER',
  WINDOW_CONCLUDE = 'WINDOW_CONCLUDE',
  TOWNSHIP_MONTHLY_LEDGER = 'TOWNSHIP_MONTHLY_LEDGER',
  TOWNSHIP_CLASSIFIED_SUMMARY = 'TOWNSHIP_CLASSIFIED_SUMMARY',
}
registerEnumType(DeadlineRule, { name: 'DeadlineRule' });

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
export const SEED_FIGURES: Record<DeadlineRule, Omit<RuleInForce, 'rule'>> = {
  DEATH_CASE_VISIT: { amount: 3, unit: 'WORKING_DAYS' },
  DEATH_CASE_STATION_REPORT: { amount: 5, unit: 'WORKING_DAYS' },
  DEATH_CASE_REFERRALS: { amount: 7, unit: 'WORKING_DAYS' },
  AGENCY_WRITTEN_ANSWER: { amount: 1, unit: 'CALENDAR_MONTHS' },
  JUDICIAL_TO_SOCIAL_REFERRAL: { amount: 5, unit: 'WORKING_DAYS' },
  SOCIAL_TO_JUDICIAL_REFERRAL: { amount: 5, unit: 'WORKING_DAYS' },
  RECEIVER_STARTS_PROCEDURE: { amount: 5, unit: 'WORKING_DAYS' },
  RECEIVER_REPORTS_BACK: { amount: 5, unit: 'WORKING_DAYS' },
  WINDOW_TRANSFER: { amount: 1, unit: 'WORKING_DAYS' },
  WINDOW_CONCLUDE: { amount: 10, unit: 'WORKING_DAYS' },
  TOWNSHIP_MONTHLY_LEDGER: { amount: 0, unit: 'DAY_OF_MONTH' },
  TOWNSHIP_CLASSIFIED_SUMMARY: { amount: 5, unit: 'DAY_OF_MONTH' },
};
