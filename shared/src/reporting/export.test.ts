import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { exportFile, ExportFormat, writeCsv, writeXlsx, type ExportDocument } from './export.js';

const ledger: ExportDocument = {
  fileName: '河鱼乡 2026-10 台账',
  sheets: [
    {
      name: '台账',
      title: '河鱼乡 2026年10月 社会救助台账',
      subtitle: '第1版',
      columns: [
        { key: 'no', header: '序号', type: 'integer' },
        { key: 'received', header: '收到日期', type: 'date' },
        { key: 'amount', header: '金额（元）', type: 'yuan' },
        { key: 'reason', header: '未办结原因' },
      ],
      rows: [
        { no: 1, received: '2026-10-09', amount: '1234.5', reason: '待县级审批, "加急"' },
        { no: 2, received: null, amount: null, reason: '=HYPERLINK("http://example.invalid")' },
      ],
    },
    { name: '汇总', title: '分科室汇总', columns: [{ key: 'n', header: '件数', type: 'integer' }], rows: [{ n: 12 }] },
  ],
};

describe('ledger and summary files (issue 13 item 5)', () => {
  it('writes a workbook that opens, with a title row, Chinese headers frozen, real dates and yuan', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeXlsx(ledger)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('台账')!;
    expect(sheet.getCell('A1').value).toBe('河鱼乡 2026年10月 社会救助台账');
    expect(sheet.getCell('A1').isMerged).toBe(true);
    expect(sheet.getRow(3).values).toEqual([undefined, '序号', '收到日期', '金额（元）', '未办结原因']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.getCell('A4').value).toBe(1);
    expect(sheet.getCell('B4').value).toEqual(new Date('2026-10-09T00:00:00Z'));
    expect(sheet.getCell('B4').numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getCell('C4').value).toBe(1234.5);
    expect(sheet.getCell('C4').numFmt).toBe('#,##0.00');
    expect(sheet.getColumn(4).width, 'wide enough for the reason').toBeGreaterThan(20);
    expect(workbook.getWorksheet('汇总')!.getCell('A4').value).toBe(12);
  });

  it('writes a CSV that starts with the UTF-8 byte-order mark, quotes commas and defuses formulas', () => {
    const bytes = writeCsv(ledger);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      '河鱼乡 2026年10月 社会救助台账',
      '序号,收到日期,金额（元）,未办结原因',
      '1,2026-10-09,1234.50,"待县级审批, ""加急"""',
      `2,,,"'=HYPERLINK(""http://example.invalid"")"`,
      '',
    ]);
    expect(lines[5]).toBe('分科室汇总');
  });

  it('names the file for saving and states its media type and size', async () => {
    const csv = await exportFile(ledger, ExportFormat.CSV);
    expect(csv).toMatchObject({ fileName: '河鱼乡_2026-10_台账.csv', mediaType: 'text/csv; charset=utf-8' });
    expect(Buffer.from(csv.contentBase64, 'base64').length).toBe(csv.byteLength);
    const xlsx = await exportFile(ledger, ExportFormat.XLSX);
    expect(xlsx.fileName).toBe('河鱼乡_2026-10_台账.xlsx');
    expect(Buffer.from(xlsx.contentBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });
});
