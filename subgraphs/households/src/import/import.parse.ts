/**
 * From the bytes of a household list to typed records: decoding (UTF-8 with or without BOM, UTF-16 as
 * Excel's "Unicode text", GB18030/GBK as older Chinese Excel saves CSV), CSV (RFC 4180) or the first
 * sheet of an XLSX workbook, then the header row matched against IMPORT_COLUMNS.
 */
import { readSheet } from 'read-excel-file/node';
import { badInput, DomainError, ErrorCode } from '@doudi/shared';
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
export function separatorOf(text: string): string {
  const end = text.search(/\r?\n/);
  const header = end < 0 ? text : text.slice(0, end);
  return header.includes('\t') && !header.includes(',') ? '\t' : ',';
}

export function parseCsv(text: string): string[][] {
  return parseRecords(text, separatorOf(text), true, 0).rows;
}

/**
 * The complete records at the start of `text`, and how many characters they took. With `final` false (a piece of a
 * stream), a record that may go on in the next piece — no line end yet, an open quote, a lone \r at the end — is
 * left for the next call (`consumed` stops before it); with `final` true the text is the rest of the file.
 * `before` counts the records already read, for messages.
 */
export function parseRecords(
  text: string,
  separator: string,
  final: boolean,
  before: number,
): { rows: string[][]; consumed: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const incomplete = () => ({ rows, consumed: start });
  while (i < n) {
    let field: string;
    if (text[i] === '"') {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0 || (!final && quote === n - 1)) {
          if (!final) return incomplete();
          throw badInput(
            'input.contentBase64',
            `A quoted field starting in record ${before + rows.length + 1} never ends`,
          );
        }
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
    if (i >= n) {
      if (!final) return incomplete();
      break;
    }
    if (text[i] === separator) {
      i++;
      if (i === n) {
        if (!final) return incomplete();
        row.push('');
      }
      continue;
    }
    // End of record: \r\n, \n or a lone \r.
    if (!final && text[i] === '\r' && i + 1 === n) return incomplete();
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    start = i;
  }
  if (row.length) rows.push(row);
  return { rows, consumed: n };
}

// ---------------------------------------------------------------------------------------------------
// Files

export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The bytes of a file sent as base64 (contentBase64 of an import or a push), at most MAX_FILE_BYTES. */
export function decodeBase64(content: string, field = 'input.contentBase64'): Buffer {
  const compact = content.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1)
    throw badInput(field, 'contentBase64 must be the file in base64');
  if ((compact.length * 3) / 4 > MAX_FILE_BYTES)
    throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `At most ${MAX_FILE_BYTES / 1024 / 1024} MiB per file`, { field });
  const bytes = Buffer.from(compact, 'base64');
  if (!bytes.length) throw badInput(field, 'The file is empty');
  return bytes;
}

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

export const isEmpty = (cell: Cell | undefined): cell is null | undefined =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

const columnKey = (column: ImportColumn) => (column.target === 'householdKey' ? 'householdKey' : column.field);

/** A column as the header row names it: the key it fills, the headers that name it, whether it must be there. */
export interface HeaderColumn {
  key: string;
  headers: string[];
  required: boolean;
}

export interface HeaderMatch<C extends HeaderColumn> {
  /** The file's columns that name a known one, by position. */
  used: { index: number; header: string; column: C }[];
  /** Headers that match no known column: their cells are not read. */
  ignoredColumns: string[];
  /** Column key → the header the file uses for it. */
  headerOf: Map<string, string>;
  /** Repeated and missing columns, each on row 1. */
  problems: { column: string; code: ImportProblemCode; message: string }[];
}

/**
 * Matches a header row to known columns (normaliseHeader: any case, no spaces, no notes in brackets). Shared by the
 * household import and the departments' data pushes (push/push.columns.ts).
 */
export function matchHeader<C extends HeaderColumn>(headerRow: Cell[] | undefined, columns: C[]): HeaderMatch<C> {
  const header = (headerRow ?? []).map((cell) => (isEmpty(cell) ? '' : String(cell).trim()));
  const byHeader = new Map<string, C>();
  for (const column of columns) for (const name of column.headers) byHeader.set(normaliseHeader(name), column);
  const match: HeaderMatch<C> = { used: [], ignoredColumns: [], headerOf: new Map(), problems: [] };
  header.forEach((name, index) => {
    if (!name) return;
    const column = byHeader.get(normaliseHeader(name));
    if (!column) return void match.ignoredColumns.push(name);
    if (match.headerOf.has(column.key)) {
      return void match.problems.push({
        column: name,
        code: ImportProblemCode.DUPLICATE_COLUMN,
        message: `"${name}" repeats the column "${match.headerOf.get(column.key)}"`,
      });
    }
    match.headerOf.set(column.key, name);
    match.used.push({ index, header: name, column });
  });
  for (const column of columns) {
    if (column.required && !match.headerOf.has(column.key))
      match.problems.push({
        column: column.headers[0],
        code: ImportProblemCode.MISSING_COLUMN,
        message: `The list needs a column "${column.headers[0]}"`,
      });
  }
  return match;
}

/** The header row matched to the import's columns: which cells of a row to read, and the header's problems. */
export interface RecordReader {
  used: { index: number; header: string; column: ImportColumn }[];
  ignoredColumns: string[];
  headerOf: Map<string, string>;
  problems: ImportProblem[];
}

export function readerOf(headerRow: Cell[] | undefined, columns: ImportColumn[] = IMPORT_COLUMNS): RecordReader {
  const keyed = columns.map((column) => ({
    key: columnKey(column),
    headers: column.headers,
    required: column.required,
    column,
  }));
  const match = matchHeader(headerRow, keyed);
  return {
    used: match.used.map(({ index, header, column }) => ({ index, header, column: column.column })),
    ignoredColumns: match.ignoredColumns,
    headerOf: match.headerOf,
    problems: match.problems.map((problem) => ({ row: 1, householdKey: null, ...problem })),
  };
}

/** One row's cells parsed (`row` as the spreadsheet numbers it), with its problems; null for an empty row. */
export function recordOf(
  reader: RecordReader,
  cells: Cell[],
  row: number,
): { record: ImportRecord; problems: ImportProblem[] } | null {
  if (cells.every(isEmpty)) return null;
  const record: ImportRecord = { row, householdKey: null, person: {}, household: {}, unreadable: new Set() };
  const rowProblems: Omit<ImportProblem, 'householdKey'>[] = [];
  for (const { index, header: name, column } of reader.used) {
    const cell = cells[index];
    if (isEmpty(cell)) {
      if (column.required) {
        rowProblems.push({ row, column: name, code: ImportProblemCode.MISSING_VALUE, message: `${name} is empty` });
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
      rowProblems.push({ row, column: name, code: error.code, message: error.message });
      record.unreadable.add(columnKey(column));
    }
  }
  return { record, problems: rowProblems.map((problem) => ({ ...problem, householdKey: record.householdKey })) };
}

/** Matches the header row to the columns and parses every cell of every non-empty row. */
export function toRecords(table: Cell[][], columns: ImportColumn[] = IMPORT_COLUMNS): ImportTable {
  const reader = readerOf(table[0], columns);
  const problems: ImportProblem[] = [...reader.problems];
  const records: ImportRecord[] = [];
  for (let r = 1; r < table.length; r++) {
    const read = recordOf(reader, table[r], r + 1);
    if (!read) continue;
    problems.push(...read.problems);
    records.push(read.record);
  }
  return { records, problems, ignoredColumns: reader.ignoredColumns, headerOf: reader.headerOf };
}
