import { ApiError, formField, type GraphQLErrorBody } from '../data/api-error';
import { translate } from '../i18n';

export type Pattern = [RegExp, (m: RegExpMatchArray) => string];

/** A webhook URL refused (BAD_USER_INPUT at input.url) in the console's words; the API's are English. */
export const WEBHOOK_MESSAGES: Pattern[] = [
  [/must use https/, () => translate('doudi.webhooks.api.https')],
  [/is http or https/, () => translate('doudi.webhooks.api.http_or_https')],
  [/Not an absolute URL|A URL is required|names a host/, () => translate('doudi.webhooks.api.absolute')],
  [/No credentials in the URL/, () => translate('doudi.webhooks.api.credentials')],
  [/no fragment/, () => translate('doudi.webhooks.api.fragment')],
  [/loopback, private or link-local|local host name/, () => translate('doudi.webhooks.api.private')],
  [/does not resolve/, () => translate('doudi.webhooks.api.resolve')],
  [/A URL is at most (\d+) characters/, (m) => translate('doudi.webhooks.api.max', { max: m[1] })],
  [/at least one event type|Unknown event type/, () => translate('doudi.webhooks.api.types')],
];

/** An upload or a letter refused at its field (input.contentBase64, input.visitId …), in the console's words. */
export const DOCUMENT_MESSAGES: Pattern[] = [
  [/this file is of no known type/, () => translate('doudi.documents.api.type_unknown')],
  [
    /Only PDF, JPEG and PNG files are kept; this file is (\S+)/,
    (m) => translate('doudi.documents.api.type', { type: m[1] }),
  ],
  [/does not begin as a/, () => translate('doudi.documents.api.magic')],
  [/holds active content \(([^)]*)\)/, (m) => translate('doudi.documents.api.active', { what: m[1] })],
  [/A material is at most (\d+) MB/, (m) => translate('doudi.documents.api.too_large', { max: m[1] })],
  [/The file is empty/, () => translate('doudi.documents.api.empty')],
  [/is made from a visit/, () => translate('doudi.documents.api.no_visit')],
  [/is made from a referral/, () => translate('doudi.documents.api.no_referral')],
  [/is not made from a visit/, () => translate('doudi.documents.api.not_visit')],
  [/is not made from a referral/, () => translate('doudi.documents.api.not_referral')],
];

/** The message for one error: ours when a pattern knows it, else the console's generic wording of the API's. */
export function messageOf(error: GraphQLErrorBody, patterns: Pattern[], fallback: (e: GraphQLErrorBody) => string) {
  for (const [pattern, say] of patterns) {
    const match = error.message.match(pattern);
    if (match) return say(match);
  }
  return fallback(error);
}

/**
 * The refusals the API places at a field the form shows (BAD_USER_INPUT, or LIMIT_EXCEEDED for a file too large),
 * keyed by the form's field names; `rename` maps an API field the form holds under another name (contentBase64 →
 * file). Undefined when none is at a shown field: the caller then says the error in a notification, never silently.
 */
export function fieldErrors(
  error: ApiError,
  patterns: Pattern[],
  shown: readonly string[],
  rename: Record<string, string> = {},
): Record<string, string> | undefined {
  const fields: Record<string, string> = {};
  for (const e of error.errors) {
    const field = formField(e.extensions?.field);
    const name = field && (rename[field] ?? field);
    if (!name || !shown.includes(name)) return undefined;
    fields[name] ??= messageOf(e, patterns, error.fieldMessage);
  }
  return Object.keys(fields).length ? fields : undefined;
}
