type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A limit as a person says it: "3 个工作日", "1 个月", "次月 5 日前", "当月最后一天前". */
export function limitText(translate: Translate, amount: number, unit: string): string {
  if (unit === 'DAY_OF_MONTH' && amount === 0) return translate('doudi.time_limits.units.DAY_OF_MONTH_LAST');
  return translate(`doudi.time_limits.units.${unit}`, { amount });
}

/**
 * The regulation behind a default, as the API gives it: "襄政办发〔2023〕26号 七(二): 派出所、村委会3个工作日内走访" —
 * the official number and clause, then what it says.
 */
export function splitSource(source: string): { citation: string; text: string } {
  const at = source.indexOf(': ');
  return at < 0 ? { citation: source, text: '' } : { citation: source.slice(0, at), text: source.slice(at + 2) };
}
