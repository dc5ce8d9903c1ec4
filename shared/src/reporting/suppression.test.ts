import { describe, expect, it } from 'vitest';
import { determinedCells, marginsOf, MIN_PUBLISHED_COUNT, suppress, type SuppressionCell } from './suppression.js';

/** A table as GROUP BY CUBE answers it: the leaves that counted something, and every total over them. */
function cube(leaves: Record<string, number>): SuppressionCell[] {
  const units = new Map<string, number>();
  for (const [path, value] of Object.entries(leaves)) {
    if (value === 0) continue;
    const key = path.split('|');
    for (let mask = 0; mask < 1 << key.length; mask++) {
      const cell = JSON.stringify(key.map((v, d) => (mask & (1 << d) ? null : v)));
      units.set(cell, (units.get(cell) ?? 0) + value);
    }
  }
  return [...units].map(([key, value]) => ({ key: JSON.parse(key) as (string | null)[], units: value }));
}

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function randomTable(seed: number, shape: number[]): Record<string, number> {
  const next = random(seed);
  const leaves: Record<string, number> = {};
  const walk = (prefix: string[]) => {
    if (prefix.length === shape.length) {
      const r = next();
      // Many small cells, some empty, some large: the shape of township-by-month counts.
      leaves[prefix.join('|')] = r < 0.2 ? 0 : r < 0.55 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 60);
      return;
    }
    for (let v = 0; v < shape[prefix.length]; v++) walk([...prefix, `v${v}`]);
  };
  walk([]);
  return leaves;
}

/**
 * The attacker: knows every published cell, that each total is the sum of its parts, and that a combination not
 * listed is zero. Two independent attacks: (1) repeated subtraction — any margin with a single unknown gives it,
 * which then helps the next margin; (2) Gaussian elimination in floating point over all margins at once.
 */
function attack(cells: SuppressionCell[], hidden: Set<number>): Map<number, number> {
  const groups = marginsOf(cells);
  const known = new Map<number, number>();
  cells.forEach((c, i) => {
    if (!hidden.has(i)) known.set(i, c.units);
  });
  const recovered = new Map<number, number>();
  for (let progress = true; progress;) {
    progress = false;
    for (const g of groups) {
      const unknown = [g.total, ...g.parts].filter((i) => !known.has(i));
      if (unknown.length !== 1) continue;
      const [u] = unknown;
      const partsKnown = g.parts.filter((i) => i !== u).reduce((s, i) => s + known.get(i)!, 0);
      const value = u === g.total ? partsKnown : known.get(g.total)! - partsKnown;
      known.set(u, value);
      recovered.set(u, value);
      progress = true;
    }
  }
  // Elimination: one row per margin over the hidden cells, the published ones moved to the right-hand side.
  const columns = [...hidden];
  const rows = groups.map((g) => {
    const row = columns.map((cell) => (cell === g.total ? 1 : g.parts.includes(cell) ? -1 : 0));
    const published = [g.total, ...g.parts].filter((i) => !hidden.has(i));
    const rhs = published.reduce((s, i) => s + (i === g.total ? -cells[i].units : cells[i].units), 0);
    return [...row, rhs];
  });
  let r = 0;
  for (let c = 0; c < columns.length && r < rows.length; c++) {
    let best = r;
    for (let k = r; k < rows.length; k++) if (Math.abs(rows[k][c]) > Math.abs(rows[best][c])) best = k;
    if (Math.abs(rows[best][c]) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best], rows[r]];
    const pivot = rows[r][c];
    rows[r] = rows[r].map((v) => v / pivot);
    for (let k = 0; k < rows.length; k++) {
      if (k !== r && Math.abs(rows[k][c]) > 1e-12) {
        const f = rows[k][c];
        rows[k] = rows[k].map((v, j) => v - f * rows[r][j]);
      }
    }
    r++;
  }
  for (const row of rows) {
    const nonzero = columns.map((_, c) => c).filter((c) => Math.abs(row[c]) > 1e-9);
    if (nonzero.length === 1) recovered.set(columns[nonzero[0]], Math.round(row[columns.length] / row[nonzero[0]]));
  }
  return recovered;
}

const hiddenUnits = (cells: SuppressionCell[], hidden: Set<number>) =>
  [...hidden].map((i) => cells[i].units).sort((a, b) => a - b);

