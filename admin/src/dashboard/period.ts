import { today } from '../format';

export type PeriodKind = 'month' | 'quarter' | 'year';
export interface Period {
  kind: PeriodKind;
  /** YYYY-MM, YYYY-Qn or YYYY. */
  value: string;
}

/** The period the API is asked for (ReportPeriodInput). */
export const periodInput = ({ kind, value }: Period) =>
  kind === 'year' ? { year: Number(value) } : kind === 'quarter' ? { quarter: value } : { month: value };

/** The periods offered, newest first: this one and earlier ones (a report of a period not begun says nothing). */
export function choices(kind: PeriodKind, now = today()): string[] {
  const year = Number(now.slice(0, 4));
  const month = Number(now.slice(5, 7));
  if (kind === 'year') return Array.from({ length: 5 }, (_, i) => String(year - i));
  if (kind === 'quarter') {
    const q = year * 4 + Math.floor((month - 1) / 3);
    return Array.from({ length: 8 }, (_, i) => `${Math.floor((q - i) / 4)}-Q${((q - i) % 4) + 1}`);
  }
  const m = year * 12 + month - 1;
  return Array.from(
    { length: 24 },
    (_, i) => `${Math.floor((m - i) / 12)}-${String(((m - i) % 12) + 1).padStart(2, '0')}`,
  );
}

export const currentPeriod = (kind: PeriodKind = 'year'): Period => ({ kind, value: choices(kind)[0]! });
