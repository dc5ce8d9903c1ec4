/** Calendar arithmetic for joint meetings. Dates are YYYY-MM-DD in Asia/Shanghai (docs/architecture.md, API conventions). */

import { shanghaiDate } from '@doudi/shared';

export { shanghaiDate };

/** The instant a Shanghai calendar day begins. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Adds whole months, keeping the day where it exists and using the month's last day where not. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, lastDay))}`;
}

/** The day a report on `year` is due: the meeting's due month and day in the following year. */
export function annualReportDueOn(meeting: { annualReportDueMonth: number; annualReportDueDay: number }, year: number) {
  return `${pad(year + 1, 4)}-${pad(meeting.annualReportDueMonth)}-${pad(meeting.annualReportDueDay)}`;
}
