import { buildTable, type CubeRow, type ReportTableValue } from '@doudi/shared/reporting/index';
import { LedgerKind } from './ledger.entity.js';
import type { LedgerRow } from './ledger.rows.js';

/**
 * The ledger as a reporting table, with the statistics' own suppression (shared/src/reporting: fewer than 5
 * households, and the cells that would give one away): items by STATUS — and by RESPONSIBLE_ORGANISATION for a
 * township. What a reporting caller reads of a ledger; never its items.
 */
export function ledgerTable(kind: LedgerKind, rows: readonly LedgerRow[]): ReportTableValue {
  const dimensions = kind === LedgerKind.OFFICE ? ['STATUS'] : ['RESPONSIBLE_ORGANISATION', 'STATUS'];
  const keyOf = (row: LedgerRow) => (kind === LedgerKind.OFFICE ? [row.status] : [row.organisationId, row.status]);
  // Every cell of the cube: each combination, and the totals over each subset of the dimensions (GROUP BY CUBE).
  const cells = new Map<string, { keys: (string | null)[]; items: number; households: Set<string> }>();
  for (const row of rows) {
    const key = keyOf(row);
    for (let mask = 0; mask < 1 << key.length; mask++) {
      const keys = key.map((value, d) => (mask & (1 << d) ? null : value));
      const id = JSON.stringify(keys);
      const cell = cells.get(id) ?? { keys, items: 0, households: new Set<string>() };
      cell.items++;
      cell.households.add(row.householdId);
      cells.set(id, cell);
    }
  }
  const cube: CubeRow[] = [...cells.values()].map((c) => ({
    keys: c.keys,
    value: c.items,
    households: c.households.size,
  }));
  return buildTable(dimensions, cube);
}
