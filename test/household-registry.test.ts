import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@doudi/shared';
import { startSystem, type System } from './support/system.js';
import { clientToken, createClient, createStaff, twoCounties, type CountyFixture } from './support/two-counties.js';

let system: System;
let counties: { xiangfen: CountyFixture; jinjiang: CountyFixture };
let tokens: { xiangfenWorker: string; jinjiangWorker: string; police: string };

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id version members { nodes { id version } } } } }`;
const UPDATE_HOUSEHOLD = `mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { version povertyMonitoringStatus } } }`;
const UPDATE_PERSON = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { version schoolingStage } } }`;

beforeAll(async () => {
  system = await startSystem();
  counties = await twoCounties(system);
  await createStaff(system, {
    organisationId: counties.xiangfen.townshipGovernmentId,
    username: 'xf.worker',
    displayName: '经办人',
    password: 'caseworker-pass',
    roles: ['CASEWORKER'],
  });
  await createStaff(system, {
    organisationId: counties.jinjiang.townshipGovernmentId,
    username: 'jj.worker',
    displayName: '经办人',
    password: 'caseworker-pass',
    roles: ['CASEWORKER'],
  });
  const police = await createClient(system, {
    organisationId: counties.xiangfen.policeId,
    name: '公安系统',
    scopes: ['HOUSEHOLDS_READ', 'HOUSEHOLDS_WRITE'],
  });
  tokens = {
    xiangfenWorker: await system.signIn('xf.worker', 'caseworker-pass'),
    jinjiangWorker: await system.signIn('jj.worker', 'caseworker-pass'),
    police: await clientToken(system, police),
  };
});
afterAll(() => system?.stop());

describe('a relocated family (河鱼府发【2021】39号 二(二): the residence discovers, the hukou place decides)', () => {
  it('is visible to the caseworkers of both its hukou place and its place of residence, and to no one else', async () => {
    const created = await system.queryAs(tokens.xiangfenWorker, CREATE, {
      input: {
        jurisdictionCode: counties.xiangfen.township,
        residenceJurisdictionCode: counties.jinjiang.township,
        hukouType: 'RURAL',
        members: [{ name: '外出务工户主', sex: 'MALE', relationshipToHead: 'SELF' }],
      },
    });
    const id = created.data!.createHousehold.household.id;
    const READ = `query($id: ID!) { household(id: $id) { hukouType jurisdiction { code } residence { code } } }`;
    expect((await system.queryAs(tokens.xiangfenWorker, READ, { id })).data!.household).toEqual({
      hukouType: 'RURAL',
      jurisdiction: { code: counties.xiangfen.township },
      residence: { code: counties.jinjiang.township },
    });
    expect((await system.queryAs(tokens.jinjiangWorker, READ, { id })).errors).toBeUndefined();
    const jinjiangList = await system.queryAs(tokens.jinjiangWorker, `{ households { nodes { id } } }`);
    expect(jinjiangList.data!.households.nodes.map((h: { id: string }) => h.id)).toContain(id);
  });
});

describe('the facts programmes read', () => {
  it('show health and disability to the caseworker but not to the police', async () => {
    const created = await system.queryAs(tokens.xiangfenWorker, CREATE, {
      input: {
        jurisdictionCode: counties.xiangfen.township,
        members: [
          {
            name: '残疾户主',
            sex: 'FEMALE',
            relationshipToHead: 'SELF',
            disabilityCategory: 'PHYSICAL',
            disabilityGrade: 2,
            hasDisabilityCertificate: true,
            chronicIllness: true,
            workAbility: 'PARTIAL',
          },
        ],
      },
    });
    const id = created.data!.createHousehold.household.id;
    const READ = `query($id: ID!) { household(id: $id) { members { nodes { workAbility health { disabilityCategory disabilityGrade chronicIllness } } } } }`;
    expect((await system.queryAs(tokens.xiangfenWorker, READ, { id })).data!.household.members.nodes[0]).toEqual({
      workAbility: 'PARTIAL',
      health: { disabilityCategory: 'PHYSICAL', disabilityGrade: 2, chronicIllness: true },
    });
    expect((await system.queryAs(tokens.police, READ, { id })).data!.household.members.nodes[0]).toEqual({
      workAbility: 'PARTIAL',
      health: null,
    });
  });

  it('refuse a disability grade without a category and an adult recorded as an orphan', async () => {
    const attempt = (member: Record<string, unknown>) =>
      system.queryAs(tokens.xiangfenWorker, CREATE, {
        input: {
          jurisdictionCode: counties.xiangfen.township,
          members: [{ name: '某', sex: 'MALE', relationshipToHead: 'SELF', ...member }],
        },
      });
    expect((await attempt({ disabilityGrade: 3 })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.members.0.disabilityCategory',
    });
    expect((await attempt({ birthDate: '1990-01-01', orphan: true })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.members.0.orphan',
    });
  });
});

