/**
 * How people read values in the console: dates YYYY-MM-DD, money as yuan with two decimals (the API's
 * decimal strings, never floats), instants in Asia/Shanghai.
 */

/** Today in Asia/Shanghai, YYYY-MM-DD — the date the API's "in force today" means. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** The day before a YYYY-MM-DD date (the last day of a version followed by another). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** "1234.5" → "¥1,234.50"; null stays null so callers can say "未设定". */
export function yuan(amount: string | null | undefined): string | null {
  if (amount == null || amount === '') return null;
  const [whole, fraction = ''] = amount.replace(/^-/, '').split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount.startsWith('-') ? '-' : ''}¥${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
}

/** An ISO instant shown as YYYY-MM-DD HH:mm in Asia/Shanghai. */
export function instant(value: string | null | undefined): string {
  if (!value) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(value));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
