import { badInput, parseYuan } from '@doudi/shared';
import { ApprovalLevel, type ApprovalTierSetting, type ProgrammeSettings } from './programme-settings.js';
import type { PublishProgrammeVersionInput } from './version.inputs.js';
import { checkFormula, checkRule } from '../eligibility/rules.js';

const MAX_TIERS = 6;
const MAX_NOTICE_DAYS = 60;
const MAX_REVIEW_CYCLE_MONTHS = 36;
/** Higher amounts go to the same or a higher level: PROVINCE is 0, VILLAGE 4. */
const LEVEL_RANK = Object.values(ApprovalLevel).reverse();

const optionalYuan = (field: string, value: string | null | undefined) =>
  value === undefined || value === null || value === '' ? null : parseYuan(field, value);

function approvalTiers(input: NonNullable<PublishProgrammeVersionInput['approvalTiers']>): ApprovalTierSetting[] {
  if (input.length === 0 || input.length > MAX_TIERS) {
    throw badInput('input.approvalTiers', `Give between 1 and ${MAX_TIERS} approval tiers`);
  }
  const tiers = input.map((tier, i) => ({
    upToFen: optionalYuan(`input.approvalTiers.${i}.upTo`, tier.upTo),
    level: tier.level,
    collectiveReview: tier.collectiveReview ?? false,
  }));
  tiers.forEach((tier, i) => {
    const field = `input.approvalTiers.${i}`;
    const last = i === tiers.length - 1;
    if (last !== (tier.upToFen === null)) {
      throw badInput(`${field}.upTo`, 'Every tier but the last has an upper bound; the last has none (any amount)');
    }
    const previous = tiers[i - 1];
    if (previous && tier.upToFen !== null && tier.upToFen <= previous.upToFen!) {
      throw badInput(`${field}.upTo`, 'Tiers go from the smallest amounts to the largest');
    }
    if (previous && LEVEL_RANK.indexOf(tier.level) > LEVEL_RANK.indexOf(previous.level)) {
      throw badInput(`${field}.level`, 'Larger amounts are approved at the same level or a higher one');
    }
  });
  return tiers;
}

/** The settings a version sets itself, validated; each error names the input field. */
export function settingsFromInput(input: PublishProgrammeVersionInput): ProgrammeSettings {
  const settings: ProgrammeSettings = {};
  if (input.eligibilityRule !== undefined && input.eligibilityRule !== null) {
    const rule = input.eligibilityRule.trim();
    settings.eligibilityRule = rule ? checkRule('input.eligibilityRule', rule) : null;
  }
  if (input.amount) {
    const fixedFen = optionalYuan('input.amount.fixedAmount', input.amount.fixedAmount);
    const formula = input.amount.formula?.trim() || null;
    if ((fixedFen === null) === (formula === null)) {
      throw badInput('input.amount', 'Give either a fixed amount or a formula');
    }
    if (fixedFen === 0) throw badInput('input.amount.fixedAmount', 'A fixed amount is more than zero');
    settings.amount = { fixedFen, formula: formula && checkFormula('input.amount.formula', formula) };
  }
  if (input.caps) {
    settings.caps = {
      perPersonYearFen: optionalYuan('input.caps.perPersonPerYear', input.caps.perPersonPerYear),
      perHouseholdYearFen: optionalYuan('input.caps.perHouseholdPerYear', input.caps.perHouseholdPerYear),
      perGrantFen: optionalYuan('input.caps.perGrant', input.caps.perGrant),
    };
  }
  if (input.approvalTiers) settings.approval = { tiers: approvalTiers(input.approvalTiers) };
  if (input.publicNoticeDays !== undefined && input.publicNoticeDays !== null) {
    const days = input.publicNoticeDays;
    if (!Number.isInteger(days) || days < 0 || days > MAX_NOTICE_DAYS) {
      throw badInput('input.publicNoticeDays', `Public notice lasts 0 to ${MAX_NOTICE_DAYS} days`);
    }
    settings.publicNoticeDays = days;
  }
  if (input.reviewCycleMonths !== undefined && input.reviewCycleMonths !== null) {
    const months = input.reviewCycleMonths;
    if (!Number.isInteger(months) || months < 0 || months > MAX_REVIEW_CYCLE_MONTHS) {
      throw badInput('input.reviewCycleMonths', `A review cycle is 0 (none) to ${MAX_REVIEW_CYCLE_MONTHS} months`);
    }
    settings.reviewCycleMonths = months;
  }
  if (input.appraisalRequired !== undefined && input.appraisalRequired !== null)
    settings.appraisalRequired = input.appraisalRequired;
  return settings;
}
