import { request } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter, MAX_BODY_BYTES } from '@doudi/shared';
import { graphql } from '@doudi/shared/testing';
import { startSystem, type System } from './support/system.js';
import { townshipCaseworker, twoCounties, type CountyFixture } from './support/two-counties.js';

const idNumber = (first17: string) => first17 + checkCharacter(first17);
const IMPORT = `mutation($input: ImportHouseholdsInput!) { importHouseholds(input: $input) {
  dryRun rows households people imported problems { row column code } } }`;

/** A household file travels on the gateway's import route, the one that takes a large body (README, Households). */
const importAs = (token: string, variables: Record<string, unknown>) =>
  graphql(system.gateway.url.replace(/\/graphql$/, '/graphql/import'), IMPORT, variables, {
    authorization: `Bearer ${token}`,
  });

let system: System;
let xiangfen: CountyFixture;
let token: string;
beforeAll(async () => {
  system = await startSystem();
  ({ xiangfen } = await twoCounties(system));
  token = await townshipCaseworker(system, xiangfen);
});
afterAll(() => system?.stop());

const csv = (rows: string[][]) =>
  Buffer.from(
    `\uFEFF${[['户编号', '户籍地区划代码', '姓名', '性别', '与户主关系', '身份证号', '残疾类别', '残疾等级'], ...rows].map((r) => r.join(',')).join('\r\n')}`,
  ).toString('base64');

describe('importing a village household list through the gateway', () => {
  it('dry-runs with every row’s problem, checking division codes with the organisations subgraph, and writes nothing', async () => {
    const goodId = idNumber('14102319800101002');
    const content = csv([
      ['A1', xiangfen.township, '王某', '女', '户主', goodId, '肢体', '二级'],
      [
        'A1',
        xiangfen.township,
        '王小某',
        '男',
        '子',
        `${goodId.slice(0, 17)}${goodId[17] === '1' ? '2' : '1'}`,
        '',
        '',
      ],
      ['B1', '141023100999', '李某', '男', '户主', '', '', ''],
    ]);
    const householdsNow = async () =>
      (await system.queryAs(token, `{ households { totalCount } }`)).data!.households.totalCount as number;
    const before = await householdsNow();
    const report = await importAs(token, {
      input: { fileName: '新城镇台账.csv', format: 'CSV', contentBase64: content, dryRun: true },
    });
    expect(report.errors).toBeUndefined();
    expect(report.data!.importHouseholds).toMatchObject({
      dryRun: true,
      rows: 3,
      households: 2,
      people: 3,
      imported: false,
    });
    expect(report.data!.importHouseholds.problems).toEqual([
      { row: 3, column: '身份证号', code: 'BAD_CHECK_DIGIT' },
      { row: 4, column: '户籍地区划代码', code: 'UNKNOWN_JURISDICTION' },
    ]);
    expect(await householdsNow()).toBe(before); // nothing written, whatever ran before
  });

  it('imports a clean file in one go, with the facts, and enters it in each household’s history', async () => {
    const content = csv([
      ['C1', xiangfen.township, '张某', '男', '户主', idNumber('14102319700202003'), '视力', '一级'],
      ['C1', xiangfen.township, '张小某', '女', '女儿', idNumber('14102320150303002'), '', ''],
    ]);
    const report = await importAs(token, {
      input: { fileName: '新城镇台账.csv', format: 'CSV', contentBase64: content, dryRun: false },
    });
    expect(report.data!.importHouseholds).toMatchObject({ imported: true, households: 1, people: 2, problems: [] });
    const list = await system.queryAs(
      token,
      `{ households(orderBy: [{ field: CREATED_AT, direction: DESC }], first: 1) { nodes { id members { nodes { name health { disabilityCategory disabilityGrade } } } } } }`,
    );
    const household = list.data!.households.nodes[0];
    expect(household.members.nodes[0]).toEqual({
      name: '张某',
      health: { disabilityCategory: 'VISUAL', disabilityGrade: 1 },
    });
    const history = await system.queryAs(token, `query($id: ID!) { householdHistory(id: $id) { entityType source } }`, {
      id: household.id,
    });
    expect(history.data!.householdHistory).toHaveLength(3);
    expect(history.data!.householdHistory[0].source).toBe('批量导入 新城镇台账.csv');
  });
});

