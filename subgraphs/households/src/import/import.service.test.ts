import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { createTestDatabase, type TestDatabase } from '@doudi/shared/testing';
import { checkCharacter, openOrm, provisionSubgraph, type MikroORM, type Principal } from '@doudi/shared';
import { createVault } from '@doudi/shared';
import { households as definition } from '../index.js';
import { Household } from '../household/household.entity.js';
import { Person } from '../person/person.entity.js';
import { ImportProblemCode } from './import.columns.js';
import { ImportFormat } from './import.parse.js';
import { importHouseholds, type ImportContext, type ImportRequest } from './import.service.js';

const CASEWORKER: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-00000000c001',
  organisationId: '019a0000-0000-7000-8000-00000000a001',
  jurisdictionCode: '141023100000',
  roles: ['CASEWORKER'],
  scopes: [],
};
/** The villages the organisations subgraph knows, in and outside the caseworker's township. */
const KNOWN = new Set(['141023100201', '141023100202', '141023200201']);
const asked: string[][] = [];
const organisations = async (_document: string, variables: Record<string, unknown>) => {
  const codes = variables.codes as string[];
  asked.push(codes);
  return { jurisdictions: { nodes: codes.filter((code) => KNOWN.has(code)).map((code) => ({ code })) } };
};

let db: TestDatabase;
let orm: MikroORM;
const vault = createVault(randomBytes(32));
beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({
    subgraph: 'households',
    clientUrl: await provisionSubgraph(db.url, 'households'),
    entities: definition.entities,
    migrations: definition.migrations,
  });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const context = (): ImportContext => ({
  em: orm.em.fork(),
  principal: CASEWORKER,
  vault,
  organisations,
  assertion: 'signed-assertion',
  today: '2026-11-22',
});

/** A valid sample ID number for a birth date and a serial (odd: a man, even: a woman). */
let serial = 100;
const idNumber = (birth: string, sex: 'M' | 'F') => {
  serial += 2;
  const first17 = `141023${birth.replace(/-/g, '')}${String(serial + (sex === 'M' ? 1 : 0)).slice(-3)}`;
  return first17 + checkCharacter(first17);
};

const HEADER = [
  '户编号',
  '户籍地区划代码',
  '家庭住址',
  '姓名',
  '性别',
  '出生日期',
  '与户主关系',
  '身份证号',
  '联系电话',
];
/** Two households of a village: a couple with a child, and a widow alone. */
const villageList = () => [
  HEADER,
  ['1', '141023100201', '东王村3组', '王建国', '男', '1975-06-01', '户主', idNumber('1975-06-01', 'M'), '13812345678'],
  ['1', '141023100201', '', '李秀英', '女', '1977-02-11', '配偶', idNumber('1977-02-11', 'F'), ''],
  ['1', '141023100201', '', '王小明', '男', '2012-09-30', '子', idNumber('2012-09-30', 'M'), ''],
  ['2', '141023100202', '西李村', '赵桂兰', '女', '1948-12-24', '户主', idNumber('1948-12-24', 'F'), '0357-1234567'],
];
const csvOf = (rows: string[][]) =>
  '\ufeff' +
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');
const csv = (rows: string[][], dryRun: boolean, extra: Partial<ImportRequest> = {}): ImportRequest => ({
  fileName: '东王村户籍名册.csv',
  format: ImportFormat.CSV,
  contentBase64: Buffer.from(csvOf(rows)).toString('base64'),
  dryRun,
  ...extra,
});
const stored = async () => ({
  households: await orm.em.fork().count(Household, {}),
  people: await orm.em.fork().count(Person, {}),
});
const historyRows = async () =>
  Number((await orm.em.fork().getConnection().execute('select count(*) as n from household_change'))[0].n);
/**
 * `people` rows of households of four (head, spouse, two children), each born on another day, with sample ID
 * numbers of a serial no other test uses (`series` 1–9 keeps lists apart).
 */
