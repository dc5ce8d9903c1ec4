/**
 * Statistical disclosure control for the reporting tables (issue 13 item 2: no person can be singled out).
 *
 * A table is a cube: every combination of its dimensions' values, plus the totals over each dimension (a key
 * of null at that position), as GROUP BY CUBE makes it. Along every dimension, a total equals the sum of its
 * parts; an attacker who sees the published cells can subtract. So after hiding the small cells (primary
 * suppression) we hide enough others (complementary suppression) that no hidden value follows from the
 * published ones by any combination of those sums.
 */

/**
 * Fewer than 5 households or persons in a cell and it is hidden. The figure is the usual minimum-frequency rule
 * of official statistics (cells of 1–4 units are disclosive); the regulations name none, but ask that personal
 * information be shared only as far as the work needs (襄政办发〔2023〕26号 八(五), 晋检发办字〔2023〕10号 第二十四条).
 */
export const MIN_PUBLISHED_COUNT = 5;

export interface SuppressionCell {
  /** One entry per dimension: the value, or null where the cell is the total over that dimension. */
  key: readonly (string | null)[];
  /** What privacy is about: the fewest households or persons behind the cell. */
  units: number;
}

/** A margin: a total and the parts it sums (cells index into the table). */
interface Group {
  total: number;
  parts: number[];
}

const keyOf = (key: readonly (string | null)[]) => JSON.stringify(key);

/** Every margin of the table: for each dimension and each position of the others, the total and its parts. */
export function marginsOf(cells: readonly SuppressionCell[]): Group[] {
  const index = new Map(cells.map((cell, i) => [keyOf(cell.key), i]));
  const groups: Group[] = [];
  const dimensions = cells[0]?.key.length ?? 0;
  for (let d = 0; d < dimensions; d++) {
    const byTotal = new Map<number, number[]>();
    cells.forEach((cell, i) => {
      if (cell.key[d] === null) return;
      const total = index.get(keyOf(cell.key.map((v, j) => (j === d ? null : v))));
      if (total === undefined) throw new Error(`the table has no total for ${keyOf(cell.key)} over dimension ${d}`);
      byTotal.set(total, [...(byTotal.get(total) ?? []), i]);
    });
    for (const [total, parts] of byTotal) groups.push({ total, parts });
  }
  return groups;
}

// ── exact linear algebra: which hidden cells the published sums determine ──────────────────────────────

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};

/**
 * The hidden cells whose value the margins determine. Each margin is an equation over the hidden cells of it
 * (the published ones move to the other side); a hidden cell is determined exactly when its unit vector lies in
 * the span of those equations, i.e. when the reduced row echelon form has a row with that one entry alone.
 * Integer (fraction-free) elimination, so no rounding can hide a disclosure.
 */
export function determinedCells(groups: readonly Group[], hidden: ReadonlySet<number>): number[] {
  const columns = [...hidden];
  const column = new Map(columns.map((cell, c) => [cell, c]));
  const rows: bigint[][] = [];
  for (const group of groups) {
    const row = new Array<bigint>(columns.length).fill(0n);
    let any = false;
    const add = (cell: number, coefficient: bigint) => {
      const c = column.get(cell);
      if (c !== undefined) {
        row[c] += coefficient;
        any = true;
      }
    };
    add(group.total, 1n);
    for (const part of group.parts) add(part, -1n);
    if (any) rows.push(row);
  }
  let pivotRow = 0;
  const pivots: number[] = [];
  for (let c = 0; c < columns.length && pivotRow < rows.length; c++) {
    const found = rows.findIndex((row, r) => r >= pivotRow && row[c] !== 0n);
    if (found < 0) continue;
    [rows[pivotRow], rows[found]] = [rows[found], rows[pivotRow]];
    const pivot = rows[pivotRow];
    for (let r = 0; r < rows.length; r++) {
      if (r === pivotRow || rows[r][c] === 0n) continue;
      const factor = rows[r][c];
      const next = rows[r].map((value, k) => value * pivot[c] - factor * pivot[k]);
      const divisor = next.reduce((g, v) => gcd(g, v), 0n);
      rows[r] = divisor > 1n ? next.map((v) => v / divisor) : next;
    }
    pivots.push(c);
    pivotRow++;
  }
  const determined: number[] = [];
  for (let r = 0; r < pivotRow; r++) {
    if (rows[r].filter((v) => v !== 0n).length === 1) determined.push(columns[pivots[r]]);
  }
  return determined;
}

// ── the algorithm ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Which cells to hide. Primary: every cell with 1 to MIN_PUBLISHED_COUNT - 1 units (a cell of none singles out
 * nobody and is published). Complementary, repeated until nothing changes:
 *  1. every margin (a total with its parts) holds 0 or at least 2 hidden cells — a lone hidden cell would be the
 *     total minus the published parts; a hidden total with all parts published is their sum;
 *  2. where a margin's total is published, its hidden parts together hold 0 or at least MIN_PUBLISHED_COUNT
 *     units — else the group of them singles out a few people;
 *  3. no hidden cell is determined by all the margins together (exact elimination above: chains of subtractions
 *     across rows and columns, which rule 1 alone does not stop).
 * Each time, the cell sacrificed is the smallest published one of the margin concerned (fewest units, then
 * first in the table's order), so as little as possible is lost.
 */
export function suppress(cells: readonly SuppressionCell[], threshold: number = MIN_PUBLISHED_COUNT): Set<number> {
  const hidden = new Set<number>();
  cells.forEach((cell, i) => {
    if (cell.units > 0 && cell.units < threshold) hidden.add(i);
  });
  if (!hidden.size) return hidden;
  const groups = marginsOf(cells);
  const smallestPublished = (members: number[]): number | undefined =>
    members.filter((i) => !hidden.has(i)).sort((a, b) => cells[a].units - cells[b].units || a - b)[0];
  const membersOf = (group: Group) => [...group.parts, group.total];

  for (;;) {
    let changed = false;
    for (const group of groups) {
      const members = membersOf(group);
      const count = members.filter((i) => hidden.has(i)).length;
      const hiddenPartUnits = group.parts.filter((i) => hidden.has(i)).reduce((sum, i) => sum + cells[i].units, 0);
      const tooFew = count === 1 || (!hidden.has(group.total) && hiddenPartUnits > 0 && hiddenPartUnits < threshold);
      if (!tooFew) continue;
      // Rule 2 needs another part, not the total: hiding the total would only move the question up a level.
      const victim = smallestPublished(count === 1 ? members : group.parts) ?? smallestPublished(members);
      if (victim !== undefined) {
        hidden.add(victim);
        changed = true;
      }
    }
    if (changed) continue;
    const determined = determinedCells(groups, hidden);
    if (!determined.length) return hidden;
    const cell = determined[0];
    const touching = (which: (g: Group) => boolean) => smallestPublished(groups.filter(which).flatMap(membersOf));
    // Beside it in one of its margins; failing that, in any margin with a hidden cell (the chain that gives it away).
    const victim =
      touching((g) => membersOf(g).includes(cell)) ?? touching((g) => membersOf(g).some((i) => hidden.has(i)));
    // Everything is hidden already: nothing is published to subtract from.
    if (victim === undefined) return hidden;
    hidden.add(victim);
  }
}
