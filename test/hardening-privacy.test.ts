import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '@doudi/shared';
import { graphql } from '@doudi/shared/testing';
import { startSystem, type System } from './support/system.js';
import { clientToken, createClient, createStaff, twoCounties, type CountyFixture } from './support/two-counties.js';

/**
 * Issue 10 items 1 and 2, through the gateway: a health or disability fact hidden from a caller on
 * `Person.health` is hidden on every other path too (history, as-of view, import report, error message),
 * ID and phone numbers read masked everywhere, and no answer tells whether a number is registered
 * outside the caller's reach.
 */
const idNumber = (first17: string) => first17 + checkCharacter(first17);
const HEAD = idNumber('14102319700101001'); // male, born 1970-01-01
const DAUGHTER = idNumber('14102320050505002'); // female, born 2005-05-05
const NOWHERE = idNumber('14102319900909003'); // registered nowhere
const JINJIANG_HEAD = idNumber('35058219660606005'); // registered in 晋江市 only
const SENSITIVE = [
  'disabilityCategory',
  'disabilityGrade',
  'hasDisabilityCertificate',
  'seriousIllness',
  'chronicIllness',
];

let system: System;
let xiangfen: CountyFixture;
let jinjiang: CountyFixture;
let householdId: string;
let daughterId: string;
let jinjiangHouseholdId: string;
let tokens: Record<'caseworker' | 'police' | 'policeApp' | 'otherCaseworker' | 'otherAdmin', string>;

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id members { nodes { id name } } } } }`;
const HISTORY = `query($id: ID!) { householdHistory(id: $id) { entityType changes { field from to } } }`;
const AS_OF = `query($id: ID!, $date: Date!) { householdAsOf(id: $id, date: $date) { members { name idNumberMasked health { disabilityCategory seriousIllness } } } }`;
const HEALTH = `query($id: ID!) { household(id: $id) { members { nodes { name idNumber phone health { disabilityCategory disabilityGrade seriousIllness chronicIllness } } } } }`;
const FIND = `query($n: String!) { personByIdNumber(idNumber: $n) { id } }`;
const IMPORT = `mutation($input: ImportHouseholdsInput!) { importHouseholds(input: $input) {
  imported problems { row column code message } } }`;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const importAs = (token: string, variables: Record<string, unknown>) =>
  graphql(system.gateway.url.replace(/\/graphql$/, '/graphql/import'), IMPORT, variables, {
    authorization: `Bearer ${token}`,
  });
const csv = (rows: string[][]) =>
  Buffer.from(
    [['户编号', '户籍地区划代码', '姓名', '性别', '与户主关系', '身份证号', '残疾类别', '重病'], ...rows]
      .map((r) => r.join(','))
      .join('\r\n'),
  ).toString('base64');

const audit = async (action: string) =>
  (await system.subgraphs.households.orm.em
    .getConnection()
    .execute(
      `select actor_id, entity_type, entity_id, at from households_audit.audit_event where action = ? order by id`,
      [action],
    )) as { actor_id: string; entity_type: string; entity_id: string; at: Date }[];

beforeAll(async () => {
  system = await startSystem();
  ({ xiangfen, jinjiang } = await twoCounties(system));
  const staff = (organisationId: string, username: string, roles: string[]) =>
    createStaff(system, { organisationId, username, displayName: username, password: 'hardening-pass', roles });
  await staff(xiangfen.townshipGovernmentId, 'xf.worker', ['CASEWORKER']);
  await staff(xiangfen.policeId, 'xf.police', ['AGENCY_STAFF']);
  await staff(jinjiang.townshipGovernmentId, 'jj.worker', ['CASEWORKER']);
  await staff(jinjiang.civilAffairsId, 'jj.admin', ['JURISDICTION_ADMIN']);
  const app = await createClient(system, {
    organisationId: xiangfen.policeId,
    name: '公安系统',
    scopes: ['HOUSEHOLDS_READ', 'HOUSEHOLDS_WRITE'],
  });
  tokens = {
    caseworker: await system.signIn('xf.worker', 'hardening-pass'),
    police: await system.signIn('xf.police', 'hardening-pass'),
    policeApp: await clientToken(system, app),
    otherCaseworker: await system.signIn('jj.worker', 'hardening-pass'),
    otherAdmin: await system.signIn('jj.admin', 'hardening-pass'),
  };
  const created = await system.queryAs(tokens.caseworker, CREATE, {
    input: {
      jurisdictionCode: xiangfen.township,
      members: [
        { name: '赵父', sex: 'MALE', relationshipToHead: 'SELF', idNumber: HEAD, phone: '13812345678' },
        {
          name: '赵女',
          sex: 'FEMALE',
          relationshipToHead: 'CHILD',
          idNumber: DAUGHTER,
          disabilityCategory: 'MENTAL',
          disabilityGrade: 2,
          hasDisabilityCertificate: true,
        },
      ],
    },
  });
  expect(created.errors).toBeUndefined();
  householdId = created.data!.createHousehold.household.id;
  daughterId = created.data!.createHousehold.household.members.nodes[1].id;
  // Her illness is found later, and her phone added: both changes enter the history.
  const updated = await system.queryAs(
    tokens.caseworker,
    `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }`,
    { input: { id: daughterId, version: 1, seriousIllness: true, chronicIllness: true, phone: '13987654321' } },
  );
  expect(updated.errors).toBeUndefined();
  const elsewhere = await system.queryAs(tokens.otherCaseworker, CREATE, {
    input: {
      jurisdictionCode: jinjiang.township,
      members: [{ name: '陈某', sex: 'MALE', relationshipToHead: 'SELF', idNumber: JINJIANG_HEAD }],
    },
  });
  expect(elsewhere.errors).toBeUndefined();
  jinjiangHouseholdId = elsewhere.data!.createHousehold.household.id;
});
afterAll(() => system?.stop());

describe('health and disability facts, on every path that carries a field', () => {
  const withoutSensitive = ['police', 'policeApp'] as const;

  it('Person.health: shown to the caseworker, null to police staff and to an app without the scope', async () => {
    const read = await system.queryAs(tokens.caseworker, HEALTH, { id: householdId });
    expect(read.data!.household.members.nodes[1].health).toEqual({
      disabilityCategory: 'MENTAL',
      disabilityGrade: 2,
      seriousIllness: true,
      chronicIllness: true,
    });
    for (const who of withoutSensitive) {
      const hidden = await system.queryAs(tokens[who], HEALTH, { id: householdId });
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data!.household.members.nodes.map((m: { health: unknown }) => m.health)).toEqual([null, null]);
    }
  });

  it('householdHistory: no sensitive field, before or after, for those who may not read it; all of it for the caseworker', async () => {
    const full = await system.queryAs(tokens.caseworker, HISTORY, { id: householdId });
    const fields = (history: { changes: { field: string }[] }[]) =>
      history.flatMap((c) => c.changes.map((f) => f.field));
    expect(fields(full.data!.householdHistory)).toEqual(expect.arrayContaining(SENSITIVE));
    for (const who of withoutSensitive) {
      const history = (await system.queryAs(tokens[who], HISTORY, { id: householdId })).data!.householdHistory;
      expect(fields(history).filter((f) => SENSITIVE.includes(f))).toEqual([]);
      const text = JSON.stringify(history);
      expect(text).not.toMatch(/MENTAL|seriousIllness|chronicIllness|disability/);
      // The update changed her illness and her phone: the phone's change stays, masked.
      expect(history.at(-1).changes).toEqual([{ field: 'phoneMasked', from: null, to: '"139****4321"' }]);
    }
  });

  it('householdHistory and householdAsOf never show an ID or phone number in clear, whoever asks', async () => {
    for (const token of Object.values(tokens).slice(0, 3)) {
      const text = JSON.stringify([
        await system.queryAs(token, HISTORY, { id: householdId }),
        await system.queryAs(token, AS_OF, { id: householdId, date: today() }),
      ]);
      for (const secret of [HEAD, DAUGHTER, '13812345678', '13987654321', '19700101', '20050505'])
        expect(text).not.toContain(secret);
      expect(text).toContain('139****4321');
    }
  });

  it('householdAsOf: the day’s health facts to the caseworker, null to those who may not read them', async () => {
    const asOf = async (token: string) =>
      (await system.queryAs(token, AS_OF, { id: householdId, date: today() })).data!.householdAsOf.members;
    expect((await asOf(tokens.caseworker))[1].health).toEqual({ disabilityCategory: 'MENTAL', seriousIllness: true });
    for (const who of withoutSensitive)
      expect((await asOf(tokens[who])).map((m: any) => m.health)).toEqual([null, null]);
  });

  it('an import report and an error message never repeat a health value or an ID number', async () => {
    const typo = `${DAUGHTER.slice(0, 17)}${DAUGHTER[17] === '0' ? '1' : '0'}`;
    const report = await importAs(tokens.caseworker, {
      input: {
        fileName: '台账.csv',
        format: 'CSV',
        dryRun: true,
        contentBase64: csv([
          ['K1', xiangfen.township, '钱某', '女', '户主', '', '精神分裂症', '确诊晚期'],
          ['K1', xiangfen.township, '钱小某', '男', '子', typo, '', ''],
        ]),
      },
    });
    const problems = report.data!.importHouseholds.problems;
    expect(problems.map((p: { code: string }) => p.code).sort()).toEqual(['BAD_CHECK_DIGIT', 'BAD_VALUE', 'BAD_VALUE']);
    const text = JSON.stringify(problems);
    for (const secret of ['精神分裂症', '确诊晚期', typo, DAUGHTER.slice(6, 14)]) expect(text).not.toContain(secret);

    const contradicted = await system.queryAs(tokens.caseworker, CREATE, {
      input: {
        jurisdictionCode: xiangfen.township,
        members: [
          { name: '孙某', sex: 'MALE', birthDate: '1991-01-01', relationshipToHead: 'SELF', idNumber: NOWHERE },
        ],
      },
    });
    expect(contradicted.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.members.0.birthDate',
    });
    expect(JSON.stringify(contradicted.errors)).not.toMatch(/1990-09-09|19900909/);
  });
});

describe('no oracle of who is registered', () => {
  it('personByIdNumber answers a number registered in another county exactly as one registered nowhere', async () => {
    const elsewhere = await system.queryAs(tokens.caseworker, FIND, { n: JINJIANG_HEAD });
    const nowhere = await system.queryAs(tokens.caseworker, FIND, { n: NOWHERE });
    const shape = (r: typeof elsewhere) => ({
      code: r.errors?.[0].extensions?.code,
      message: r.errors?.[0].message.replace(/\d{6}\*{8}\d{3}[\dX]/, 'N'),
      keys: Object.keys(r.errors?.[0].extensions ?? {}).sort(),
    });
    expect(shape(elsewhere)).toEqual(shape(nowhere));
    expect(shape(elsewhere).code).toBe('NOT_FOUND');
    // Found within the caller's own reach, as before.
    expect(
      (await system.queryAs(tokens.otherCaseworker, FIND, { n: JINJIANG_HEAD })).data!.personByIdNumber,
    ).toBeTruthy();
  });

  it('a duplicate held in another county answers CONFLICT without naming the person, household or place', async () => {
    const attempt = await system.queryAs(tokens.caseworker, CREATE, {
      input: {
        jurisdictionCode: xiangfen.township,
        members: [{ name: '陈某', sex: 'MALE', relationshipToHead: 'SELF', idNumber: JINJIANG_HEAD }],
      },
    });
    expect(attempt.errors?.[0].extensions?.code).toBe('CONFLICT');
    const text = JSON.stringify(attempt.errors);
    for (const secret of [jinjiangHouseholdId, jinjiang.township, '350582', 'existingPersonId', 'existingHouseholdId'])
      expect(text).not.toContain(secret);
    // Within reach it still names the family, so the caseworker finds it.
    const own = await system.queryAs(tokens.caseworker, CREATE, {
      input: {
        jurisdictionCode: xiangfen.township,
        members: [{ name: '赵父', sex: 'MALE', relationshipToHead: 'SELF', idNumber: HEAD }],
      },
    });
    expect(own.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', existingHouseholdId: householdId });
  });

  it('an import dry run does not flag a number registered elsewhere; the import itself is refused whole, generically', async () => {
    const content = csv([
      ['M1', xiangfen.township, '陈某', '男', '户主', JINJIANG_HEAD, '', ''],
      ['M2', xiangfen.township, '赵父', '男', '户主', HEAD, '', ''],
    ]);
    const dry = await importAs(tokens.caseworker, {
      input: { fileName: '猜号.csv', format: 'CSV', dryRun: true, contentBase64: content },
    });
    expect(dry.data!.importHouseholds.problems).toEqual([
      expect.objectContaining({ row: 3, code: 'DUPLICATE_IN_REGISTRY' }), // HEAD: within reach
    ]);
    const onlyElsewhere = csv([['M1', xiangfen.township, '陈某', '男', '户主', JINJIANG_HEAD, '', '']]);
    const dryElsewhere = await importAs(tokens.caseworker, {
      input: { fileName: '猜号.csv', format: 'CSV', dryRun: true, contentBase64: onlyElsewhere },
    });
    expect(dryElsewhere.data!.importHouseholds.problems).toEqual([]);
    const real = await importAs(tokens.caseworker, {
      input: { fileName: '猜号.csv', format: 'CSV', dryRun: false, contentBase64: onlyElsewhere },
    });
    expect(real.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(JSON.stringify(real.errors)).not.toMatch(new RegExp(`${jinjiangHouseholdId}|350582|陈某`));
    expect((await audit('IMPORT_DRY_RUN')).length).toBeGreaterThanOrEqual(2);
  });

  it('every refusal is audited by keyed hash, never the number; repeated probing is throttled and audited', async () => {
    // Its own refusals, so it reads the same whichever tests ran before: two lookups, a duplicate, an import.
    const counted = async () =>
      Object.fromEntries(
        await Promise.all(
          ['LOOKUP_ID_NUMBER_REFUSED', 'DUPLICATE_ID_NUMBER_REFUSED', 'IMPORT_DUPLICATE_ID_NUMBER_REFUSED'].map(
            async (action) => [action, (await audit(action)).length] as const,
          ),
        ),
      );
    const before = await counted();
    for (const n of [JINJIANG_HEAD, NOWHERE]) await system.queryAs(tokens.caseworker, FIND, { n });
    await system.queryAs(tokens.caseworker, CREATE, {
      input: {
        jurisdictionCode: xiangfen.township,
        members: [{ name: '陈某', sex: 'MALE', relationshipToHead: 'SELF', idNumber: JINJIANG_HEAD }],
      },
    });
    await importAs(tokens.caseworker, {
      input: {
        fileName: '猜号.csv',
        format: 'CSV',
        dryRun: false,
        contentBase64: csv([['M1', xiangfen.township, '陈某', '男', '户主', JINJIANG_HEAD, '', '']]),
      },
    });
    const after = await counted();
    expect(after.LOOKUP_ID_NUMBER_REFUSED - before.LOOKUP_ID_NUMBER_REFUSED).toBe(2);
    expect(after.DUPLICATE_ID_NUMBER_REFUSED - before.DUPLICATE_ID_NUMBER_REFUSED).toBe(1);
    expect(after.IMPORT_DUPLICATE_ID_NUMBER_REFUSED - before.IMPORT_DUPLICATE_ID_NUMBER_REFUSED).toBe(1);
    const refusedLookups = await audit('LOOKUP_ID_NUMBER_REFUSED');
    expect(refusedLookups[0]).toMatchObject({ entity_type: 'IdNumberHash' });
    expect(refusedLookups[0].actor_id).toBeTruthy();
    const everything = JSON.stringify(
      await system.subgraphs.households.orm.em.getConnection().execute('select * from households_audit.audit_event'),
    );
    for (const secret of [JINJIANG_HEAD, NOWHERE, HEAD]) expect(everything).not.toContain(secret);

    // The 晋江 administrator probes 20 numbers of 襄汾: the 21st refusal and every later lookup is throttled.
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 22; i++) {
      const guess = idNumber(`14102319800101${100 + i}`);
      answers.push(
        (await system.queryAs(tokens.otherAdmin, FIND, { n: guess })).errors?.[0].extensions?.code as string,
      );
    }
    expect(answers.slice(0, 20)).toEqual(Array(20).fill('NOT_FOUND'));
    expect(answers.slice(20)).toEqual(['LIMIT_EXCEEDED', 'LIMIT_EXCEEDED']);
    const throttled = await system.queryAs(tokens.otherAdmin, FIND, { n: JINJIANG_HEAD });
    expect(throttled.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(throttled.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await audit('ID_NUMBER_PROBE_THROTTLED')).length).toBeGreaterThanOrEqual(3);
    // Another account is not held back by it.
    expect(
      (await system.queryAs(tokens.otherCaseworker, FIND, { n: JINJIANG_HEAD })).data!.personByIdNumber,
    ).toBeTruthy();
  });
});
