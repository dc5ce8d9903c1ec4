import ExcelJS from 'exceljs';
import { Directive, Field, Int, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Files of the regulations' ledgers and summaries (issue 13 item 5): a formatted workbook and a CSV that Excel and
 * WPS open as UTF-8. Shared because cases (the monthly ledgers) and organisations (the joint meeting's annual
 * summary) both export; each builds an ExportDocument and the GraphQL field answers the file (the gateway proxies
 * only /graphql, and so authorization and jurisdiction checks stay in the one resolver that reads the data).
 */

export enum ExportFormat {
  XLSX = 'XLSX',
  CSV = 'CSV',
}
registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  valuesConfig: {
    XLSX: { description: 'An Excel workbook: a title row, Chinese headers, formatted numbers and dates.' },
    CSV: { description: 'Comma-separated values in UTF-8 with a byte-order mark, so Excel and WPS read the Chinese.' },
  },
});

@ObjectType('ExportFile', { description: 'A file to save: its name, media type and content in base64. 导出文件。' })
@Directive('@shareable')
export class ExportFile {
  @Field(() => String, { description: 'A file name for saving, e.g. 河鱼乡_2026-10_台账.xlsx.' })
  fileName: string;

  @Field(() => String, { description: 'The media type (MIME), e.g. text/csv; charset=utf-8.' })
  mediaType: string;

  @Field(() => Int, { description: 'The size of the file in bytes.' })
  byteLength: number;

  @Field(() => String, { description: 'The file’s bytes, base64-encoded.' })
  contentBase64: string;
}

/** How a column's values are written: text as is, whole numbers, dates (YYYY-MM-DD), yuan with two decimals. */
export type ExportColumnType = 'text' | 'integer' | 'date' | 'yuan' | 'decimal';

export interface ExportColumn {
  key: string;
  /** The column's heading (Chinese: the people who open the file read Chinese). */
  header: string;
  type?: ExportColumnType;
}

export interface ExportSheet {
  /** The sheet's tab name (at most 31 characters, Excel's limit). */
  name: string;
  /** The title row: what the table is, the jurisdiction and the period (e.g. 河鱼乡 2026年10月 救助台账). */
  title: string;
  /** A second line under the title: who made it, when, its revision. */
  subtitle?: string;
  columns: ExportColumn[];
  /** Values by column key: strings, numbers, YYYY-MM-DD dates, yuan as "1234.50" strings; null for empty. */
  rows: Record<string, string | number | boolean | null | undefined>[];
}

export interface ExportDocument {
  /** The file name without its extension. */
  fileName: string;
  sheets: ExportSheet[];
}

const MEDIA_TYPES: Record<ExportFormat, string> = {
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  CSV: 'text/csv; charset=utf-8',
};

/** Excel's numFmt per column type. Dates are real dates (sortable, filterable), shown YYYY-MM-DD. */
const NUMBER_FORMATS: Partial<Record<ExportColumnType, string>> = {
  integer: '#,##0',
  date: 'yyyy-mm-dd',
  yuan: '#,##0.00',
  decimal: '0.0',
};

/** Rows above the header: the title and the subtitle. */
const HEADER_ROW = 3;

/** Display width of a text in Excel's character units: a CJK character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\uffff]/.test(char) ? 2 : 1;
  return width;
}

/** A cell's value for the workbook: numbers as numbers, dates as dates (UTC midnight, no time zone shift). */
function cellValue(value: unknown, type: ExportColumnType | undefined): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(`${value}T00:00:00Z`);
  }
  if ((type === 'integer' || type === 'yuan' || type === 'decimal') && value !== '') {
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  return typeof value === 'number' ? value : String(value);
}

/** The shown text of a cell, for widths and for CSV. */
function cellText(value: unknown, type: ExportColumnType | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (type === 'yuan' && value !== '' && Number.isFinite(Number(value))) return Number(value).toFixed(2);
  return String(value);
}

