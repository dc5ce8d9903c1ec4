/**
 * From the bytes of a household list to typed records: decoding (UTF-8 with or without BOM, UTF-16 as
 * Excel's "Unicode text", GB18030/GBK as older Chinese Excel saves CSV), CSV (RFC 4180) or the first
 * sheet of an XLSX workbook, then the header row matched against IMPORT_COLUMNS.
 */
import { readSheet } from 'read-excel-file/node';
import { badInput } from '@doudi/shared';
import {
  CellProblem,
  IMPORT_COLUMNS,
  ImportProblemCode,
  normaliseHeader,
  type Cell,
  type ImportColumn,
} from './import.columns.js';
import type { CreateHouseholdInput, PersonInput } from '../household/household.inputs.js';

export enum ImportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

export interface ImportProblem {
  /** The row as the spreadsheet numbers it: the header is row 1. */
  row: number;
  /** The column header as written in the file, when the problem lies in one column. */
  column: string | null;
  householdKey: string | null;
  code: ImportProblemCode;
  message: string;
}

/** One data row, its cells parsed; fields whose cell was empty or wrong are absent. */
export interface ImportRecord {
  row: number;
  householdKey: string | null;
  person: Partial<PersonInput>;
  household: Partial<CreateHouseholdInput>;
  /** The columns of this row whose cells could not be read (their problems are already listed). */
  unreadable: Set<string>;
}

export interface ImportTable {
  records: ImportRecord[];
  problems: ImportProblem[];
  /** Headers that match no known column: their cells are not imported. */
  ignoredColumns: string[];
  /** Field name (e.g. `idNumber`, `jurisdictionCode`) → the header the file uses for it. */
  headerOf: Map<string, string>;
}

// ---------------------------------------------------------------------------------------------------
// Decoding

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text of a CSV file: BOMs decide; otherwise UTF-8 if it is valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return utf8.decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------------
// CSV (RFC 4180: quoted fields may hold separators, quotes doubled, and line breaks)

/** Comma-separated unless the header line has tabs and no commas (Excel's "Unicode text"). */
function separatorOf(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  return header.includes('\t') && !header.includes(',') ? '\t' : ',';
}

export function parseCsv(text: string): string[][] {
  const separator = separatorOf(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0)
          throw badInput('input.contentBase64', `A quoted field starting in record ${rows.length + 1} never ends`);
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      // Text after a closing quote (not RFC 4180, but Excel writes none and some tools do): keep it.
      let end = i;
      while (end < n && text[end] !== separator && text[end] !== '\n' && text[end] !== '\r') end++;
      field = value + text.slice(i, end);
      i = end;
    } else {
      let end = i;
      while (end < n && text[end] !== separator && text[end] !== '\n' && text[end] !== '\r') end++;
      field = text.slice(i, end);
      i = end;
    }
    row.push(field);
    if (i >= n) break;
    if (text[i] === separator) {
      i++;
      if (i === n) row.push('');
      continue;
    }
    // End of record: \r\n, \n or a lone \r.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
  }
  if (row.length) rows.push(row);
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Files

/** The first sheet (XLSX) or the records (CSV), as rows of cells; the header is the first row. */
export async function readTable(bytes: Buffer, format: ImportFormat): Promise<Cell[][]> {
  if (format === ImportFormat.CSV) return parseCsv(decodeText(bytes));
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw badInput('input.contentBase64', 'This is not an XLSX workbook (save the list as .xlsx or .csv)');
  try {
    return (await readSheet(bytes)) as Cell[][];
  } catch (error) {
    throw badInput('input.contentBase64', `The workbook cannot be read: ${(error as Error).message}`);
  }
}

const isEmpty = (cell: Cell | undefined): cell is null | undefined =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

const columnKey = (column: ImportColumn) => (column.target === 'householdKey' ? 'householdKey' : column.field);

/** Matches the header row to the columns and parses every cell of every non-empty row. */
export function toRecords(table: Cell[][], columns: ImportColumn[] = IMPORT_COLUMNS): ImportTable {
  const problems: ImportProblem[] = [];
  const headerProblem = (column: string | null, code: ImportProblemCode, message: string) =>
    problems.push({ row: 1, column, householdKey: null, code, message });

  const header = (table[0] ?? []).map((cell) => (isEmpty(cell) ? '' : String(cell).trim()));
  const byHeader = new Map<string, ImportColumn>();
  for (const column of columns) for (const name of column.headers) byHeader.set(normaliseHeader(name), column);

  const used: { index: number; header: string; column: ImportColumn }[] = [];
  const ignoredColumns: string[] = [];
  const headerOf = new Map<string, string>();
  header.forEach((name, index) => {
    if (!name) return;
    const column = byHeader.get(normaliseHeader(name));
    if (!column) return void ignoredColumns.push(name);
    const key = columnKey(column);
    if (headerOf.has(key)) {
      return void headerProblem(
        name,
        ImportProblemCode.DUPLICATE_COLUMN,
        `"${name}" repeats the column "${headerOf.get(key)}"`,
      );
    }
    headerOf.set(key, name);
    used.push({ index, header: name, column });
  });
  for (const column of columns) {
    if (column.required && !headerOf.has(columnKey(column)))
      headerProblem(
        column.headers[0],
        ImportProblemCode.MISSING_COLUMN,
        `The list needs a column "${column.headers[0]}"`,
      );
  }

  const records: ImportRecord[] = [];
  for (let r = 1; r < table.length; r++) {
    const cells = table[r];
    if (cells.every(isEmpty)) continue;
    const record: ImportRecord = { row: r + 1, householdKey: null, person: {}, household: {}, unreadable: new Set() };
    const rowProblems: Omit<ImportProblem, 'householdKey'>[] = [];
    for (const { index, header: name, column } of used) {
      const cell = cells[index];
      if (isEmpty(cell)) {
        if (column.required) {
          rowProblems.push({
            row: record.row,
            column: name,
            code: ImportProblemCode.MISSING_VALUE,
            message: `${name} is empty`,
          });
          record.unreadable.add(columnKey(column));
        }
        continue;
      }
      try {
        const value = column.parse(cell);
        if (column.target === 'householdKey') record.householdKey = value as string;
        else if (column.target === 'person') (record.person as Record<string, unknown>)[column.field] = value;
        else (record.household as Record<string, unknown>)[column.field] = value;
      } catch (error) {
        if (!(error instanceof CellProblem)) throw error;
        rowProblems.push({ row: record.row, column: name, code: error.code, message: error.message });
        record.unreadable.add(columnKey(column));
      }
    }
    for (const problem of rowProblems) problems.push({ ...problem, householdKey: record.householdKey });
    records.push(record);
  }
  return { records, problems, ignoredColumns, headerOf };
}