const generatedList = (people: number, series: number) => {
  const rows = [HEADER];
  const start = Date.UTC(1930, 0, 1);
  for (let i = 0; i < people; i++) {
    const birth = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    const male = i % 2 === 0;
    const first17 = `141023${birth.replace(/-/g, '')}9${series}${male ? 1 : 0}`;
    const household = String(Math.floor(i / 4) + 1);
    const relation = ['户主', '配偶', '子女', '子女'][i % 4];
    rows.push([
      `G${series}-${household}`,
      '141023100201',
      i % 4 === 0 ? `第${household}组` : '',
      `村民${series}-${i}`,
      male ? '男' : '女',
      birth,
      relation,
      first17 + checkCharacter(first17),
      i % 4 === 0 ? `139${String(i).padStart(8, '0')}` : '',
    ]);
  }
  return rows;
};
const audited = async () =>
  Number(
    (
      await orm.em
        .fork()
        .getConnection()
        .execute(`select count(*) as n from households_audit.audit_event where action = 'IMPORT'`)
    )[0].n,
  );

describe('importing a household list', () => {
  it("a dry run lists every row's problems and writes nothing", async () => {
    const rows = villageList();
    const head = rows[1][7];
    const mistyped = head.slice(0, 17) + (head[17] === '1' ? '2' : '1');
    const file = [
      ...rows,
      ['3', '141023100201', '', '张三', '男', '1980-01-01', '户主', mistyped, ''],
      ['4', '141023100299', '', '李四', '男', '1980-01-01', '户主', '', ''],
      ['5', '141023200201', '', '王五', '男', '1980-01-01', '户主', '', ''],
      ['6', '141023100201', '', '赵六', '男', '1980-01-01', '子', '', ''],
      ['7', '141023100201', '', '钱七', '男', '1980-01-01', '户主', '', ''],
      ['7', '141023100201', '', '孙八', '女', '1981-01-01', '户主', '', ''],
      ['8', '141023100201', '', '周九', '男', '1975-06-01', '户主', head, ''],
      ['9', '141023100201', '', '吴十', '男', '1980-02-30', '户主', '', ''],
    ];
    const before = await stored();
    const report = await importHouseholds(context(), csv(file, true));
    expect(report).toMatchObject({ dryRun: true, imported: false, rows: 12, households: 9, people: 12 });
    expect(report.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [6, '身份证号', ImportProblemCode.BAD_CHECK_DIGIT],
      [7, '户籍地区划代码', ImportProblemCode.UNKNOWN_JURISDICTION],
      [8, '户籍地区划代码', ImportProblemCode.FORBIDDEN],
      [9, '与户主关系', ImportProblemCode.MISSING_HEAD],
      [11, '与户主关系', ImportProblemCode.TWO_HEADS],
      [12, '身份证号', ImportProblemCode.DUPLICATE_IN_FILE],
      [13, '出生日期', ImportProblemCode.BAD_VALUE],
    ]);
    expect(report.problems.find((p) => p.row === 12)!.message).toContain('Row 2');
    expect(await stored()).toEqual(before);
  });

  it('a clean list goes in whole: households, people with sealed ID numbers, one audit entry', async () => {
    const before = await stored();
    const auditBefore = await audited();
    const rows = villageList();
    const dry = await importHouseholds(context(), csv(rows, true));
    expect(dry).toMatchObject({ imported: false, problems: [] });
    const report = await importHouseholds(context(), csv(rows, false));
    expect(report).toMatchObject({ dryRun: false, imported: true, rows: 4, households: 2, people: 4, problems: [] });
    expect(await stored()).toEqual({ households: before.households + 2, people: before.people + 4 });
    expect(await audited()).toBe(auditBefore + 1);

    const em = orm.em.fork();
    const head = await em.findOneOrFail(Person, { idNumberHash: vault.lookupHash(rows[1][7]) });
    expect(head).toMatchObject({ name: '王建国', sex: 'MALE', birthDate: '1975-06-01', relationshipToHead: 'SELF' });
    expect(vault.decrypt(head.idNumberSealed!)).toBe(rows[1][7]);
    expect(head.idNumberMasked).toBe(`141023********${rows[1][7].slice(14)}`);
    expect(vault.decrypt(head.phoneSealed!)).toBe('13812345678');
    const household = await em.findOneOrFail(Household, { id: head.householdId }, { populate: ['address'] });
    expect(household).toMatchObject({ jurisdictionCode: '141023100201', address: '东王村3组' });
    expect(await em.count(Person, { householdId: household.id })).toBe(3);
  });

  it('one bad row keeps the whole file out', async () => {
    const before = await stored();
    const rows = villageList();
    rows[3][4] = '女'; // 王小明's ID number says he is a boy
    const report = await importHouseholds(context(), csv(rows, false));
    expect(report).toMatchObject({ imported: false, rows: 4 });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 4, column: '性别', householdKey: '1', code: ImportProblemCode.BAD_VALUE }),
    ]);
    expect(await stored()).toEqual(before);
  });

  it('the same list a second time finds every person already registered', async () => {
    const rows = villageList();
    expect((await importHouseholds(context(), csv(rows, false))).imported).toBe(true);
    const before = await stored();
    const again = await importHouseholds(context(), csv(rows, false));
    expect(again.imported).toBe(false);
    expect(again.problems.map((p) => [p.row, p.code])).toEqual(
      [2, 3, 4, 5].map((row) => [row, ImportProblemCode.DUPLICATE_IN_REGISTRY]),
    );
    expect(await stored()).toEqual(before);
  });

  it('a retried import with the same idempotencyKey goes in once; the key cannot carry another file', async () => {
    const rows = villageList();
    const first = await importHouseholds(context(), csv(rows, false, { idempotencyKey: 'import-retry-0001' }));
    const before = await stored();
    const retry = await importHouseholds(context(), csv(rows, false, { idempotencyKey: 'import-retry-0001' }));
    expect(retry).toMatchObject({ imported: true, households: 2, problems: [], fileSha256: first.fileSha256 });
    expect(await stored()).toEqual(before);
    await expect(
      importHouseholds(context(), csv(villageList(), false, { idempotencyKey: 'import-retry-0001' })),
    ).rejects.toMatchObject({ extensions: { code: 'CONFLICT', field: 'idempotencyKey' } });
  });

  it('an XLSX list from a village imports like the CSV', async () => {
    const rows = villageList();
    const cells = rows.map((row, r) =>
      row.map((value, c) =>
        r > 0 && c === 5 ? { value: new Date(value), format: 'yyyy-mm-dd' } : { value, type: String },
      ),
    );
    const workbook = await writeXlsxFile(cells).toBuffer();
    const before = await stored();
    const report = await importHouseholds(context(), {
      fileName: '东王村.xlsx',
      format: ImportFormat.XLSX,
      contentBase64: workbook.toString('base64'),
      dryRun: false,
    });
    expect(report).toMatchObject({ imported: true, rows: 4, households: 2, people: 4, problems: [] });
    expect(await stored()).toEqual({ households: before.households + 2, people: before.people + 4 });
  });

  it('asks the organisations subgraph about at most 100 division codes at a time', async () => {
    asked.length = 0;
    const rows = [HEADER];
    for (let i = 1; i <= 150; i++)
      rows.push([`${i}`, `141023100${String(i).padStart(3, '0')}`, '', `户主${i}`, '男', '', '户主', '', '']);
    const report = await importHouseholds(context(), csv(rows, true));
    expect(asked.map((codes) => codes.length)).toEqual([100, 50]);
    expect(report.problems.filter((p) => p.code === ImportProblemCode.UNKNOWN_JURISDICTION)).toHaveLength(150);
  });

  it('a file whose last row is wrong imports nothing, though thousands of rows before it were already read', async () => {
    const before = await stored();
    const historyBefore = await historyRows();
    const auditBefore = await audited();
    const rows = generatedList(6_000, 1);
    const last = rows[rows.length - 1];
    last[6] = '户主'; // a second head in the last household
    const report = await importHouseholds(context(), csv(rows, false));
    expect(report).toMatchObject({ imported: false, rows: 6_000, households: 1_500, people: 6_000 });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 6_001, column: '与户主关系', code: ImportProblemCode.TWO_HEADS }),
    ]);
    expect(await stored()).toEqual(before);
    expect(await historyRows()).toBe(historyBefore);
    expect(await audited()).toBe(auditBefore);
  }, 120_000);

  it('a list of 20,000 people goes in whole, each household and person with its first history entry, and one audit entry', async () => {
    const before = await stored();
    const historyBefore = await historyRows();
    const auditBefore = await audited();
    const rows = generatedList(20_000, 2);
    const report = await importHouseholds(context(), csv(rows, false));
    expect(report).toMatchObject({ imported: true, rows: 20_000, households: 5_000, people: 20_000, problems: [] });
    expect(await stored()).toEqual({ households: before.households + 5_000, people: before.people + 20_000 });
    expect(await historyRows()).toBe(historyBefore + 25_000);
    expect(await audited()).toBe(auditBefore + 1);

    // Every record has its creation entry: its whole state, from this file, by the caseworker.
    const connection = orm.em.fork().getConnection();
    const [imported] = await connection.execute(`select count(*)::int as n from person where name like '村民2-%'`);
    expect(imported.n).toBe(20_000);
    await connection.execute('analyze person, household_change');
    const [entered] = await connection.execute(
      `select count(*)::int as n from person p join household_change c on c.entity_id = p.id
        where p.name like '村民2-%' and c.entity_type = 'Person' and c.household_id = p.household_id
          and c.snapshot->>'name' = p.name and c.snapshot->>'idNumberMasked' = p.id_number_masked
          and c.source = '批量导入 东王村户籍名册.csv' and c.changed_by_id = ?`,
      [CASEWORKER.id],
    );
    expect(entered.n).toBe(20_000);
    const em = orm.em.fork();
    const lastHead = await em.findOneOrFail(Person, { idNumberHash: vault.lookupHash(rows[rows.length - 4][7]) });
    expect(vault.decrypt(lastHead.idNumberSealed!)).toBe(rows[rows.length - 4][7]);
    expect(vault.decrypt(lastHead.phoneSealed!)).toBe(rows[rows.length - 4][8]);
    const history: { entity_type: string; snapshot: object }[] = await connection.execute(
      `select entity_type, snapshot from household_change where household_id = ? order by changed_at, id`,
      [lastHead.householdId],
    );
    expect(history.map((h) => h.entity_type)).toEqual(['Household', 'Person', 'Person', 'Person', 'Person']);
    expect(history[0].snapshot).toMatchObject({ jurisdictionCode: '141023100201', residenceJurisdictionCode: null });
  }, 180_000);

  it('refuses a list with only its header, or bytes that are no list, and its connection takes the next statement', async () => {
    const refusals = [
      csv([HEADER], true),
      csv([HEADER], false, { contentBase64: Buffer.alloc(200_000).toString('base64') }),
    ];
    for (const request of refusals) {
      await expect(importHouseholds(context(), request)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field: 'input.contentBase64' },
      });
    }
    // A COPY left open would keep its connection (and the rollback) waiting for ever; the pool has few.
    for (let i = 0; i < 12; i++) {
      const answered = orm.em.fork().getConnection().execute('select 1 as one');
      const late = new Promise((resolve) => setTimeout(() => resolve('no connection within 5 s'), 5_000));
      expect(await Promise.race([answered, late])).toEqual([{ one: 1 }]);
    }
  });

  it('refuses a caller who may not register households at all', async () => {
    await expect(
      importHouseholds({ ...context(), principal: { ...CASEWORKER, roles: ['REPORTING'] } }, csv(villageList(), true)),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
