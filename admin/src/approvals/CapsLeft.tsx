import { useTranslate } from 'react-admin';
import { yuan } from '../format';
import type { BenefitRow } from './data';

/** The room left under the yearly caps, in words (the API counts every grant not rejected, this one included). */
export function CapsLeft({ benefit }: { benefit: Pick<BenefitRow, 'capsLeft' | 'person'> }) {
  const translate = useTranslate();
  const left = benefit.capsLeft;
  if (!left) return <>{translate('doudi.approvals.no_caps')}</>;
  const parts = [
    left.perHouseholdPerYear !== null &&
      translate('doudi.approvals.left_household', { amount: yuan(left.perHouseholdPerYear) }),
    left.perPersonPerYear !== null &&
      translate('doudi.approvals.left_person', {
        amount: yuan(left.perPersonPerYear),
        name: benefit.person?.name ?? '',
      }),
  ].filter(Boolean);
  return <span data-caps-left>{parts.join('；')}</span>;
}
