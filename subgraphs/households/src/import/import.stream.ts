/**
 * A household list read as it arrives: the bytes counted and hashed, then decoded and cut into records (CSV) or
 * read row by row from the workbook's first sheet (XLSX, exceljs' streaming reader), so memory holds a piece of
 * the file and one record, whatever the file's size.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import ExcelJS from 'exceljs';
import { badInput, DomainError, ErrorCode } from '@doudi/shared';
import type { Cell } from './import.columns.js';
import { ImportFormat, MAX_FILE_BYTES, parseRecords, separatorOf } from './import.parse.js';

/** One row of the file as the spreadsheet numbers it (the header is row 1), its cells from the first column. */
export interface SourceRow {
  row: number;
  cells: Cell[];
}

export interface FileReader {
  /** The rows, a piece of the file's at a time (one await a piece, not a row). */
  rows: AsyncIterable<SourceRow[]>;
  /** SHA-256 of the bytes read, once `rows` is done. */
  sha256(): string;
}

/** How much of a CSV file decides its encoding when it has no BOM (the header and the first rows). */
const SNIFF_BYTES = 64 * 1024;
/** A record longer than this is a file that is not a list (an unclosed quote, a binary file). */
const MAX_RECORD_CHARS = 1024 * 1024;

/** Where problems with the file are reported (the GraphQL input's field; the streaming route reports the same). */
const FIELD = 'input.contentBase64';

export function readFile(source: AsyncIterable<Uint8Array>, format: ImportFormat): FileReader {
  const hash = createHash('sha256');
  let bytes = 0;
  /** An error of the source (too large, the connection lost) ends the bytes early and is thrown after parsing. */
  let failure: unknown = null;
  async function* counted(): AsyncGenerator<Buffer> {
    try {
      for await (const piece of source) {
        const chunk = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
        bytes += chunk.length;
        if (bytes > MAX_FILE_BYTES)
          throw new DomainError(ErrorCode.LIMIT_EXCEEDED, `At most ${MAX_FILE_BYTES / 1024 / 1024} MiB per file`, {
            field: FIELD,
          });
        hash.update(chunk);
        yield chunk;
      }
    } catch (error) {
      failure = error;
    }
  }
  const rows = format === ImportFormat.CSV ? csvRows(counted()) : xlsxRows(counted());
  async function* checked(): AsyncGenerator<SourceRow[]> {
    try {
      for await (const piece of rows) {
        if (failure) break;
        yield piece;
      }
    } catch (error) {
      if (failure) throw failure;
      throw error;
    }
    if (failure) throw failure;
    if (!bytes) throw badInput(FIELD, 'The file is empty');
  }
  return { rows: checked(), sha256: () => hash.digest('hex') };
}

// ---------------------------------------------------------------------------------------------------
// CSV: decoded as import.parse's decodeText decides (BOM; else UTF-8 if the first 64 KiB are UTF-8; else GB18030)

function decoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return new TextDecoder('utf-8', { fatal: true });
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le');
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return new TextDecoder('utf-8', { fatal: true });
  } catch {
    return new TextDecoder('gb18030');
  }
}

async function* csvRows(bytes: AsyncIterable<Buffer>): AsyncGenerator<SourceRow[]> {
  let head: Buffer[] = [];
  let headBytes = 0;
  let decoder: TextDecoder | null = null;
  let text = '';
  let separator: string | null = null;
  let records = 0;

  const decode = (chunk: Buffer | null): string => {
    try {
      return chunk ? decoder!.decode(chunk, { stream: true }) : decoder!.decode();
    } catch {
      throw badInput(FIELD, 'The file is not UTF-8 throughout (save the whole list as UTF-8 or as GB18030)');
    }
  };
  const cut = (final: boolean): SourceRow[] => {
    if (separator === null) {
      if (!final && !/[\r\n]/.test(text)) return [];
      separator = separatorOf(text);
    }
    const { rows, consumed } = parseRecords(text, separator, final, records);
    text = text.slice(consumed);
    if (text.length > MAX_RECORD_CHARS)
      throw badInput(FIELD, `Record ${records + 1} is longer than 1 MiB: a quote that never ends?`);
    return rows.map((cells) => ({ row: ++records, cells }));
  };
  const start = () => {
    const first = Buffer.concat(head);
    head = [];
    decoder = decoderFor(first);
    text = decode(first);
  };

  for await (const chunk of bytes) {
    if (!decoder) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < SNIFF_BYTES) continue;
      start();
    } else text += decode(chunk);
    const rows = cut(false);
    if (rows.length) yield rows;
  }
  if (!decoder) start();
  text += decode(null);
  yield cut(true);
}

// ---------------------------------------------------------------------------------------------------
// XLSX: the first sheet, as exceljs' streaming reader gives its rows (a sheet stored before the shared strings
// waits in a temporary file, not in memory)

/** An exceljs cell value as the import's parsers take it: text, number, boolean or date. */
function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('result' in v) return cellOf(v.result);
    if (typeof v.text === 'string') return v.text;
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

async function* xlsxRows(bytes: AsyncIterable<Buffer>): AsyncGenerator<SourceRow[]> {
  let checked = false;
  /** Not a workbook: the bytes end here (an error would not reach the unzipping it is piped into). */
  let refused: unknown = null;
  async function* signed(): AsyncGenerator<Buffer> {
    for await (const chunk of bytes) {
      if (!checked) {
        checked = true;
        if (chunk[0] !== 0x50 || (chunk.length > 1 && chunk[1] !== 0x4b)) {
          refused = badInput(FIELD, 'This is not an XLSX workbook (save the list as .xlsx or .csv)');
          return;
        }
      }
      yield chunk;
    }
  }
  const input = Readable.from(signed());
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let first = true;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        // Later sheets are read through to the end of the file, their rows not kept.
        if (!first) continue;
        const values = (row.values as unknown[]).slice(1);
        yield [{ row: row.number, cells: Array.from(values, cellOf) }];
      }
      first = false;
    }
  } catch (error) {
    if (refused) throw refused;
    if (error instanceof DomainError) throw error;
    throw badInput(FIELD, `The workbook cannot be read: ${(error as Error).message}`);
  }
  if (refused) throw refused;
  if (!checked) throw badInput(FIELD, 'The file is empty');
}
