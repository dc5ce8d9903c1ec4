import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import { formatYuan } from '../money.js';
import { suppress } from './suppression.js';

/** A cell as the resolvers hand it over (ReportCell in the schema). */
export interface ReportCellValue {
  keys: (string | null)[];
  jurisdiction: { code: string } | null;
  organisation: { id: string } | null;
  value: number | null;
  households: number | null;
  persons: number | null;
  amount: string | null;
  median: number | null;
  suppressed: boolean;
}

export interface ReportTableValue {
  dimensions: string[];
  cells: ReportCellValue[];
  total: ReportCellValue;
  suppressedCells: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClassType = new (...args: any[]) => object;

/**
 * The schema types of a report table, made once per subgraph with that subgraph's own classes for the entities its
 * cells point at: cases and programmes declare `Organisation` (and programmes `Jurisdiction`) themselves, with
 * fields of their own, and a schema may hold one class per type name. Identical in every subgraph, hence
 * @shareable.
 */
export function reportTableTypes(refs: { Jurisdiction: ClassType; Organisation: ClassType }) {
  @ObjectType('ReportCell', {
    description:
      'One cell of a report table: a combination of the table’s dimensions, or a total over some of them. When it ' +
      'counts fewer than 5 households or persons — or could be worked out from other cells — its figures are null ' +
      'and `suppressed` is true (统计数据小于5户(人)的单元格不予公布，并隐去可推算出其数值的单元格).',
  })
  @Directive('@shareable')
  class ReportCell implements ReportCellValue {
    @Field(() => [String], {
      nullable: 'items',
      description:
        'Where the cell sits, one entry per dimension in the order of `ReportTable.dimensions`: an enum value, a ' +
        'month (YYYY-MM), a division code, an organisation or programme id; null where the cell is the total over ' +
        'that dimension (all null: the grand total). NONE marks records without a value for that dimension.',
    })
    keys: (string | null)[];

    @Field(() => refs.Jurisdiction, {
      nullable: true,
      description: 'The child division of the JURISDICTION dimension (the gateway resolves its name); null in totals.',
    })
    jurisdiction: { code: string } | null;

    @Field(() => refs.Organisation, {
      nullable: true,
      description: 'The organisation of an organisation dimension (the gateway resolves its name); null in totals.',
    })
    organisation: { id: string } | null;

    @Field(() => Int, { nullable: true, description: 'What the table counts (see the field that returned it).' })
    value: number | null;

    @Field(() => Int, { nullable: true, description: 'Distinct households behind the cell (涉及户数).' })
    households: number | null;

    @Field(() => Int, { nullable: true, description: 'Distinct persons behind the cell (涉及人数), where counted.' })
    persons: number | null;

    @Field(() => String, { nullable: true, description: 'Yuan, e.g. "12345.00", where the table sums money (金额).' })
    amount: string | null;

    @Field(() => Float, {
      nullable: true,
      description: 'The median the table reports per cell (e.g. working days to answer a referral), where it has one.',
    })
    median: number | null;

    @Field(() => Boolean, { description: 'True when the cell’s figures are withheld for privacy (null above).' })
    suppressed: boolean;
  }

  @ObjectType('ReportTable', {
    description:
      'A statistical table: every combination of its dimensions that counted something, with the totals over each ' +
      'dimension. A combination not listed counted nothing. Small cells are suppressed (see ReportCell).',
  })
  @Directive('@shareable')
  class ReportTable implements ReportTableValue {
    @Field(() => [String], { description: 'The dimensions, in the order of `ReportCell.keys` (e.g. CHANNEL, MONTH).' })
    dimensions: string[];

    @Field(() => [ReportCell], { description: 'Every cell, totals included, the grand total last.' })
    cells: ReportCell[];

    @Field(() => ReportCell, { description: 'The grand total over every dimension (also the last cell).' })
    total: ReportCell;

    @Field(() => Int, { description: 'How many cells are suppressed.' })
    suppressedCells: number;
  }

  return { ReportCell, ReportTable };
}

/** One row of a GROUP BY CUBE statement (see cubeSelect): its keys and measures. */
export interface CubeRow {
  keys: (string | null)[];
  value: number;
  households: number;
  persons?: number | null;
  amountFen?: number | null;
  median?: number | null;
}

const isOrganisationDimension = (name: string) => name.endsWith('ORGANISATION');

/**
 * The table to publish from a cube's rows: suppression decided on the fewest households or persons of each cell
 * (every measure of a suppressed cell is withheld: yuan too, issue 13 item 2), cells in a stable order.
 */
export function buildTable(dimensions: readonly string[], rows: readonly CubeRow[]): ReportTableValue {
  const grand = (row: CubeRow) => row.keys.every((k) => k === null);
  const all = [...rows];
  if (!all.some(grand)) all.push({ keys: dimensions.map(() => null), value: 0, households: 0, persons: 0 });
  const compare = (a: CubeRow, b: CubeRow) => {
    for (let d = 0; d < dimensions.length; d++) {
      const [x, y] = [a.keys[d], b.keys[d]];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
  all.sort(compare);
  // Persons count where the table counts them (a grant to one member); a household-wide grant names no person.
  const units = (row: CubeRow) => (row.persons ? Math.min(row.households, row.persons) : row.households);
  const hidden = suppress(all.map((row) => ({ key: row.keys, units: units(row) })));
  const jurisdictionAt = dimensions.indexOf('JURISDICTION');
  const organisationAt = dimensions.findIndex(isOrganisationDimension);
  const cells = all.map((row, i): ReportCellValue => {
    const shown = !hidden.has(i);
    const jurisdiction = jurisdictionAt >= 0 ? row.keys[jurisdictionAt] : null;
    const organisation = organisationAt >= 0 ? row.keys[organisationAt] : null;
    return {
      keys: row.keys,
      jurisdiction: jurisdiction ? { code: jurisdiction } : null,
      organisation: organisation && organisation !== NONE ? { id: organisation } : null,
      value: shown ? row.value : null,
      households: shown ? row.households : null,
      persons: shown ? (row.persons ?? null) : null,
      amount: shown && row.amountFen != null ? formatYuan(row.amountFen) : null,
      median: shown ? (row.median ?? null) : null,
      suppressed: !shown,
    };
  });
  return { dimensions: [...dimensions], cells, total: cells[cells.length - 1], suppressedCells: hidden.size };
}

/** The key of records without a value for a dimension (a referral never declined has no decline reason). */
export const NONE = 'NONE';

/**
 * The select list and GROUP BY of one cube statement: each dimension's key (null in its totals, told apart from
 * a missing value by GROUPING()), grouped by every subset of the dimensions in one pass (GROUP BY CUBE).
 */
export function cubeSelect(expressions: readonly string[]): { keys: string; groupBy: string } {
  if (!expressions.length) return { keys: 'array[]::text[] as keys', groupBy: '' };
  const keys = expressions.map(
    (e) => `case when grouping(${e}) = 1 then null else coalesce((${e})::text, '${NONE}') end`,
  );
  return { keys: `array[${keys.join(', ')}] as keys`, groupBy: `group by cube(${expressions.join(', ')})` };
}

/** Reads the rows of a cube statement (numbers arrive as strings from count() and sum()). */
export function cubeRows(rows: readonly Record<string, unknown>[]): CubeRow[] {
  const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((row) => ({
    keys: row.keys as (string | null)[],
    value: number(row.value) ?? 0,
    households: number(row.households) ?? 0,
    persons: number(row.persons),
    amountFen: number(row.amount_fen),
    median: number(row.median),
  }));
}
