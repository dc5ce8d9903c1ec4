import { ApiError, formField } from '../data/api-error';
import { fieldMessage } from '../data/describe-error';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The API's refusals of this page's fields that the shared mapping does not know, in the console's words. */
const OWN_MESSAGES: [RegExp, string][] = [
  [/low-income multiplier is between/, 'doudi.standards.errors.multiplier'],
  [/dibao line is more than zero/, 'doudi.standards.errors.line_positive'],
];

/**
 * A message per form field from an API error (BAD_USER_INPUT names the field as `input.x`); the version the
 * page sends is not a field a person can fix, so it is left to the conflict notice.
 */
export function fieldErrors(error: ApiError, translate: Translate): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const e of error.errors) {
    const field = formField(e.extensions?.field);
    if (!field || field === 'version' || fields[field]) continue;
    const own = OWN_MESSAGES.find(([pattern]) => pattern.test(e.message));
    fields[field] = own ? translate(own[1]) : fieldMessage(e);
  }
  return fields;
}
