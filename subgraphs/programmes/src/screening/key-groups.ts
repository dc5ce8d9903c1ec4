import type { ScreeningKeyGroup } from '@doudi/shared';
import type { Facts } from '../eligibility/facts.js';
import { EarlyWarningReason } from './screening.enums.js';

const MONITORED = new Set(['UNSTABLE_OUT_OF_POVERTY', 'MARGINAL_AT_RISK', 'SUDDEN_SEVERE_HARDSHIP']);

/**
 * The key groups of 河鱼府发【2021】39号 一 a household falls in and does not yet receive support for: the low-income
 * band (per-capita monthly income at or above the dibao line and below the low-income line, 1.5 × by default);
 * relapse-risk, marginal and sudden-hardship households under monitoring without monitoring support; and
 * expenditure-type hardship where the facts show it (a member seriously ill, income below the low-income line).
 */
export function keyGroupsOf(facts: Facts): ScreeningKeyGroup[] {
  const groups: ScreeningKeyGroup[] = [];
  const { household, standards } = facts;
  const income = household.perCapitaIncome;
  const receives = household.receives as string[];
  const supported = receives.includes('DIBAO') || receives.includes('TEKUN');
  if (
    income !== null &&
    standards.dibaoLine !== null &&
    standards.lowIncomeLine !== null &&
    income >= standards.dibaoLine &&
    income < standards.lowIncomeLine &&
    !supported
  )
    groups.push('LOW_INCOME');
  if (MONITORED.has(household.povertyMonitoring) && !receives.includes('RELAPSE_PREVENTION'))
    groups.push('POVERTY_MONITORING');
  if (
    facts.members.some((m) => m.seriousIllness === true) &&
    income !== null &&
    standards.lowIncomeLine !== null &&
    income < standards.lowIncomeLine &&
    !supported &&
    !receives.includes('MEDICAL')
  )
    groups.push('EXPENDITURE_HARDSHIP');
  return groups;
}

/**
 * Why a household is close to a line (前置预警对象, 河鱼府发【2021】39号 一, 二): income at or above the dibao line and within
 * the margin above it (`marginPercent` of the line; null: up to the low-income line), a member seriously ill, a
 * sudden severe hardship, a disaster within the year before the screening (`disaster.since` is that day), relapse-risk
 * or marginal monitoring. Sorted, for the fingerprint.
 */
export function warningReasonsOf(
  facts: Facts,
  marginPercent: number | null,
  disaster: { on: string | null; since: string } = { on: null, since: '' },
): EarlyWarningReason[] {
  const reasons: EarlyWarningReason[] = [];
  const { household, standards } = facts;
  const income = household.perCapitaIncome;
  if (income !== null && standards.dibaoLine !== null) {
    const upTo = marginPercent === null ? standards.lowIncomeLine : standards.dibaoLine * (1 + marginPercent / 100);
    if (upTo !== null && income >= standards.dibaoLine && income < upTo)
      reasons.push(EarlyWarningReason.INCOME_NEAR_DIBAO_LINE);
  }
  if (household.povertyMonitoring === 'UNSTABLE_OUT_OF_POVERTY' || household.povertyMonitoring === 'MARGINAL_AT_RISK')
    reasons.push(EarlyWarningReason.RELAPSE_RISK);
  if (facts.members.some((m) => m.seriousIllness === true)) reasons.push(EarlyWarningReason.SERIOUS_ILLNESS);
  if (household.povertyMonitoring === 'SUDDEN_SEVERE_HARDSHIP') reasons.push(EarlyWarningReason.SUDDEN_HARDSHIP);
  if (disaster.on !== null && disaster.on >= disaster.since) reasons.push(EarlyWarningReason.DISASTER);
  return reasons.sort();
}
