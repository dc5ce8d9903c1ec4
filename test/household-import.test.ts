import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '@doudi/shared';
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
