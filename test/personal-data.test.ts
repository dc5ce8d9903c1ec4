import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '@doudi/shared';
import { startSystem, type System } from './support/system.js';
import { createStaff, twoCounties, type CountyFixture } from './support/two-counties.js';

/** Issue 4 point 4 and docs/architecture.md, Security model: ID and phone numbers sealed, masked by default, revealed with an audit trail. */
const idNumber = (first17: string) => first17 + checkCharacter(first17);
const MOTHER = idNumber('14102319790314002'); // sample numbers: female, born 1979-03-14
const SON = idNumber('14102320120902001');

let system: System;
let xiangfen: CountyFixture;
let tokens: { admin: string; caseworker: string; otherAdmin: string };
let householdId: string;
let motherId: string;

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id members { nodes { id name idNumber phone birthDate } } } } }`;
const REVEAL = `mutation($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { value } }`;

beforeAll(async () => {
  system = await startSystem();
  const counties = await twoCounties(system);
  xiangfen = counties.xiangfen;
  await createStaff(system, {
    organisationId: xiangfen.civilAffairsId,
    username: 'xf.admin',
    displayName: '管理员',
    password: 'county-admin-pass',
    roles: ['JURISDICTION_ADMIN'],
  });
  await createStaff(system, {
    organisationId: xiangfen.townshipGovernmentId,
    username: 'xf.worker',
    displayName: '经办人',
    password: 'caseworker-pass',
    roles: ['CASEWORKER'],
  });
  await createStaff(system, {
    organisationId: counties.jinjiang.civilAffairsId,
    username: 'jj.admin',
    displayName: '管理员',
    password: 'county-admin-pass',
    roles: ['JURISDICTION_ADMIN'],
  });
  tokens = {
    admin: await system.signIn('xf.admin', 'county-admin-pass'),
    caseworker: await system.signIn('xf.worker', 'caseworker-pass'),
    otherAdmin: await system.signIn('jj.admin', 'county-admin-pass'),
  };
  const created = await system.queryAs(tokens.caseworker, CREATE, {
    input: {
      jurisdictionCode: xiangfen.township,
      members: [
        { name: '王秀兰', sex: 'FEMALE', relationshipToHead: 'SELF', idNumber: MOTHER, phone: '138 1234 5678' },
        { name: '李明', sex: 'MALE', relationshipToHead: 'CHILD', idNumber: SON.toLowerCase() },
      ],
    },
  });
  expect(created.errors).toBeUndefined();
  householdId = created.data!.createHousehold.household.id;
  motherId = created.data!.createHousehold.household.members.nodes[0].id;
});
afterAll(() => system?.stop());

describe('ID and phone numbers', () => {
  it('read masked by default, with the birth date taken from the ID number', async () => {
    const read = await system.queryAs(
      tokens.caseworker,
      `query($id: ID!) { household(id: $id) { members { nodes { idNumber phone birthDate } } } }`,
      { id: householdId },
    );
    expect(read.data!.household.members.nodes).toEqual([
      { idNumber: `141023********${MOTHER.slice(14)}`, phone: '138****5678', birthDate: '1979-03-14' },
      { idNumber: `141023********${SON.slice(14)}`, phone: null, birthDate: '2012-09-02' },
    ]);
  });

  it('are stored sealed: the database holds neither the number nor the phone in the clear', async () => {
    const rows = await system.subgraphs.households.orm.em
      .getConnection()
      .execute(`select * from person where id = ?`, [motherId]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(MOTHER.slice(6, 14));
    expect(stored).not.toContain('13812345678');
  });

  it('are revealed to the county administrator for a stated purpose, and every reveal is audited', async () => {
    const revealed = await system.queryAs(tokens.admin, REVEAL, {
      input: { personId: motherId, field: 'ID_NUMBER', purpose: '核对身份以办理临时救助' },
    });
    expect(revealed.data!.revealPersonalData.value).toBe(MOTHER);
    const phone = await system.queryAs(tokens.admin, REVEAL, {
      input: { personId: motherId, field: 'PHONE', purpose: '电话回访' },
    });
    expect(phone.data!.revealPersonalData.value).toBe('13812345678');
    const audit = await system.subgraphs.households.orm.em
      .getConnection()
      .execute(
        `select action, entity_id, purpose, actor_kind from households_audit.audit_event where entity_id = ? order by id`,
        [motherId],
      );
    expect(audit).toEqual([
      { action: 'REVEAL_ID_NUMBER', entity_id: motherId, purpose: '核对身份以办理临时救助', actor_kind: 'STAFF' },
      { action: 'REVEAL_PHONE', entity_id: motherId, purpose: '电话回访', actor_kind: 'STAFF' },
    ]);
  });

  it('list their reveals on the household (the audit log through the API) to those who may reveal, not to a caseworker', async () => {
    const REVEALS = `query($id: ID!) { household(id: $id) { reveals { personId field purpose actorKind actorId } } }`;
    const purpose = '核对身份以办理临时救助（查看记录）';
    await system.queryAs(tokens.admin, REVEAL, { input: { personId: motherId, field: 'ID_NUMBER', purpose } });
    const seen = await system.queryAs(tokens.admin, REVEALS, { id: householdId });
    expect(seen.errors).toBeUndefined();
    const reveals = seen.data!.household.reveals as { purpose: string; actorId: string }[];
    // Most recent first: the reveal just made heads the list, with who made it.
    expect(reveals[0]).toMatchObject({ personId: motherId, field: 'ID_NUMBER', purpose, actorKind: 'STAFF' });
    expect(reveals[0].actorId).toEqual(expect.any(String));
    const toCaseworker = await system.queryAs(tokens.caseworker, REVEALS, { id: householdId });
    expect(toCaseworker.errors).toBeUndefined();
    expect(toCaseworker.data!.household.reveals).toBeNull();
  });

  it('are not revealed to a caseworker, to another county, or without a purpose', async () => {
    const input = { personId: motherId, field: 'ID_NUMBER', purpose: '核对身份以办理临时救助' };
    expect((await system.queryAs(tokens.caseworker, REVEAL, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await system.queryAs(tokens.otherAdmin, REVEAL, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const noPurpose = await system.queryAs(tokens.admin, REVEAL, { input: { ...input, purpose: ' ' } });
    expect(noPurpose.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purpose' });
  });

  it('find a person by the full number within the jurisdiction; another county hears NOT_FOUND', async () => {
    const FIND = `query($n: String!) { personByIdNumber(idNumber: $n) { name idNumber } }`;
    expect((await system.queryAs(tokens.caseworker, FIND, { n: MOTHER })).data!.personByIdNumber).toEqual({
      name: '王秀兰',
      idNumber: `141023********${MOTHER.slice(14)}`,
    });
    expect((await system.queryAs(tokens.otherAdmin, FIND, { n: MOTHER })).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuse a second person with the same number with CONFLICT naming the existing record', async () => {
    const again = await system.queryAs(tokens.caseworker, CREATE, {
      input: {
        jurisdictionCode: xiangfen.township,
        members: [{ name: '王秀兰', sex: 'FEMALE', relationshipToHead: 'SELF', idNumber: MOTHER }],
      },
    });
    expect(again.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      existingPersonId: motherId,
      existingHouseholdId: householdId,
    });
  });

  it('let only one of two simultaneous registrations of a new number through', async () => {
    const fresh = idNumber('14102319880101003');
    const input = {
      jurisdictionCode: xiangfen.township,
      members: [{ name: '张三', sex: 'MALE', relationshipToHead: 'SELF', idNumber: fresh }],
    };
    const results = await Promise.all([
      system.queryAs(tokens.caseworker, CREATE, { input }),
      system.queryAs(tokens.caseworker, CREATE, { input }),
    ]);
    expect(results.map((r) => (r.errors ? r.errors[0].extensions?.code : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
  });

  it('refuse a mistyped number, and one that contradicts the birth date or sex given, naming the field', async () => {
    const typo = `${MOTHER.slice(0, 17)}${MOTHER[17] === '0' ? '1' : '0'}`;
    const attempt = (member: Record<string, unknown>) =>
      system.queryAs(tokens.caseworker, CREATE, {
        input: {
          jurisdictionCode: xiangfen.township,
          members: [{ name: '某', relationshipToHead: 'SELF', ...member }],
        },
      });
    expect((await attempt({ sex: 'FEMALE', idNumber: typo })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.members.0.idNumber',
    });
    expect((await attempt({ sex: 'MALE', idNumber: MOTHER })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.members.0.sex',
    });
    expect(
      (await attempt({ sex: 'FEMALE', idNumber: MOTHER, birthDate: '1979-03-15' })).errors?.[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.members.0.birthDate' });
    expect((await attempt({ sex: 'FEMALE', phone: '12345' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.members.0.phone',
    });
  });
});
