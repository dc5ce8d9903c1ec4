import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import type { SubgraphName } from '@doudi/shared';
import { startSystem, type System } from '../support/system.js';
import { attempt, codeOf, step, type Data } from '../support/steps.js';

// Every retry is safe (issue 18 item 3; docs/idempotency.md): a client that lost the answer to a create sends it
// again with the same idempotencyKey and gets the first result, with one row in the database; the same key with
// another input is CONFLICT and writes nothing.

let system: System;
const tokens: Record<'admin' | 'caseworker' | 'approver' | 'police' | 'procurator', string> = {} as never;
const o = demo.organisations;
const [family] = demo.households;
const [, dibao, , , , temporary] = demo.programmes;
const [policeCase] = demo.cases;

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  tokens.caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.approver = await system.signIn('xincheng.approver', demo.DEMO_PASSWORD);
  tokens.police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
  tokens.procurator = await system.signIn('jinjiang.procurator', demo.DEMO_PASSWORD);
});
afterAll(() => system?.stop());

/** How many rows a subgraph's table holds (where `where` holds), read straight from the database. */
async function rows(subgraph: SubgraphName, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await system.subgraphs[subgraph].orm.em.fork().getConnection().execute(sql, params);
  return Number(Object.values(row)[0]);
}

interface Retry {
  /** null: the system operator. */
  token: string | null;
  name: string;
  selection: string;
  input: Data;
  /** A change of input that makes it another request. */
  other: Data;
  /** The id of what the call created, from its payload. */
  id: (payload: Data) => string;
  /** How many rows the call creates are there now. */
  count: () => Promise<number>;
}

/**
 * The call, then the same call again as a client sends it after losing the answer, then the same key with another
 * input: one row, the same answer twice, and CONFLICT. Answers both payloads for more checks.
 */
