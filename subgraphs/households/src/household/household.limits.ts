/**
 * Bounds on what the registry stores (issue 10 item 5): each free text has a length limit and refuses
 * control characters (requiredPlainText / optionalText); only notes and reasons may span lines. Records
 * written before these limits stay readable as they are; a change to one is held to them.
 */
export const TEXT_LIMITS = {
  name: 50,
  relationship: 20,
  address: 200,
  source: 100,
  purpose: 200,
  description: 200,
  scope: 500,
  reason: 500,
  note: 2_000,
  fileName: 255,
} as const;

/** A household's members at most; a larger family is registered as more than one household. */
export const MAX_MEMBERS = 30;
