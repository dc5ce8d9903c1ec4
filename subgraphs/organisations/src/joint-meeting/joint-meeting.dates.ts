/** Calendar arithmetic for joint meetings. Dates are YYYY-MM-DD in Asia/Shanghai (docs/architecture.md, API conventions). */

import { shanghaiDate } from '@doudi/shared';

export { shanghaiDate };

/** The instant a Shanghai calendar day begins. */
export function startOfShanghaiDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The day a report on `year` is due: the meeting's due month and day in the following year. */
export function annualReportDueOn(meeting: { annualReportDueMonth: number; annualReportDueDay: number }, year: number) {
  return `${pad(year + 1, 4)}-${pad(meeting.annualReportDueMonth)}-${pad(meeting.annualReportDueDay)}`;
}