/** A village list of `count` people in households of up to four, every ID number valid and distinct. */
function largeCsv(count: number, township: string, lastRow?: string[], serial = 701): Buffer {
  const lines = ['户编号,户籍地区划代码,姓名,性别,与户主关系,身份证号'];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(1960, 0, 1 + (i % 10_000))).toISOString().slice(0, 10).replace(/-/g, '');
    const first17 = `141023${day}${String(serial + Math.floor(i / 10_000) * 2)}`;
    lines.push(
      [`S${Math.floor(i / 4)}`, township, `村民${i}`, '男', i % 4 ? '子' : '户主', idNumber(first17)].join(','),
    );
  }
  if (lastRow) lines[lines.length - 1] = lastRow.join(',');
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`);
}

describe('streaming a large household list through the gateway (POST /imports/households, issue 16 item 4)', () => {
  const streamUrl = (query: string) => system.gateway.url.replace(/\/graphql$/, `/imports/households?${query}`);
  const post = (query: string, body: Buffer, headers: Record<string, string>) =>
    fetch(streamUrl(query), { method: 'POST', body, headers });
  const count = async (sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql, params)).rows[0].n);
    } finally {
      await client.end();
    }
  };

  it('imports nothing when the last of 20,000 rows is wrong, and says which row', async () => {
    const before = await count('select count(*) as n from households.person');
    const wrong = idNumber('14102319800101009');
    const file = largeCsv(20_000, xiangfen.township, [
      'S4999',
      xiangfen.township,
      '村民末',
      '男',
      '子',
      `${wrong.slice(0, 17)}${wrong[17] === '1' ? '2' : '1'}`,
    ]);
    const answer = await post('dryRun=false&fileName=大名单.csv', file, {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
    });
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as Record<string, any>;
    expect(report).toMatchObject({ rows: 20_000, imported: false, dryRun: false });
    expect(report.problems).toEqual([expect.objectContaining({ row: 20_001, code: 'BAD_CHECK_DIGIT' })]);
    expect(await count('select count(*) as n from households.person')).toBe(before);
  });

  it('imports a 20,000-row file whole, with every record’s first history entry and one audit entry', async () => {
    const file = largeCsv(20_000, xiangfen.township);
    const answer = await post('dryRun=false&fileName=大名单.csv&idempotencyKey=stream-import-20000', file, {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as Record<string, any>;
    expect(report).toMatchObject({ rows: 20_000, households: 5_000, people: 20_000, imported: true, problems: [] });
    const source = '批量导入 大名单.csv';
    expect(
      await count('select count(*) as n from households.household_change where source = $1 and entity_type = $2', [
        source,
        'Person',
      ]),
    ).toBe(20_000);
    expect(
      await count('select count(*) as n from households.household_change where source = $1 and entity_type = $2', [
        source,
        'Household',
      ]),
    ).toBe(5_000);
    expect(
      await count(`select count(*) as n from households_audit.audit_event where action = 'IMPORT' and entity_id = $1`, [
        report.fileSha256,
      ]),
    ).toBe(1);
    // The same file again with the same key goes in once.
    const again = await post('dryRun=false&fileName=大名单.csv&idempotencyKey=stream-import-20000', file, {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
    });
    expect(await again.json()).toMatchObject({ imported: true, problems: [] });
    expect(await count('select count(*) as n from households.household_change where source = $1', [source])).toBe(
      25_000,
    );
  });

  it('writes nothing when the client goes away halfway through the upload, and the next import goes in', async () => {
    const before = await count('select count(*) as n from households.person');
    const file = largeCsv(20_000, xiangfen.township, undefined, 901);
    await new Promise<void>((resolve) => {
      const req = request(streamUrl('dryRun=false&fileName=中断.csv'), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'text/csv',
          'content-length': String(file.length),
        },
      });
      req.on('error', () => resolve());
      req.on('response', () => resolve());
      req.write(file.subarray(0, file.length / 2), () => setTimeout(() => req.destroy(), 300));
    });
    // Households stops reading, rolls back, and its connection is free for the next import.
    const small = largeCsv(4, xiangfen.township, undefined, 951);
    const next = await post('dryRun=false&fileName=小名单二.csv', small, {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
    });
    expect(await next.json()).toMatchObject({ imported: true, people: 4 });
    expect(await count('select count(*) as n from households.person')).toBe(before + 4);
    // …and no COPY of the abandoned file is left open on households' connections.
    const open = () =>
      count(
        `select count(*) as n from pg_stat_activity
          where usename = 'doudi_households' and query ilike 'copy import_row%' and state <> 'idle'`,
      );
    for (let i = 0; i < 50 && (await open()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await open()).toBe(0);
  });

  it('refuses a caller without credentials, a body that is not a list, and a file over the size bound', async () => {
    const file = largeCsv(3, xiangfen.township);
    const anonymous = await post('dryRun=true&fileName=a.csv', file, { 'content-type': 'text/csv' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const json = await post('dryRun=true&fileName=a.json', Buffer.from('{"rows":[]}'), {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    });
    expect(json.status).toBe(415);
    expect(((await json.json()) as any).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'content-type',
    });

    const noDryRun = await post('fileName=a.csv', file, {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
    });
    expect(noDryRun.status).toBe(400);
    expect(((await noDryRun.json()) as any).errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'dryRun',
    });

    // A body declared larger than MAX_BODY_BYTES is refused before any of it is read.
    const oversize = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        streamUrl('dryRun=true&fileName=big.csv'),
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'text/csv',
            'content-length': String(MAX_BODY_BYTES + 1),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.write(file);
    });
    expect(oversize.status).toBe(413);
    expect(JSON.parse(oversize.body).errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
  });

  it('dry-runs a streamed file like the mutation: every row’s problem, nothing written', async () => {
    const before = await count('select count(*) as n from households.household');
    const file = largeCsv(8, xiangfen.township, ['Z1', '141023100999', '李某', '男', '户主', ''], 801);
    const answer = await post('dryRun=true&fileName=小名单.csv', file, {
      authorization: `Bearer ${token}`,
      'content-type': 'text/csv',
    });
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as Record<string, any>;
    expect(report).toMatchObject({ dryRun: true, rows: 8, imported: false, ignoredColumns: [] });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 9, column: '户籍地区划代码', code: 'UNKNOWN_JURISDICTION' }),
    ]);
    expect(await count('select count(*) as n from households.household')).toBe(before);
  });
});
