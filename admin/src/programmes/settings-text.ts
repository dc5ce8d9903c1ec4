import type { TranslateFunction } from 'react-admin';
import { yuan } from '../format';

export const SETTINGS = ['ELIGIBILITY', 'AMOUNT', 'CAPS', 'APPROVAL', 'PUBLIC_NOTICE'] as const;
export type Setting = (typeof SETTINGS)[number];

/** The values of a configuration or a draft, as the API's ProgrammeSettingsView names them. */
export interface SettingsValues {
  eligibilityRule?: string | null;
  fixedAmount?: string | null;
  benefitFormula?: string | null;
  publicNoticeDays?: number | null;
  caps?: { perGrant?: string | null; perPersonPerYear?: string | null; perHouseholdPerYear?: string | null } | null;
  approvalTiers?: readonly { upTo?: string | null; level: string; collectiveReview: boolean }[] | null;
}

/** One setting as a sentence a person reads (in the show page, and on both sides of the diff). */
export function settingText(
  translate: TranslateFunction,
  setting: Setting,
  values: SettingsValues | null | undefined,
): string {
  const unset = translate('doudi.unset');
  if (!values) return unset;
  switch (setting) {
    case 'ELIGIBILITY':
      return values.eligibilityRule?.trim() || unset;
    case 'AMOUNT':
      if (values.fixedAmount) return translate('doudi.programme.fixed_amount', { amount: yuan(values.fixedAmount) });
      if (values.benefitFormula) return translate('doudi.programme.formula', { formula: values.benefitFormula });
      return unset;
    case 'CAPS': {
      if (!values.caps) return unset;
      const cap = (v: string | null | undefined) => yuan(v) ?? translate('doudi.programme.no_cap');
      return translate('doudi.programme.caps_text', {
        perGrant: cap(values.caps.perGrant),
        perPerson: cap(values.caps.perPersonPerYear),
        perHousehold: cap(values.caps.perHouseholdPerYear),
      });
    }
    case 'APPROVAL':
      if (!values.approvalTiers?.length) return unset;
      return values.approvalTiers
        .map((tier) =>
          translate('doudi.programme.tier_text', {
            upTo: yuan(tier.upTo) ?? translate('doudi.programme.tier_any'),
            level: translate(`doudi.programme.levels.${tier.level}`),
            review: tier.collectiveReview ? translate('doudi.programme.tier_review') : '',
          }),
        )
        .join('；');
    case 'PUBLIC_NOTICE':
      return values.publicNoticeDays == null
        ? unset
        : translate('doudi.programme.days', { days: values.publicNoticeDays });
  }
}
