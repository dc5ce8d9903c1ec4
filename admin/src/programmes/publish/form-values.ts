import type { VariablesOf } from '../../graphql/graphql';
import type { ProgrammeRecord } from '../data';
import type { PUBLISH_VERSION } from '../documents';
import type { Setting, SettingsValues } from '../settings-text';

export interface Tier {
  upTo: string;
  level: string;
  collectiveReview: boolean;
}

/** The publish form's fields: each setting with a switch saying whether this version sets it. */
export interface PublishForm {
  effectiveFrom: string;
  note: string;
  eligibilityRule: string;
  amountMode: 'inherit' | 'fixed' | 'formula';
  fixedAmount: string;
  formula: string;
  setCaps: boolean;
  caps: { perGrant: string; perPersonPerYear: string; perHouseholdPerYear: string };
  setTiers: boolean;
  approvalTiers: Tier[];
  setNotice: boolean;
  publicNoticeDays: string;
  locks: Setting[];
}

type Version = ProgrammeRecord['versions'][number];

/**
 * A new version replaces the programme's own settings (what it leaves out is inherited from the template), so
 * the form starts from what the latest version sets itself: publishing unchanged keeps everything.
 */
export function formDefaults(latest: Version | undefined, effectiveFrom: string): PublishForm {
  const s = latest?.settings;
  const sets = new Set(s?.sets ?? []);
  return {
    effectiveFrom,
    note: '',
    eligibilityRule: s?.eligibilityRule ?? '',
    amountMode: s?.fixedAmount ? 'fixed' : s?.benefitFormula ? 'formula' : 'inherit',
    fixedAmount: s?.fixedAmount ?? '',
    formula: s?.benefitFormula ?? '',
    setCaps: sets.has('CAPS'),
    caps: {
      perGrant: s?.caps?.perGrant ?? '',
      perPersonPerYear: s?.caps?.perPersonPerYear ?? '',
      perHouseholdPerYear: s?.caps?.perHouseholdPerYear ?? '',
    },
    setTiers: sets.has('APPROVAL'),
    approvalTiers: (s?.approvalTiers ?? []).map((t) => ({
      upTo: t.upTo ?? '',
      level: t.level,
      collectiveReview: t.collectiveReview,
    })),
    setNotice: sets.has('PUBLIC_NOTICE'),
    publicNoticeDays: s?.publicNoticeDays == null ? '' : String(s.publicNoticeDays),
    locks: [...(latest?.locks ?? [])] as Setting[],
  };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** What the draft sets itself, in the API's shape (for the diff), leaving out settings a template locks. */
export function draftSettings(form: PublishForm, locked: ReadonlySet<Setting>): SettingsValues & { sets: Setting[] } {
  const sets: Setting[] = [];
  const values: SettingsValues = {};
  if (!locked.has('ELIGIBILITY') && form.eligibilityRule.trim()) {
    sets.push('ELIGIBILITY');
    values.eligibilityRule = form.eligibilityRule.trim();
  }
  if (!locked.has('AMOUNT') && form.amountMode !== 'inherit') {
    sets.push('AMOUNT');
    if (form.amountMode === 'fixed') values.fixedAmount = form.fixedAmount.trim();
    else values.benefitFormula = form.formula.trim();
  }
  if (!locked.has('CAPS') && form.setCaps) {
    sets.push('CAPS');
    values.caps = {
      perGrant: blankToNull(form.caps.perGrant),
      perPersonPerYear: blankToNull(form.caps.perPersonPerYear),
      perHouseholdPerYear: blankToNull(form.caps.perHouseholdPerYear),
    };
  }
  if (!locked.has('APPROVAL') && form.setTiers) {
    sets.push('APPROVAL');
    values.approvalTiers = form.approvalTiers.map((t) => ({
      upTo: blankToNull(t.upTo),
      level: t.level,
      collectiveReview: !!t.collectiveReview,
    }));
  }
  if (!locked.has('PUBLIC_NOTICE') && form.setNotice && form.publicNoticeDays !== '') {
    sets.push('PUBLIC_NOTICE');
    values.publicNoticeDays = Number(form.publicNoticeDays);
  }
  return { ...values, sets };
}

export type PublishInput = VariablesOf<typeof PUBLISH_VERSION>['input'];

/** The mutation's input: the draft's own settings, the version it was based on, and a template's locks. */
export function publishInput(
  form: PublishForm,
  programme: ProgrammeRecord,
  locked: ReadonlySet<Setting>,
  basedOnVersion: number,
): PublishInput {
  const draft = draftSettings(form, locked);
  return {
    programmeId: programme.id,
    effectiveFrom: form.effectiveFrom,
    note: form.note.trim() || null,
    basedOnVersion,
    eligibilityRule: draft.eligibilityRule ?? null,
    amount: draft.sets.includes('AMOUNT')
      ? draft.fixedAmount
        ? { fixedAmount: draft.fixedAmount }
        : { formula: draft.benefitFormula ?? '' }
      : null,
    caps: draft.caps ?? null,
    approvalTiers: draft.approvalTiers?.map((t) => ({ ...t, level: t.level as never })) ?? null,
    publicNoticeDays: draft.publicNoticeDays ?? null,
    locks: programme.isTemplate ? (form.locks as never[]) : null,
    idempotencyKey: crypto.randomUUID(),
  };
}
