/**
 * A step a person may take on a case, a referral, a follow-up or a notice, as the page offers it: the form's fields
 * named as the API's input names them (so an API error lands at its field), the same limits the API checks, and
 * the call. available.ts decides which steps the case's state and the caller's permissions allow.
 */
export type FieldKind =
  'date' | 'text' | 'multiline' | 'lines' | 'select' | 'multiselect' | 'organisation' | 'boolean' | 'number';

export interface StepField {
  /** The input field of the mutation (`input.<name>` in the API's errors). */
  name: string;
  kind: FieldKind;
  /** Its label when the input name's own would mislead (default doudi.cases.fields.<name>). */
  label?: string;
  required?: boolean;
  /** Characters for text, entries for lines, the largest value for a number. */
  max?: number;
  min?: number;
  /** Enum values; their words are at doudi.cases.enums.<enumName>.<value>. */
  choices?: readonly string[];
  enumName?: string;
  defaultValue?: unknown;
  /** The API refuses a step dated after today (every step's own date). */
  notFuture?: boolean;
}

export interface Step {
  /** Its words: doudi.cases.steps.<id>.label and .help. */
  id: string;
  fields: StepField[];
  /** The six life areas of a visit, drawn by VisitFields. */
  visit?: { allAreas: boolean };
  /** What the step is about, e.g. the referral it answers (shown in the dialog's title). */
  subject?: string;
  /** `idempotencyKey`: one per opening of the dialog, so a retried create is made once (DESIGN §5). */
  run(values: Record<string, unknown>, idempotencyKey: string): Promise<unknown>;
  /** A form field for an API field the form holds differently (a visit sends only the areas filled in). */
  formField?(apiField: string): string;
}

/** "a\nb\n\n" → ["a", "b"]: measures are written one a line. */
export const lines = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
    : [];

/** An empty text or date is left out, so the API applies its default (today) or knows it was not given. */
export const given = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
