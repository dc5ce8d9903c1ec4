/**
 * Where a division's setting comes from, in words: set here, inherited from the named division above it, or
 * (for time limits) the regulation's figure. Shared by the standards and time-limit pages.
 */
export function originText(
  translate: (key: string, options?: Record<string, unknown>) => string,
  here: string,
  from: { code: string; name?: string | null } | null | undefined,
  fallback: 'none' | 'regulation' = 'none',
): string {
  if (!from) return translate(`doudi.origin.${fallback}`);
  if (from.code === here) return translate('doudi.origin.own');
  return translate('doudi.origin.inherited', { name: from.name ?? from.code });
}

/** The years an administrator compares: the two before this one, this one and the next (published ahead). */
export function yearsAround(year: number): number[] {
  return [year - 2, year - 1, year, year + 1];
}
