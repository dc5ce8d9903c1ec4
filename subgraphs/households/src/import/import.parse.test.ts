import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { checkCharacter } from '@doudi/shared';
import { decodeText, ImportFormat, parseCsv, readTable, toRecords } from './import.parse.js';
import { ImportProblemCode } from './import.columns.js';
import { readFile } from './import.stream.js';

const id = (first17: string) => first17 + checkCharacter(first17);
const HEAD_ID = id('14102319790314002'); // a woman born 1979-03-14 (17th digit even)

describe('reading a CSV household list', () => {
  it('reads quoted fields with commas, quotes and line breaks, and CRLF line ends', () => {
    const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n,,\r\nlast,,\n');
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['', '', ''],
      ['last', '', ''],
    ]);
  });

  it('reads tab-separated text as Excel saves "Unicode text"', () => {
    expect(parseCsv('姓名\t性别\n王秀兰\t女')).toEqual([
      ['姓名', '性别'],
      ['王秀兰', '女'],
    ]);
  });

  it('understands UTF-8 with and without BOM, and a GBK file from an older Excel', () => {
    const text = '户编号,姓名,性别\r\n1,王秀兰,女\r\n';
    expect(decodeText(Buffer.from(text))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(text);
    const gbk = Buffer.from('bba7b1e0bac52cd0d5c3fb2cd0d4b1f00d0a312ccdf5d0e3c0bc2cc5ae0d0a', 'hex');
    expect(decodeText(gbk)).toBe(text);
  });
});