async function retried(retry: Retry) {
  const idempotencyKey = `retry-${retry.name}-${randomUUID()}`;
  const input = { ...retry.input, idempotencyKey };
  const before = await retry.count();
  const first = await step(system, retry.token, retry.name, retry.selection, input);
  const again = await step(system, retry.token, retry.name, retry.selection, input);
  expect(retry.id(again)).toBe(retry.id(first));
  expect(await retry.count()).toBe(before + 1);
  const other = await attempt(system, retry.token, retry.name, retry.selection, { ...input, ...retry.other });
  expect(codeOf(other), JSON.stringify(other.errors)).toBe('CONFLICT');
  expect(other.errors?.[0].extensions?.field).toBe('idempotencyKey');
  expect(await retry.count()).toBe(before + 1);
  return { first, again };
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

describe('organisations: a retried create answers the first record', () => {
  it('registers a division once when createJurisdiction is retried', async () => {
    await retried({
      token: null,
      name: 'createJurisdiction',
      selection: 'jurisdiction { code }',
      input: { code: '141023101000', name: '新城镇二', parentCode: '141023000000' },
      other: { name: '新城镇三' },
      id: (p) => p.jurisdiction.code,
      count: () => rows('organisations', `select count(*) from jurisdiction where code = '141023101000'`),
    });
  });

  it('registers an organisation once when createOrganisation is retried', async () => {
    await retried({
      token: null,
      name: 'createOrganisation',
      selection: 'organisation { id }',
      input: { name: '襄汾县医疗保障局', kind: 'MEDICAL_SECURITY', jurisdictionCode: '141023000000' },
      other: { name: '襄汾县医疗保障局（重复）' },
      id: (p) => p.organisation.id,
      count: () => rows('organisations', 'select count(*) from organisation'),
    });
  });

  it('creates a staff account once when createStaffAccount is retried with the same password', async () => {
    const input = {
      organisationId: o.xiangfenCivilAffairs.id,
      username: 'retry.clerk',
      displayName: '重试经办人',
      password: 'retry-clerk-pass-2026',
      roles: ['CASEWORKER'],
    };
    const { first } = await retried({
      token: tokens.admin,
      name: 'createStaffAccount',
      selection: 'account { id username }',
      input,
      other: { displayName: '另一个经办人' },
      id: (p) => p.account.id,
      count: () => rows('organisations', `select count(*) from staff_account where username = 'retry.clerk'`),
    });
    expect(first.account.username).toBe('retry.clerk');
    // The password is not kept with the key: a retry with another one is another request.
    const key = `retry-password-${randomUUID()}`;
    await step(system, tokens.admin, 'createStaffAccount', 'account { id }', {
      ...input,
      username: 'retry.clerk2',
      idempotencyKey: key,
    });
    const otherPassword = await attempt(system, tokens.admin, 'createStaffAccount', 'account { id }', {
      ...input,
      username: 'retry.clerk2',
      password: 'another-pass-2026',
      idempotencyKey: key,
    });
    expect(codeOf(otherPassword)).toBe('CONFLICT');
    expect(await system.signIn('retry.clerk2', input.password)).toBeTruthy();
  });

  it('registers an API client once when createApiClient is retried, and never issues its secret twice', async () => {
    const { first, again } = await retried({
      token: tokens.admin,
      name: 'createApiClient',
      selection: 'client { id } clientSecret',
      input: { organisationId: o.xiangfenPolice.id, name: '警务协同系统', scopes: ['CASES_READ'] },
      other: { name: '另一个系统' },
      id: (p) => p.client.id,
      count: () => rows('organisations', `select count(*) from api_client where name = '警务协同系统'`),
    });
    expect(first.clientSecret).toMatch(/^dds_/);
    expect(again.clientSecret).toBeNull();
    // The secret of the first answer is still the one that works.
    const token = await system.queryAs(
      null,
      `mutation($input: ClientCredentialsInput!) { issueClientToken(input: $input) { accessToken } }`,
      { input: { clientId: first.client.id, clientSecret: first.clientSecret } },
    );
    expect(token.errors).toBeUndefined();
  });
});

describe('households: a retried create answers the first record', () => {
  it('registers a household whose members have no ID number once when createHousehold is retried', async () => {
    await retried({
      token: tokens.caseworker,
      name: 'createHousehold',
      selection: 'household { id }',
      input: {
        jurisdictionCode: '141023100000',
        members: [{ name: '无证户主', sex: 'MALE', relationshipToHead: 'SELF' }],
      },
      other: { members: [{ name: '另一户主', sex: 'MALE', relationshipToHead: 'SELF' }] },
      id: (p) => p.household.id,
      count: () => rows('households', 'select count(*) from household'),
    });
  });

  it('adds a member without an ID number once when addHouseholdMember is retried', async () => {
    await retried({
      token: tokens.caseworker,
      name: 'addHouseholdMember',
      selection: 'person { id }',
      input: { householdId: family.id, person: { name: '李小明', sex: 'MALE', relationshipToHead: 'CHILD' } },
      other: { person: { name: '李小红', sex: 'FEMALE', relationshipToHead: 'CHILD' } },
      id: (p) => p.person.id,
      count: () => rows('households', 'select count(*) from person where household_id = ?', [family.id]),
    });
  });

  it('records a support obligor once when addSupportObligor is retried (临社救办发〔2015〕3号 二(二))', async () => {
    await retried({
      token: tokens.caseworker,
      name: 'addSupportObligor',
      selection: 'obligor { id }',
      input: {
        householdId: family.id,
        name: '王大明',
        relationship: '哥哥',
        duty: 'ELDER_SUPPORT',
        ableToSupport: false,
      },
      other: { ableToSupport: true },
      id: (p) => p.obligor.id,
      count: () => rows('households', 'select count(*) from support_obligor where household_id = ?', [family.id]),
    });
  });

  it('records a consent once when recordConsent is retried', async () => {
    await retried({
      token: tokens.caseworker,
      name: 'recordConsent',
      selection: 'consent { id }',
      input: { householdId: family.id, personId: family.members[0].id, purpose: 'PUBLICITY', scope: '村务公开栏公示' },
      other: { scope: '乡镇公开栏公示' },
      id: (p) => p.consent.id,
      count: () => rows('households', 'select count(*) from consent_record where household_id = ?', [family.id]),
    });
  });

  it('records a piece of property once when recordHouseholdAsset is retried', async () => {
    await retried({
      token: tokens.caseworker,
      name: 'recordHouseholdAsset',
      selection: 'asset { id }',
      input: {
        householdId: family.id,
        kind: 'VEHICLE',
        description: '三轮车一辆',
        value: '3000',
        assessedOn: '2026-10-01',
        source: '入户核查',
      },
      other: { value: '3500' },
      id: (p) => p.asset.id,
      count: () => rows('households', 'select count(*) from household_asset where household_id = ?', [family.id]),
    });
  });
});

describe('programmes: a retried create answers the first record', () => {
  it('creates a programme once when createProgramme is retried', async () => {
    await retried({
      token: tokens.admin,
      name: 'createProgramme',
      selection: 'programme { id }',
      input: {
        name: '襄汾县教育救助',
        kind: 'EDUCATION',
        jurisdictionCode: '141023000000',
        organisationId: o.xiangfenCivilAffairs.id,
      },
      other: { name: '襄汾县教育救助（二）' },
      id: (p) => p.programme.id,
      count: () => rows('programmes', 'select count(*) from programme'),
    });
  });

  it('queues one screening run when runScreening is retried', async () => {
    await retried({
      token: tokens.admin,
      name: 'runScreening',
      selection: 'run { id }',
      input: { jurisdictionCode: '141023000000', on: '2026-11-20' },
      other: { on: '2026-11-21' },
      id: (p) => p.run.id,
      count: () => rows('programmes', `select count(*) from screening_run where trigger = 'ON_DEMAND'`),
    });
  });

  it('proposes one benefit when grantBenefit is retried (临社救办发〔2015〕3号 二(八))', async () => {
    const household = await step(system, tokens.caseworker, 'createHousehold', 'household { id }', {
      jurisdictionCode: '141023100000',
      members: [{ name: '临救户主', sex: 'FEMALE', relationshipToHead: 'SELF' }],
    });
    const householdId = household.household.id;
    await retried({
      token: tokens.caseworker,
      name: 'grantBenefit',
      selection: 'benefit { id }',
      input: { programmeId: temporary.id, householdId, amount: '800', grantedOn: '2026-10-09' },
      other: { amount: '900' },
      id: (p) => p.benefit.id,
      count: () => rows('programmes', 'select count(*) from benefit where household_id = ?', [householdId]),
    });
  });

  it('records one objection when objectToBenefit is retried during the notice (临社救办发〔2015〕3号 二(一))', async () => {
    const household = await step(system, tokens.caseworker, 'createHousehold', 'household { id }', {
      jurisdictionCode: '141023100000',
      hukouType: 'RURAL',
      members: [
        { name: '低保户主', sex: 'FEMALE', birthDate: '1980-05-01', relationshipToHead: 'SELF' },
        { name: '低保子女', sex: 'MALE', birthDate: '2012-03-01', relationshipToHead: 'CHILD' },
      ],
    });
    const householdId = household.household.id;
    await step(system, tokens.caseworker, 'recordHouseholdIncome', 'household { id }', {
      householdId,
      month: '2026-09',
      source: '入户核查',
      amounts: [{ category: 'AGRICULTURE', amount: '600' }],
    });
    const { benefit } = await step(system, tokens.caseworker, 'grantBenefit', 'benefit { id version }', {
      programmeId: dibao.id,
      householdId,
      grantedOn: '2026-10-09',
      periodStart: '2026-11-01',
    });
    const approved = await step(system, tokens.admin, 'approveBenefit', 'benefit { status }', {
      benefitId: benefit.id,
      version: benefit.version,
      decidedOn: '2026-10-12',
    });
    expect(approved.benefit.status).toBe('IN_NOTICE');
    await retried({
      token: tokens.caseworker,
      name: 'objectToBenefit',
      selection: 'objection { id } benefit { id }',
      input: { benefitId: benefit.id, receivedOn: '2026-10-14', objection: '反映该户有子女在外务工收入' },
      other: { objection: '另一条异议' },
      id: (p) => p.objection.id,
      count: () => rows('programmes', 'select count(*) from benefit_objection where benefit_id = ?', [benefit.id]),
    });
  });
});

describe('cases: a retried create answers the first record', () => {
  it('opens one case when openCase is retried', async () => {
    await retried({
      token: tokens.police,
      name: 'openCase',
      selection: 'case { id }',
      input: {
        householdId: family.id,
        channel: 'NON_NATURAL_DEATH',
        summary: '重试开案',
        jurisdictionCode: '141023100000',
        leadOrganisationId: o.xiangfenPolice.id,
        receivedOn: '2026-11-02',
      },
      other: { summary: '另一案件' },
      id: (p) => p.case.id,
      count: () => rows('cases', 'select count(*) from hardship_case where household_id = ?', [family.id]),
    });
  });

  it('sends one referral when createReferral is retried (襄政办发〔2023〕26号 七(三))', async () => {
    await retried({
      token: tokens.police,
      name: 'createReferral',
      selection: 'referral { id }',
      input: {
        caseId: policeCase.id,
        fromOrganisationId: o.xiangfenPolice.id,
        toOrganisationId: o.xiangfenEducation.id,
        kind: 'EDUCATION_AID',
        sentOn: '2026-10-21',
      },
      other: { sentOn: '2026-10-22' },
      id: (p) => p.referral.id,
      count: () => rows('cases', 'select count(*) from referral where case_id = ?', [policeCase.id]),
    });
  });

  it('arranges one follow-up when scheduleFollowUp is retried', async () => {
    await retried({
      token: tokens.police,
      name: 'scheduleFollowUp',
      selection: 'followUp { id }',
      input: { caseId: policeCase.id, organisationId: o.xiangfenCivilAffairs.id, dueOn: '2027-01-15' },
      other: { dueOn: '2027-01-16' },
      id: (p) => p.followUp.id,
      count: () => rows('cases', 'select count(*) from follow_up where case_id = ?', [policeCase.id]),
    });
  });

  it('starts one public notice, then records one objection, when startPublicNotice and recordObjection are retried', async () => {
    // 襄政办发〔2023〕26号 八(五): publicity needs the family's consent.
    await step(system, tokens.caseworker, 'recordConsent', 'consent { id }', {
      householdId: family.id,
      personId: family.members[0].id,
      purpose: 'PUBLICITY',
      scope: '在村务公开栏公示拟救助类别',
    });
    const version = (
      await system.queryAs(tokens.police, `query($id: ID!) { case(id: $id) { version } }`, { id: policeCase.id })
    ).data!.case.version;
    const startsOn = today();
    const { first } = await retried({
      token: tokens.police,
      name: 'startPublicNotice',
      selection: 'notice { id }',
      input: { caseId: policeCase.id, version, startsOn, days: 7, content: '拟给予临时救助，公示七天' },
      other: { days: 5 },
      id: (p) => p.notice.id,
      count: () => rows('cases', 'select count(*) from public_notice where case_id = ?', [policeCase.id]),
    });
    const noticeId = first.notice.id;
    await retried({
      token: tokens.police,
      name: 'recordObjection',
      selection: 'notice { id objections { content } }',
      input: { noticeId, receivedOn: startsOn, content: '邻居反映该户另有收入' },
      other: { content: '另一条异议' },
      id: (p) => p.notice.id,
      count: () =>
        rows('cases', 'select jsonb_array_length(objections::jsonb) from public_notice where id = ?', [noticeId]),
    });
  });
});