/** Columns wide enough for their header and widest value, within reason (long reasons wrap instead). */
function widthOf(column: ExportColumn, rows: ExportSheet['rows']): number {
  const widest = rows.reduce(
    (max, row) => Math.max(max, displayWidth(cellText(row[column.key], column.type))),
    displayWidth(column.header),
  );
  return Math.min(Math.max(widest + 2, 8), 48);
}

/** The workbook: per sheet a merged title row, a subtitle, the bold header row frozen, formatted cells. */
export async function writeXlsx(document: ExportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Doudi';
  workbook.created = new Date();
  for (const sheet of document.sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: HEADER_ROW }],
      pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const last = Math.max(sheet.columns.length, 1);
    worksheet.mergeCells(1, 1, 1, last);
    const title = worksheet.getCell(1, 1);
    title.value = sheet.title;
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: 'center', vertical: 'middle' };
    worksheet.getRow(1).height = 24;
    worksheet.mergeCells(2, 1, 2, last);
    worksheet.getCell(2, 1).value = sheet.subtitle ?? '';
    worksheet.getCell(2, 1).font = { size: 10, color: { argb: 'FF555555' } };

    const header = worksheet.getRow(HEADER_ROW);
    sheet.columns.forEach((column, i) => {
      const cell = header.getCell(i + 1);
      cell.value = column.header;
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.border = { bottom: { style: 'thin' } };
      const format = NUMBER_FORMATS[column.type ?? 'text'];
      const col = worksheet.getColumn(i + 1);
      col.width = widthOf(column, sheet.rows);
      if (format) col.numFmt = format;
    });
    sheet.rows.forEach((row, r) => {
      const line = worksheet.getRow(HEADER_ROW + 1 + r);
      sheet.columns.forEach((column, c) => {
        const cell = line.getCell(c + 1);
        cell.value = cellValue(row[column.key], column.type);
        const format = NUMBER_FORMATS[column.type ?? 'text'];
        if (format) cell.numFmt = format;
        if ((column.type ?? 'text') === 'text') cell.alignment = { wrapText: true, vertical: 'top' };
      });
    });
    if (sheet.columns.length) {
      worksheet.autoFilter = {
        from: { row: HEADER_ROW, column: 1 },
        to: { row: HEADER_ROW + sheet.rows.length, column: sheet.columns.length },
      };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A text that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a leading
 * apostrophe: a reason typed by a caseworker must not become a formula in someone's Excel (CSV injection).
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8's byte-order mark: without it Excel reads a CSV in the system's code page and garbles the Chinese. */
export const UTF8_BOM = '\ufeff';

/**
 * The CSV: UTF-8 with a byte-order mark, CRLF line ends (RFC 4180). Each sheet is a section: its title line, its
 * header and rows, a blank line before the next; a file of one sheet is a plain table under its title.
 */
export function writeCsv(document: ExportDocument): Buffer {
  const lines: string[] = [];
  document.sheets.forEach((sheet, i) => {
    if (i > 0) lines.push('');
    lines.push(csvField(defused(sheet.title)));
    lines.push(sheet.columns.map((c) => csvField(c.header)).join(','));
    for (const row of sheet.rows) {
      lines.push(
        sheet.columns
          .map((c) => {
            const text = cellText(row[c.key], c.type);
            return csvField((c.type ?? 'text') === 'text' ? defused(text) : text);
          })
          .join(','),
      );
    }
  });
  return Buffer.from(UTF8_BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

/** File names keep Chinese but lose what file systems refuse. */
const safeFileName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 120);

/** The file of a document in the format asked for. */
export async function exportFile(document: ExportDocument, format: ExportFormat): Promise<ExportFile> {
  const bytes = format === ExportFormat.XLSX ? await writeXlsx(document) : writeCsv(document);
  return {
    fileName: `${safeFileName(document.fileName)}.${format === ExportFormat.XLSX ? 'xlsx' : 'csv'}`,
    mediaType: MEDIA_TYPES[format],
    byteLength: bytes.length,
    contentBase64: bytes.toString('base64'),
  };
}