describe('reading a file as it streams in', () => {
  /** The file cut into pieces of `size` bytes, as a request body arrives. */
  async function* pieces(bytes: Buffer, size: number) {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  const rowsOf = async (bytes: Buffer, size: number, format = ImportFormat.CSV) => {
    const rows: unknown[][] = [];
    for await (const piece of readFile(pieces(bytes, size), format).rows) for (const row of piece) rows.push(row.cells);
    return rows;
  };

  it('reads the same records however the file is cut: quotes, line breaks and CRLF split across pieces', async () => {
    const text = '户编号,姓名,备注\r\n1,王秀兰,"x, y"\r\n2,"李""四""","two\r\nlines"\r\n3,赵六,\r\n';
    const whole = parseCsv(text);
    expect(whole).toHaveLength(4);
    for (const size of [1, 2, 3, 7, 64]) expect(await rowsOf(Buffer.from('\ufeff' + text), size)).toEqual(whole);
  });

  it('decodes a GBK file cut in the middle of its characters', async () => {
    const gbk = Buffer.from('bba7b1e0bac52cd0d5c3fb2cd0d4b1f00d0a312ccdf5d0e3c0bc2cc5ae0d0a', 'hex');
    expect(await rowsOf(gbk, 3)).toEqual([
      ['户编号', '姓名', '性别'],
      ['1', '王秀兰', '女'],
    ]);
  });

  it('hashes the bytes it read, and refuses a quote that never ends', async () => {
    const bytes = Buffer.from('户编号,姓名\n1,王秀兰\n');
    const file = readFile(pieces(bytes, 5), ImportFormat.CSV);
    for await (const piece of file.rows) expect(piece.length).toBeGreaterThan(0);
    expect(file.sha256()).toBe(createHash('sha256').update(bytes).digest('hex'));
    await expect(rowsOf(Buffer.from('户编号,姓名\n1,"王秀兰\n'), 4)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('reads an XLSX workbook cut into pieces, row numbers as the sheet has them', async () => {
    const workbook = await writeXlsxFile([
      [{ value: '户编号' }, { value: '姓名' }],
      [{ value: '1' }, { value: '王秀兰' }],
      [null, null],
      [{ value: '2' }, { value: '李四' }],
    ]).toBuffer();
    const read: { row: number; cells: unknown[] }[] = [];
    for await (const piece of readFile(pieces(workbook, 100), ImportFormat.XLSX).rows) read.push(...piece);
    expect(read.filter((r) => r.cells.some((c) => c !== null && c !== undefined))).toEqual([
      { row: 1, cells: ['户编号', '姓名'] },
      { row: 2, cells: ['1', '王秀兰'] },
      { row: 4, cells: ['2', '李四'] },
    ]);
  });
});

describe('matching the header row', () => {
  it('accepts Chinese headers with required-markers and notes, and English field names', () => {
    const table = toRecords([
      ['*户编号', '户籍地区划代码', '姓名', 'sex', '出生日期(YYYY-MM-DD)', '与户主关系', '身份证号', '备注'],
      ['H1', '141023100201', '王秀兰', '女', '1979-03-14', '户主', HEAD_ID, '低保'],
    ]);
    expect(table.problems).toEqual([]);
    expect(table.ignoredColumns).toEqual(['备注']);
    expect(table.records[0]).toMatchObject({
      row: 2,
      householdKey: 'H1',
      household: { jurisdictionCode: '141023100201' },
      person: { name: '王秀兰', sex: 'FEMALE', birthDate: '1979-03-14', relationshipToHead: 'SELF', idNumber: HEAD_ID },
    });
  });

  it('names the required columns a list lacks, and a column given twice', () => {
    const table = toRecords([['户编号', '姓名', 'name', '性别']]);
    expect(table.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [1, 'name', ImportProblemCode.DUPLICATE_COLUMN],
      [1, '户籍地区划代码', ImportProblemCode.MISSING_COLUMN],
      [1, '与户主关系', ImportProblemCode.MISSING_COLUMN],
    ]);
  });
});

describe('reading cells as people write them', () => {
  const header = ['户编号', '户籍地区划代码', '姓名', '性别', '出生日期', '与户主关系', '身份证号', '联系电话'];
  const read = (...cells: (string | number | Date | null)[]) => toRecords([header, cells]);

  it('reads dates in the usual Chinese spellings and as Excel day numbers', () => {
    for (const written of ['1979-03-14', '1979/3/14', '1979.03.14', '19790314', '1979年3月14日', 28928]) {
      expect(read('H1', '141023100201', '王秀兰', '女', written, '户主').records[0].person.birthDate).toBe(
        '1979-03-14',
      );
    }
  });

  it('reads relationships in Chinese words', () => {
    const relation = (word: string) => read('H1', '141023100201', '李明', '男', null, word).records[0].person;
    expect(relation('长子').relationshipToHead).toBe('CHILD');
    expect(relation('配偶').relationshipToHead).toBe('SPOUSE');
    expect(relation('孙女').relationshipToHead).toBe('GRANDCHILD');
  });

  it('tells a mistyped ID number by its check digit, and one that Excel rounded', () => {
    const wrong = HEAD_ID.slice(0, 17) + (HEAD_ID[17] === '0' ? '1' : '0');
    expect(read('H1', '141023100201', '王秀兰', '女', null, '户主', wrong).problems[0]).toMatchObject({
      row: 2,
      column: '身份证号',
      code: ImportProblemCode.BAD_CHECK_DIGIT,
    });
    const rounded = read('H1', '141023100201', '王秀兰', '女', null, '户主', Number(HEAD_ID.slice(0, 17) + '1'));
    expect(rounded.problems[0]).toMatchObject({ column: '身份证号', code: ImportProblemCode.BAD_VALUE });
  });

  it('lists an empty required cell and a value it cannot read, and skips empty rows', () => {
    const table = toRecords([header, ['H1', '1410231', '', '不详', null, '户主'], [null, '', null], ['H2']]);
    expect(table.records.map((r) => r.row)).toEqual([2, 4]);
    expect(table.problems.filter((p) => p.row === 2).map((p) => [p.column, p.code])).toEqual([
      ['户籍地区划代码', ImportProblemCode.BAD_VALUE],
      ['姓名', ImportProblemCode.MISSING_VALUE],
      ['性别', ImportProblemCode.BAD_VALUE],
    ]);
  });
});

describe('reading an XLSX household list', () => {
  it('reads the first sheet with typed cells: dates, numbers and text', async () => {
    const workbook = await writeXlsxFile([
      [
        { value: '户编号' },
        { value: '户籍地区划代码' },
        { value: '姓名' },
        { value: '性别' },
        { value: '出生日期' },
        { value: '与户主关系' },
        { value: '联系电话' },
      ],
      [
        { value: 7 },
        { value: '141023100201' },
        { value: '王秀兰' },
        { value: '女' },
        { value: new Date('1979-03-14'), format: 'yyyy-mm-dd' },
        { value: '户主' },
        { value: 13812345678 },
      ],
    ]).toBuffer();
    const table = toRecords(await readTable(workbook, ImportFormat.XLSX));
    expect(table.problems).toEqual([]);
    expect(table.records[0]).toMatchObject({
      householdKey: '7',
      person: { birthDate: '1979-03-14', phone: '13812345678', relationshipToHead: 'SELF' },
    });
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(readTable(Buffer.from('户编号,姓名\n'), ImportFormat.XLSX)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'input.contentBase64' },
    });
  });
});

describe('a line’s person as the import stages it', () => {
  it('has exactly the fields createHousehold stores for that person, sealed the same way', async () => {
    const { randomBytes } = await import('node:crypto');
    const { createVault } = await import('@doudi/shared');
    const { sealedFields, validatePerson } = await import('../person/person.service.js');
    const { sealedLine } = await import('./import.service.js');
    const vault = createVault(randomBytes(32));
    const valid = validatePerson(
      {
        name: '王秀兰',
        sex: 'FEMALE',
        relationshipToHead: 'SELF',
        idNumber: HEAD_ID,
        phone: '13812345678',
        disabilityCategory: 'PHYSICAL',
        disabilityGrade: 2,
      } as Parameters<typeof validatePerson>[0],
      'row',
    );
    const { id, ...line } = sealedLine(vault, valid, true);
    const stored = sealedFields(vault, valid) as Record<string, unknown>;
    expect(id).toBeNull();
    expect(Object.keys(line).sort()).toEqual(Object.keys(stored).sort());
    for (const key of ['idNumberSealed', 'phoneSealed'])
      expect(vault.decrypt(line[key] as string)).toBe(vault.decrypt(stored[key] as string));
    const plain = (o: Record<string, unknown>) => ({ ...o, idNumberSealed: 0, phoneSealed: 0 });
    expect(plain(line)).toEqual(plain(stored));
    // A dry run writes nobody: only the keyed hash the checks read.
    expect(sealedLine(vault, valid, false)).toMatchObject({ idNumberHash: stored.idNumberHash, idNumberSealed: null });
  });
});
