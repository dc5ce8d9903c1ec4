/**
 * The reporting tables turned into what a chart and its table view both draw, so the two always show the same
 * numbers. A cell the API withholds stays `suppressed` (never 0); a cell the API does not list counted nothing.
 */

/** A report cell as the dashboard's query reads it. */
export interface Cell {
  keys: readonly (string | null)[];
  value: number | null;
  amount: string | null;
  households: number | null;
  median: number | null;
  suppressed: boolean;
  organisation: { id: string; name: string } | null;
}

export type Unit = 'count' | 'yuan' | 'percent' | 'days';

/** One figure: `value` null and not suppressed means there is nothing to show (e.g. no rate without answers). */
export interface Figure {
  value: number | null;
  /** The API's decimal string for money, kept for the table (never re-rounded from a float). */
  amount?: string | null;
  suppressed: boolean;
}

export interface Series {
  key: string;
  name: string;
  unit: Unit;
  /** false: a column of the table view only (e.g. the counts behind a rate). */
  charted?: boolean;
  figures: Figure[];
}

export interface ChartModel {
  /** Category keys (months, organisation ids, enum values) and what people read for them. */
  categories: { key: string; name: string }[];
  series: Series[];
  /** The API's totals per series (合计), where the table has them. */
  totals?: Figure[];
  stacked?: boolean;
  horizontal?: boolean;
}

const ZERO: Figure = { value: 0, amount: '0.00', suppressed: false };

/** Every month YYYY-MM from one date's month to another's, so a quiet month shows as 0 rather than missing. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
}

const figureOf = (cell: Cell | undefined, measure: 'value' | 'amount'): Figure => {
  if (!cell) return ZERO;
  if (cell.suppressed) return { value: null, amount: null, suppressed: true };
  if (measure === 'amount')
    return { value: Number(cell.amount ?? 0), amount: cell.amount ?? '0.00', suppressed: false };
  return { value: cell.value ?? 0, suppressed: false };
};

/** The cells of a one-dimension table by their key (totals left out). */
export function byKey(cells: readonly Cell[]): Map<string, Cell> {
  return new Map(cells.filter((c) => c.keys[0] != null).map((c) => [c.keys[0]!, c]));
}

/** The total of a one-dimension table (its cell with no key), or of one column of a two-dimension one. */
export function totalOf(cells: readonly Cell[], column?: string, measure: 'value' | 'amount' = 'value'): Figure {
  const cell = cells.find((c) => c.keys[0] == null && (column === undefined || c.keys[1] === column));
  return figureOf(cell, measure);
}

/** The grand total of a table (its cell with every key null). */
export function grandTotal(cells: readonly Cell[], measure: 'value' | 'amount' = 'value'): Figure {
  return figureOf(
    cells.find((c) => c.keys.every((k) => k == null)),
    measure,
  );
}

/** A one-dimension table's figures along the given keys. */
export function along(cells: readonly Cell[], keys: readonly string[], measure: 'value' | 'amount' = 'value') {
  const found = byKey(cells);
  return keys.map((key) => figureOf(found.get(key), measure));
}

/** The inner cells of a two-dimension table, by "first|second". */
export function pairs(cells: readonly Cell[]): Map<string, Cell> {
  return new Map(
    cells.filter((c) => c.keys[0] != null && c.keys[1] != null).map((c) => [`${c.keys[0]}|${c.keys[1]}`, c]),
  );
}

/** The distinct values of one dimension of a table, in the order given first, then any others as they come. */
export function keysOf(cells: readonly Cell[], dimension: 0 | 1, order: readonly string[] = []): string[] {
  const seen = new Set(cells.map((c) => c.keys[dimension]).filter((k): k is string => k != null));
  return [...order.filter((k) => seen.has(k)), ...[...seen].filter((k) => !order.includes(k))];
}

/**
 * A two-dimension table as series (one per second key) along categories (the first keys), with the API's own
 * totals: a column of each row's total (table view only) and a row of each column's, the grand total last. The
 * totals are read, never added up: a withheld cell is often hidden only because a total would give it away.
 */
export function crossTable(
  cells: readonly Cell[],
  rows: readonly string[],
  columns: { key: string; name: string }[],
  unit: Unit,
  total: string,
): Pick<ChartModel, 'series' | 'totals'> {
  const found = pairs(cells);
  const measure = unit === 'yuan' ? 'amount' : 'value';
  const rowTotals = byKey(cells.filter((c) => c.keys[1] == null));
  return {
    series: [
      ...columns.map((column) => ({
        key: column.key,
        name: column.name,
        unit,
        figures: rows.map((row) => figureOf(found.get(`${row}|${column.key}`), measure)),
      })),
      {
        key: 'total',
        name: total,
        unit,
        charted: false,
        figures: rows.map((row) => figureOf(rowTotals.get(row), measure)),
      },
    ],
    totals: [...columns.map((column) => totalOf(cells, column.key, measure)), grandTotal(cells, measure)],
  };
}

/**
 * Each member unit's answers on time (answered by RECEIVING_ORGANISATION × TIMELINESS): the rate is on time over
 * on time plus late (answers without a due date count in neither); it is withheld whenever either count is.
 */
export function onTime(
  cells: readonly Cell[],
  names: { answered: string; onTime: string; late: string; rate: string; median: string },
): ChartModel {
  const found = pairs(cells);
  const totals = byKey(cells.filter((c) => c.keys[1] == null));
  const units = new Map<string, string>();
  for (const c of cells) if (c.keys[0] != null && c.organisation) units.set(c.keys[0], c.organisation.name);
  for (const key of keysOf(cells, 0)) if (!units.has(key)) units.set(key, key);
  const categories = [...units].map(([key, name]) => ({ key, name }));
  const answered = categories.map(({ key }) => figureOf(totals.get(key), 'value'));
  const inTime = categories.map(({ key }) => figureOf(found.get(`${key}|ON_TIME`), 'value'));
  const late = categories.map(({ key }) => figureOf(found.get(`${key}|LATE`), 'value'));
  const rateOf = (a: Figure, b: Figure): Figure => {
    if (a.suppressed || b.suppressed) return { value: null, suppressed: true };
    const due = a.value! + b.value!;
    return { value: due ? Math.round((1000 * a.value!) / due) / 10 : null, suppressed: false };
  };
  const rate = categories.map((_, i) => rateOf(inTime[i]!, late[i]!));
  const medianOf = (cell: Cell | undefined): Figure =>
    cell?.suppressed ? { value: null, suppressed: true } : { value: cell?.median ?? null, suppressed: false };
  const median = categories.map(({ key }) => medianOf(totals.get(key)));
  const grand = cells.find((c) => c.keys.every((k) => k == null));
  return {
    categories,
    horizontal: true,
    series: [
      { key: 'rate', name: names.rate, unit: 'percent', figures: rate },
      { key: 'answered', name: names.answered, unit: 'count', charted: false, figures: answered },
      { key: 'onTime', name: names.onTime, unit: 'count', charted: false, figures: inTime },
      { key: 'late', name: names.late, unit: 'count', charted: false, figures: late },
      { key: 'median', name: names.median, unit: 'days', charted: false, figures: median },
    ],
    totals: [
      rateOf(totalOf(cells, 'ON_TIME'), totalOf(cells, 'LATE')),
      figureOf(grand, 'value'),
      totalOf(cells, 'ON_TIME'),
      totalOf(cells, 'LATE'),
      medianOf(grand),
    ],
  };
}