describe('support obligors outside the household', () => {
  it('are recorded with their duty and whether they can meet it (临社救办发〔2015〕3号 二(二))', async () => {
    const created = await system.queryAs(tokens.xiangfenWorker, CREATE, {
      input: {
        jurisdictionCode: counties.xiangfen.township,
        members: [{ name: '独居老人', sex: 'FEMALE', birthDate: '1948-02-02', relationshipToHead: 'SELF' }],
      },
    });
    const householdId = created.data!.createHousehold.household.id;
    const added = await system.queryAs(
      tokens.xiangfenWorker,
      `mutation($input: AddSupportObligorInput!) { addSupportObligor(input: $input) { obligor { id } } }`,
      {
        input: {
          householdId,
          name: '张某',
          relationship: '长子',
          duty: 'ELDER_SUPPORT',
          ableToSupport: false,
          note: '长期重病',
        },
      },
    );
    expect(added.errors).toBeUndefined();
    const read = await system.queryAs(
      tokens.xiangfenWorker,
      `query($id: ID!) { household(id: $id) { obligors { relationship duty ableToSupport } } }`,
      { id: householdId },
    );
    expect(read.data!.household.obligors).toEqual([
      { relationship: '长子', duty: 'ELDER_SUPPORT', ableToSupport: false },
    ]);
    const elsewhere = await system.queryAs(
      tokens.jinjiangWorker,
      `mutation($input: AddSupportObligorInput!) { addSupportObligor(input: $input) { obligor { id } } }`,
      {
        input: { householdId, name: '李某', relationship: '次子', duty: 'ELDER_SUPPORT', ableToSupport: true },
      },
    );
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('history', () => {
  it('keeps every change with who, when and from which source, and reads the household as of a past day', async () => {
    const created = await system.queryAs(tokens.xiangfenWorker, CREATE, {
      input: {
        jurisdictionCode: counties.xiangfen.township,
        source: '入户核查',
        members: [
          {
            name: '学生',
            sex: 'MALE',
            birthDate: '2010-05-01',
            relationshipToHead: 'SELF',
            schoolingStage: 'JUNIOR_SECONDARY',
          },
        ],
      },
    });
    const household = created.data!.createHousehold.household;
    const member = household.members.nodes[0];
    const today = shanghaiDate();

    const updated = await system.queryAs(tokens.xiangfenWorker, UPDATE_PERSON, {
      input: { id: member.id, version: member.version, schoolingStage: 'SENIOR_SECONDARY', source: '教育部门推送' },
    });
    expect(updated.data!.updatePerson.person).toEqual({
      version: member.version + 1,
      schoolingStage: 'SENIOR_SECONDARY',
    });
    const stale = await system.queryAs(tokens.xiangfenWorker, UPDATE_PERSON, {
      input: { id: member.id, version: member.version, schoolingStage: 'HIGHER' },
    });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });

    const monitored = await system.queryAs(tokens.xiangfenWorker, UPDATE_HOUSEHOLD, {
      input: {
        id: household.id,
        version: household.version,
        povertyMonitoringStatus: 'MARGINAL_AT_RISK',
        povertyMonitoringSource: '县农业农村局',
        povertyMonitoringSince: today,
        source: '防返贫监测系统推送',
      },
    });
    expect(monitored.data!.updateHousehold.household).toEqual({
      version: household.version + 1,
      povertyMonitoringStatus: 'MARGINAL_AT_RISK',
    });

    const history = await system.queryAs(
      tokens.xiangfenWorker,
      `query($id: ID!) { householdHistory(id: $id) { entityType source changedById changes { field from to } } }`,
      { id: household.id },
    );
    const sources = history.data!.householdHistory.map((c: { source: string }) => c.source);
    expect(sources).toEqual(['入户核查', '入户核查', '教育部门推送', '防返贫监测系统推送']);
    const schooling = history.data!.householdHistory[2];
    expect(schooling.changes).toEqual([
      { field: 'schoolingStage', from: '"JUNIOR_SECONDARY"', to: '"SENIOR_SECONDARY"' },
    ]);
    expect(schooling.changedById).toBeTruthy();

    const AS_OF = `query($id: ID!, $date: Date!) { householdAsOf(id: $id, date: $date) { household { povertyMonitoringStatus } members { name schoolingStage } } }`;
    const now = await system.queryAs(tokens.xiangfenWorker, AS_OF, { id: household.id, date: today });
    expect(now.data!.householdAsOf).toEqual({
      household: { povertyMonitoringStatus: 'MARGINAL_AT_RISK' },
      members: [{ name: '学生', schoolingStage: 'SENIOR_SECONDARY' }],
    });
    const before = await system.queryAs(tokens.xiangfenWorker, AS_OF, { id: household.id, date: '2020-01-01' });
    expect(before.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('reads the facts a past decision saw: changes made later are not in the as-of view', async () => {
    const em = system.subgraphs.households.orm.em.fork();
    const created = await system.queryAs(tokens.xiangfenWorker, CREATE, {
      input: {
        jurisdictionCode: counties.xiangfen.township,
        members: [{ name: '务工人员', sex: 'MALE', relationshipToHead: 'SELF', employmentStatus: 'EMPLOYED' }],
      },
    });
    const household = created.data!.createHousehold.household;
    // The registration happened "last year": move its history rows back, as if recorded then.
    await em
      .getConnection()
      .execute(`update household_change set changed_at = '2025-03-01T02:00:00Z' where household_id = ?`, [
        household.id,
      ]);
    const member = household.members.nodes[0];
    await system.queryAs(tokens.xiangfenWorker, UPDATE_PERSON, {
      input: { id: member.id, version: member.version, employmentStatus: 'UNEMPLOYED', source: '人社部门推送' },
    });
    const AS_OF = `query($id: ID!, $date: Date!) { householdAsOf(id: $id, date: $date) { members { employmentStatus } } }`;
    expect(
      (await system.queryAs(tokens.xiangfenWorker, AS_OF, { id: household.id, date: '2025-06-30' })).data!.householdAsOf
        .members,
    ).toEqual([{ employmentStatus: 'EMPLOYED' }]);
    const today = shanghaiDate();
    expect(
      (await system.queryAs(tokens.xiangfenWorker, AS_OF, { id: household.id, date: today })).data!.householdAsOf
        .members,
    ).toEqual([{ employmentStatus: 'UNEMPLOYED' }]);
  });
});
