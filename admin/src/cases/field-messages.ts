import { translate } from '../i18n';

/**
 * The cases API's refusals at a field (BAD_USER_INPUT with extensions.field), in the console's language. The API's
 * words are English for developers; data/describe-error.ts tries these before its generic "此项有误（…）".
 */
export const CASE_FIELD_MESSAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/Name the measures taken or planned, or give the reason/, () => translate('doudi.cases.api.measures_or_reason')],
  [/cannot be in the future/, () => translate('doudi.cases.validation.not_future')],
  [/A death-case visit records all six life areas/, () => translate('doudi.cases.api.six_areas')],
  [/A public notice runs 1–60 days/, () => translate('doudi.cases.api.notice_days')],
  [/takes at most (\d+) entries/, (m) => translate('doudi.cases.validation.lines_count', { max: m[1] })],
  [/is 1–500 characters/, () => translate('doudi.cases.validation.line_length')],
  [/is required and at most (\d+) characters/, (m) => translate('doudi.cases.api.required_max', { max: m[1] })],
  [/at most (\d+) characters/i, (m) => translate('doudi.cases.api.max', { max: m[1] })],
  [/is before receivedFrom/, () => translate('doudi.cases.api.period_order')],
];