describe('primary suppression (fewer than 5 households or persons)', () => {
  it('publishes a table without small cells untouched', () => {
    const cells = cube({ a: 12, b: 7, c: 30 });
    expect(suppress(cells).size).toBe(0);
  });

  it('publishes an empty cell: it singles out nobody', () => {
    expect(
      suppress([
        { key: ['a'], units: 0 },
        { key: [null], units: 0 },
      ]).size,
    ).toBe(0);
  });

  it('hides every cell of 1 to 4 units, and the threshold is 5', () => {
    expect(MIN_PUBLISHED_COUNT).toBe(5);
    const cells = cube({ a: 1, b: 4, c: 5, d: 40 });
    const hidden = suppress(cells);
    for (const [i, cell] of cells.entries()) if (cell.units < 5) expect(hidden.has(i)).toBe(true);
  });
});

describe('complementary suppression', () => {
  it('hides the smallest sibling beside a lone small cell, so the total minus the rest does not give it', () => {
    const cells = cube({ a: 2, b: 7, c: 9, d: 30 });
    expect(hiddenUnits(cells, suppress(cells))).toEqual([2, 7]);
  });

  it('hides the total too when a small cell has no sibling (a part equal to its total)', () => {
    const cells = cube({ 'x|a': 3, 'y|b': 20, 'y|c': 25 });
    const hidden = suppress(cells);
    expect(attack(cells, hidden).size).toBe(0);
    expect(hidden.has(cells.findIndex((c) => c.key[0] === 'x' && c.key[1] === null))).toBe(true);
  });

  it('hides another part when the hidden parts together hold fewer than 5 people', () => {
    const cells = cube({ a: 1, b: 2, c: 50, d: 60 });
    expect(hiddenUnits(cells, suppress(cells))).toEqual([1, 2, 50]);
  });

  it('leaves every margin with none or at least two hidden cells, at the fixed point', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const cells = cube(randomTable(seed, [5, 6]));
      const hidden = suppress(cells);
      for (const g of marginsOf(cells)) {
        const count = [g.total, ...g.parts].filter((i) => hidden.has(i)).length;
        expect(count === 0 || count >= 2, `seed ${seed}`).toBe(true);
      }
    }
  });

  it('finds a hidden cell given away by a chain of subtractions across a row and a column', () => {
    // Row 0 hides both its cells, but column 0 has one hidden: x00 = its column total − x10, then x01 follows.
    const cells = cube({ 'r0|c0': 3, 'r0|c1': 4, 'r1|c0': 10, 'r1|c1': 11 });
    const at = (r: string | null, c: string | null) => cells.findIndex((x) => x.key[0] === r && x.key[1] === c);
    const groups = marginsOf(cells);
    const leaky = new Set([at('r0', 'c0'), at('r0', 'c1')]);
    expect(determinedCells(groups, leaky).sort()).toEqual([...leaky].sort());
    const closed = new Set([at('r0', 'c0'), at('r0', 'c1'), at('r1', 'c0'), at('r1', 'c1')]);
    expect(determinedCells(groups, closed)).toEqual([]);
  });
});

describe('an attacker with every published cell and every margin', () => {
  it('recovers no hidden value of 300 random tables of one, two and three dimensions', () => {
    let hiddenTotal = 0;
    const shapes = [[8], [4, 5], [7, 12], [3, 4, 5], [2, 6, 3]];
    for (let seed = 1; seed <= 60; seed++) {
      for (const shape of shapes) {
        const cells = cube(randomTable(seed * 7 + shape.length, shape));
        const hidden = suppress(cells);
        hiddenTotal += hidden.size;
        for (const [i, cell] of cells.entries()) {
          if (cell.units > 0 && cell.units < MIN_PUBLISHED_COUNT) expect(hidden.has(i)).toBe(true);
        }
        const recovered = attack(cells, hidden);
        expect([...recovered.keys()], `seed ${seed}, shape ${shape}`).toEqual([]);
      }
    }
    expect(hiddenTotal, 'the tables did have small cells to hide').toBeGreaterThan(1000);
  });

  it('would recover values from primary suppression alone (the attack works)', () => {
    const cells = cube(randomTable(3, [4, 5]));
    const primary = new Set(cells.flatMap((c, i) => (c.units > 0 && c.units < 5 ? [i] : [])));
    const recovered = attack(cells, primary);
    expect(recovered.size).toBeGreaterThan(0);
    for (const [i, value] of recovered) expect(value).toBe(cells[i].units);
  });
});
