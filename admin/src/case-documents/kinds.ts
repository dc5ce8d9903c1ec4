/** The letters generated from a case (docs/documents.md, Kinds), in the order of 襄政办发〔2023〕26号's annexes. */
export const LETTER_KINDS = [
  'VISIT_LETTER',
  'REFERRAL_REQUEST',
  'PUSH_LETTER',
  'VISIT_RECORD',
  'ANSWER_LETTER',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** The materials uploaded to a case or a referral. */
export const MATERIAL_KINDS = ['SEALED_LETTER_SCAN', 'CERTIFICATE', 'OTHER_MATERIAL'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** "71234" → "69.6 KB": a file's size as a person reads it. */
export function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
