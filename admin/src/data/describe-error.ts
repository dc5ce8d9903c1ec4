import { translate } from '../i18n';
import type { GraphQLErrorBody } from './api-error';
import { CASE_FIELD_MESSAGES } from '../cases/field-messages';

/**
 * The API's messages are English for developers (docs/architecture.md); a person reads them in the console's
 * language. Known refusals get a sentence of their own; anything else keeps the API's detail after ours.
 */
const FIELD_MESSAGES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/is locked by the template “([^”]+)”/, (m) => translate('doudi.errors.locked_by', { template: m[1] })],
  [
    /^Version (\d+) is in force from (\d{4}-\d{2}-\d{2})/,
    (m) => translate('doudi.errors.version_in_force', { number: m[1], date: m[2] }),
  ],
  [/already decided on (\d{4}-\d{2}-\d{2})/, (m) => translate('doudi.errors.decided_after', { date: m[1] })],
  [/must be an amount in yuan|has more than two decimals/, () => translate('doudi.errors.amount_format')],
  [/cannot be negative/, () => translate('doudi.errors.amount_negative')],
  [/Every tier but the last/, () => translate('doudi.errors.tiers_upto')],
  [/Tiers go from the smallest/, () => translate('doudi.errors.tiers_order')],
  [/same level or a higher one/, () => translate('doudi.errors.tiers_level')],
  [/Give either a fixed amount or a formula/, () => translate('doudi.errors.amount_either')],
  [/A fixed amount is more than zero/, () => translate('doudi.errors.amount_positive')],
  [/Public notice lasts 0 to (\d+) days/, (m) => translate('doudi.errors.notice_days', { max: m[1] })],
  [/Only a template locks settings/, () => translate('doudi.errors.only_templates_lock')],
  ...CASE_FIELD_MESSAGES,
];

/** The API's detail without the position it also carries in `extensions` ("… (line 1, column 9)"). */
const detailOf = (error: GraphQLErrorBody) => error.message.replace(/\s*\(line \d+, column \d+\)$/, '');

/** The message shown at the form field the API named. */
export function fieldMessage(error: GraphQLErrorBody): string {
  const position = error.extensions?.position;
  if (position) return translate('doudi.errors.rule_position', { ...position, detail: detailOf(error) });
  for (const [pattern, say] of FIELD_MESSAGES) {
    const match = error.message.match(pattern);
    if (match) return say(match);
  }
  return translate('doudi.errors.field_generic', { detail: error.message });
}

/** One sentence for a notification or an alert, by the API's error code (DESIGN §5). */
export function describeError(error: GraphQLErrorBody): string {
  const extensions = error.extensions ?? {};
  switch (extensions.code) {
    case 'UNAUTHENTICATED':
      return translate('doudi.errors.UNAUTHENTICATED');
    case 'FORBIDDEN': {
      if (extensions.rule === 'SEPARATION_OF_DUTIES') return translate('doudi.errors.SEPARATION_OF_DUTIES');
      const permission = extensions.permission;
      if (typeof permission !== 'string') return translate('doudi.errors.FORBIDDEN_plain');
      const key = `doudi.permissions.${permission.toUpperCase().replace(/[:-]/g, '_')}`;
      const named = translate(key, { _: permission });
      return translate('doudi.errors.FORBIDDEN', { permission: named });
    }
    case 'LIMIT_EXCEEDED':
      return typeof extensions.retryAfterSeconds === 'number'
        ? translate('doudi.errors.LIMIT_EXCEEDED_retry', { minutes: Math.ceil(extensions.retryAfterSeconds / 60) })
        : translate('doudi.errors.LIMIT_EXCEEDED', { detail: error.message });
    case 'CONFLICT':
      return translate('doudi.errors.CONFLICT');
    case 'NOT_FOUND':
      return translate('doudi.errors.NOT_FOUND');
    case 'INVALID_STATE':
      return translate('doudi.errors.INVALID_STATE', { detail: error.message });
    case 'BAD_USER_INPUT':
      return translate('doudi.errors.BAD_USER_INPUT', {
        detail: extensions.field ? fieldMessage(error) : error.message,
      });
    default:
      return translate('doudi.errors.INTERNAL');
  }
}
