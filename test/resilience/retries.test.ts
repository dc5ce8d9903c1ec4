import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { checkCharacter, type SubgraphName } from '@doudi/shared';
import { graphql } from '@doudi/shared/testing';
import { xiangfenJointMeeting } from '../../subgraphs/organisations/src/joint-meeting/joint-meeting.demo.js';
import { startSystem, type System } from '../support/system.js';
import { attempt, codeOf, step, type Data } from '../support/steps.js';

// Every retry is safe (issue 18 item 3; docs/idempotency.md): a client that lost the answer to a create sends it
// again with the same idempotencyKey and gets the first result, with one row in the database; the same key with
// another input is CONFLICT and writes nothing.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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

const idNumber = (first17: string) => first17 + checkCharacter(first17);
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

describe('joint meetings: a retried create answers the first record (襄政办发〔2023〕26号 附件1)', () => {
  const meetingId = xiangfenJointMeeting.meeting.id;
  const lastYear = Number(today().slice(0, 4)) - 1;

  it('sets up one joint meeting when createJointMeeting is retried', async () => {
    const office = await step(system, null, 'createOrganisation', 'organisation { id }', {
      name: '周村区民政局',
      kind: 'CIVIL_AFFAIRS',
      jurisdictionCode: '370306000000',
    });
    await retried({
      token: null,
      name: 'createJointMeeting',
      selection: 'jointMeeting { id }',
      input: {
        name: '周村区救急难工作联席会议',
        jurisdictionCode: '370306000000',
        officeOrganisationId: office.organisation.id,
      },
      other: { name: '周村区另一个联席会议' },
      id: (p) => p.jointMeeting.id,
      count: () => rows('organisations', `select count(*) from joint_meeting where jurisdiction_code = '370306000000'`),
    });
  });

  it('adds a member unit once when addJointMeetingMember is retried', async () => {
    const unit = await step(system, null, 'createOrganisation', 'organisation { id }', {
      name: '襄汾县住房和城乡建设管理局',
      kind: 'HOUSING',
      jurisdictionCode: '141023000000',
    });
    await retried({
      token: tokens.admin,
      name: 'addJointMeetingMember',
      selection: 'member { id }',
      input: { meetingId, organisationId: unit.organisation.id, liaisonName: '联络员乙' },
      other: { liaisonName: '联络员丙' },
      id: (p) => p.member.id,
      count: () =>
        rows('organisations', 'select count(*) from joint_meeting_member where organisation_id = ?', [
          unit.organisation.id,
        ]),
    });
  });

  it('takes a member unit’s yearly report once when submitMemberAnnualReport is retried', async () => {
    await retried({
      token: tokens.admin,
      name: 'submitMemberAnnualReport',
      selection: 'annualReport { id }',
      input: { meetingId, organisationId: o.xiangfenCivilAffairs.id, year: lastYear, summary: '全年办理转介若干件' },
      other: { summary: '另一份报告' },
      id: (p) => p.annualReport.id,
      count: () => rows('organisations', 'select count(*) from member_annual_report where meeting_id = ?', [meetingId]),
    });
  });

  it('records one session, then approves the year’s summary once, when recordJointMeetingSession and approveAnnualSummary are retried', async () => {
    const { first } = await retried({
      token: tokens.admin,
      name: 'recordJointMeetingSession',
      selection: 'session { id }',
      input: { meetingId, kind: 'PLENARY', date: `${lastYear + 1}-01-15`, title: `${lastYear}年度全体会议` },
      other: { title: '另一次会议' },
      id: (p) => p.session.id,
      count: () =>
        rows('organisations', 'select count(*) from joint_meeting_session where meeting_id = ?', [meetingId]),
    });
    await retried({
      token: tokens.admin,
      name: 'approveAnnualSummary',
      selection: 'annualSummary { status }',
      input: { meetingId, year: lastYear, sessionId: first.session.id },
      other: { year: lastYear - 1 },
      id: (p) => p.annualSummary.status,
      count: () => rows('organisations', 'select count(*) from annual_summary where meeting_id = ?', [meetingId]),
    });
  });
});

describe('more creates of households, programmes and cases: a retry answers the first record', () => {
  it('imports a village list once when importHouseholds is retried', async () => {
    const file = [
      ['户编号', '户籍地区划代码', '姓名', '性别', '与户主关系'],
      ['R1', '141023100000', '导入户主', '男', '户主'],
      ['R1', '141023100000', '导入子女', '女', '子女'],
    ];
    const input = {
      fileName: '重试.csv',
      format: 'CSV',
      dryRun: false,
      contentBase64: Buffer.from(file.map((r) => r.join(',')).join('\r\n')).toString('base64'),
      idempotencyKey: `retry-import-${randomUUID()}`,
    };
    const IMPORT = `mutation($input: ImportHouseholdsInput!) { importHouseholds(input: $input) { imported households fileSha256 } }`;
    const importAs = (sent: Data) =>
      graphql<Data>(
        system.gateway.url.replace(/\/graphql$/, '/graphql/import'),
        IMPORT,
        { input: sent },
        {
          authorization: `Bearer ${tokens.caseworker}`,
        },
      );
    const count = () => rows('households', `select count(*) from person where name = '导入户主'`);
    const first = await importAs(input);
    expect(first.errors).toBeUndefined();
    expect(first.data!.importHouseholds).toMatchObject({ imported: true, households: 1 });
    const again = await importAs(input);
    expect(again.data!.importHouseholds).toEqual(first.data!.importHouseholds);
    expect(await count()).toBe(1);
    const other = await importAs({
      ...input,
      contentBase64: Buffer.from(
        file
          .slice(0, 2)
          .map((r) => r.join(','))
          .join('\r\n'),
      ).toString('base64'),
    });
    expect(codeOf(other)).toBe('CONFLICT');
    expect(await count()).toBe(1);
  });

  it('takes a department’s batch once when pushDepartmentData is retried (河鱼府发【2021】39号 二(四))', async () => {
    const holder = idNumber('14102319700101002');
    await step(system, tokens.caseworker, 'createHousehold', 'household { id }', {
      jurisdictionCode: '141023100000',
      members: [{ name: '残联名单户主', sex: 'FEMALE', relationshipToHead: 'SELF', idNumber: holder }],
    });
    await retried({
      token: tokens.admin,
      name: 'pushDepartmentData',
      selection: 'push { id } written',
      input: {
        kind: 'DISABILITY',
        sourceOrganisationId: o.xiangfenCivilAffairs.id,
        asOf: '2026-11-01',
        dryRun: false,
        rows: [{ idNumber: holder, disabilityGrade: 2, disabilityCategory: 'PHYSICAL' }],
      },
      other: { asOf: '2026-11-02' },
      id: (p) => p.push.id,
      count: () => rows('households', 'select count(*) from data_push'),
    });
  });

  it('publishes one programme version when publishProgrammeVersion is retried', async () => {
    await retried({
      token: tokens.admin,
      name: 'publishProgrammeVersion',
      selection: 'version { id }',
      input: { programmeId: temporary.id, effectiveFrom: '2027-01-01', note: '2027 年度调整' },
      other: { note: '另一次调整' },
      id: (p) => p.version.id,
      count: () => rows('programmes', 'select count(*) from programme_version where programme_id = ?', [temporary.id]),
    });
  });

  it('records one review when reviewBenefit is retried (临社救办发〔2015〕3号 二(一)(二))', async () => {
    const household = await step(system, tokens.caseworker, 'createHousehold', 'household { id }', {
      jurisdictionCode: '141023100000',
      members: [{ name: '复核户主', sex: 'FEMALE', relationshipToHead: 'SELF' }],
    });
    const granted = await step(system, tokens.caseworker, 'grantBenefit', 'benefit { id version }', {
      programmeId: temporary.id,
      householdId: household.household.id,
      amount: '500',
      grantedOn: '2026-10-09',
    });
    const approved = await step(system, tokens.approver, 'approveBenefit', 'benefit { version }', {
      benefitId: granted.benefit.id,
      version: granted.benefit.version,
      decidedOn: '2026-10-10',
    });
    await step(system, tokens.approver, 'activateBenefit', 'benefit { version }', {
      benefitId: granted.benefit.id,
      version: approved.benefit.version,
      activeFrom: '2026-10-11',
    });
    const flagged = await step(system, tokens.caseworker, 'flagBenefitForReview', 'benefit { version }', {
      benefitId: granted.benefit.id,
      reason: '群众反映家庭情况变化',
    });
    await retried({
      token: tokens.approver,
      name: 'reviewBenefit',
      selection: 'review { id } benefit { id }',
      input: {
        benefitId: granted.benefit.id,
        version: flagged.benefit.version,
        outcome: 'CONTINUE',
        reason: '入户核查，情况属实',
      },
      other: { reason: '另一个理由' },
      id: (p) => p.review.id,
      count: () => rows('programmes', 'select count(*) from benefit_review where benefit_id = ?', [granted.benefit.id]),
    });
  });

  it('opens one case at the window when handToWindow is retried', async () => {
    // The police met the family first (首问) and hand it to the township's window.
    await retried({
      token: tokens.police,
      name: 'handToWindow',
      selection: 'case { id }',
      input: {
        householdId: family.id,
        windowOrganisationId: o.xinchengTownship.id,
        jurisdictionCode: '141023100000',
        summary: '突发重病，生活困难（首问）',
        receivedOn: '2026-11-16',
      },
      other: { summary: '另一件事' },
      id: (p) => p.case.id,
      count: () => rows('cases', `select count(*) from hardship_case where summary = '突发重病，生活困难（首问）'`),
    });
  });

  it('records one visit when recordVisit is retried (襄政办发〔2023〕26号 七(二))', async () => {
    const opened = await step(system, tokens.police, 'openCase', 'case { id }', {
      channel: 'NON_NATURAL_DEATH',
      householdId: family.id,
      jurisdictionCode: '141023000000',
      leadOrganisationId: o.xiangfenPolice.id,
      summary: '家庭成员非正常死亡（走访重试）',
      receivedOn: '2026-11-02',
    });
    const caseId = opened.case.id;
    const findings = ['EDUCATION', 'ELDERLY_CARE', 'MEDICAL', 'EMPLOYMENT', 'HOUSING', 'MENTAL_HEALTH'].map((area) => ({
      area,
      situation: '已了解',
      needsHelp: area === 'EDUCATION',
    }));
    await retried({
      token: tokens.police,
      name: 'recordVisit',
      selection: 'visit { id }',
      input: {
        caseId,
        visitedOn: '2026-11-03',
        visitorOrganisationIds: [o.xiangfenPolice.id],
        findings,
        referralRequested: true,
      },
      other: { visitedOn: '2026-11-04' },
      id: (p) => p.visit.id,
      count: () => rows('cases', 'select count(*) from case_visit where case_id = ?', [caseId]),
    });
  });

  it('records one payment made first when recordEmergencyPayment is retried (晋检发办字〔2023〕10号 第二十条)', async () => {
    const judicialCase = demo.cases[1];
    await retried({
      token: tokens.procurator,
      name: 'recordEmergencyPayment',
      selection: 'emergencyPayment { id }',
      input: { caseId: judicialCase.id, paidOn: '2026-11-20', amount: '1000' },
      other: { amount: '1200' },
      id: (p) => p.emergencyPayment.id,
      count: () => rows('cases', 'select count(*) from emergency_payment where case_id = ?', [judicialCase.id]),
    });
  });

  it('generates one letter and keeps one scan when generateCaseDocument and attachCaseMaterial are retried (襄政办发〔2023〕26号 附件2)', async () => {
    const opened = await step(system, tokens.police, 'openCase', 'case { id }', {
      channel: 'NON_NATURAL_DEATH',
      householdId: family.id,
      jurisdictionCode: '141023000000',
      leadOrganisationId: o.xiangfenPolice.id,
      summary: '家庭成员非正常死亡（文书重试）',
      receivedOn: '2026-11-02',
    });
    const caseId = opened.case.id;
    const documents = (kind: string) =>
      rows('cases', 'select count(*) from case_document where case_id = ? and kind = ?', [caseId, kind]);
    await retried({
      token: tokens.police,
      name: 'generateCaseDocument',
      selection: 'document { id documentNumber }',
      input: { caseId, kind: 'VISIT_LETTER' },
      other: { purpose: '另一用途的走访函' },
      id: (p) => p.document.id,
      count: () => documents('VISIT_LETTER'),
    });
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await retried({
      token: tokens.police,
      name: 'attachCaseMaterial',
      selection: 'document { id }',
      input: { caseId, kind: 'CERTIFICATE', fileName: '死亡证明.png', contentBase64: png },
      other: { fileName: '另一证明.png' },
      id: (p) => p.document.id,
      count: () => documents('CERTIFICATE'),
    });
  });

  it('files one township ledger, then one correction, when submitLedger and correctLedger are retried (河鱼府发【2021】39号 二(四))', async () => {
    const township = await system.signIn('heyu.caseworker', demo.DEMO_PASSWORD);
    const { first } = await retried({
      token: township,
      name: 'submitLedger',
      selection: 'ledger { id version }',
      input: { kind: 'TOWNSHIP', month: '2026-09', jurisdictionCode: '500229218000' },
      other: { month: '2026-08' },
      id: (p) => p.ledger.id,
      count: () => rows('cases', `select count(*) from ledger where month = '2026-09'`),
    });
    await retried({
      token: township,
      name: 'correctLedger',
      selection: 'ledger { id }',
      input: { ledgerId: first.ledger.id, version: first.ledger.version, reason: '原报送时遗漏办结情况' },
      other: { reason: '另一个原因' },
      id: (p) => p.ledger.id,
      count: () => rows('cases', 'select count(*) from ledger_revision where ledger_id = ?', [first.ledger.id]),
    });
  });
});

describe('the list of mutations and why a retry of each is safe (docs/idempotency.md)', () => {
  it('names every mutation of the four subgraphs, so a new one cannot come without its reason', () => {
    const documented = readFileSync(join(ROOT, 'docs', 'idempotency.md'), 'utf8');
    const listed = new Set([...documented.matchAll(/^\| `(\w+)`/gm)].map((m) => m[1]));
    const missing: string[] = [];
    for (const name of ['organisations', 'households', 'programmes', 'cases']) {
      const sdl = readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8').replace(/"""[\s\S]*?"""/g, '');
      const block = /type Mutation\s*\{([^}]*)\}/.exec(sdl)?.[1] ?? '';
      const mutations = [...block.matchAll(/^\s+(\w+)\(/gm)].map((m) => m[1]);
      expect(mutations.length, name).toBeGreaterThan(10);
      missing.push(...mutations.filter((m) => !listed.has(m)).map((m) => `${name}.${m}`));
    }
    expect(missing).toEqual([]);
  });
});

describe('early warnings: a retried visit answers the first record (河鱼府发【2021】39号 一、二)', () => {
  it('records one visit when recordEarlyWarningVisit is retried', async () => {
    const created = await step(system, tokens.caseworker, 'createHousehold', 'household { id version }', {
      jurisdictionCode: '141023100000',
      members: [{ name: '突发困难户主', sex: 'MALE', relationshipToHead: 'SELF' }],
    });
    const householdId = created.household.id;
    await step(system, tokens.caseworker, 'updateHousehold', 'household { id }', {
      id: householdId,
      version: created.household.version,
      povertyMonitoringStatus: 'SUDDEN_SEVERE_HARDSHIP',
      povertyMonitoringSince: '2026-10-01',
      povertyMonitoringSource: '乡村振兴局监测',
    });
    const WARNINGS = `query { earlyWarnings(jurisdictionCode: "141023100000", first: 100) { nodes { id household { id } } } }`;
    let warningId: string | undefined;
    for (let attempt = 0; attempt < 30 && !warningId; attempt++) {
      if (attempt % 10 === 0)
        await step(system, tokens.admin, 'runScreening', 'run { id }', { jurisdictionCode: '141023000000' });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const listed = await system.queryAs(tokens.caseworker, WARNINGS);
      warningId = listed.data?.earlyWarnings.nodes.find((w: Data) => w.household.id === householdId)?.id;
    }
    expect(warningId, 'the screening lists the household').toBeDefined();
    await retried({
      token: tokens.caseworker,
      name: 'recordEarlyWarningVisit',
      selection: 'visit { id }',
      input: { warningId, visitedOn: today(), outcome: 'KEEP_WATCHING', note: '已走访' },
      other: { note: '再次走访' },
      id: (p) => p.visit.id,
      count: () => rows('programmes', 'select count(*) from early_warning_visit where warning_id = ?', [warningId]),
    });
  });
});

describe('creates made once by their natural key: a retry leaves one row (docs/idempotency.md)', () => {
  it('keeps one income figure a month and heading when recordHouseholdIncome is retried, the same figure again changing nothing', async () => {
    const input = {
      householdId: family.id,
      month: '2026-08',
      source: '入户核查',
      amounts: [{ category: 'WAGES', amount: '1200' }],
    };
    const count = () =>
      rows('households', `select count(*) from household_income where household_id = ? and month = '2026-08'`, [
        family.id,
      ]);
    const first = await step(
      system,
      tokens.caseworker,
      'recordHouseholdIncome',
      'incomes { id version amount }',
      input,
    );
    const again = await step(
      system,
      tokens.caseworker,
      'recordHouseholdIncome',
      'incomes { id version amount }',
      input,
    );
    expect(again.incomes).toEqual(first.incomes);
    expect(await count()).toBe(1);
  });

  it('keeps one calendar entry a day when addCalendarOverride is retried, and says the day is entered', async () => {
    const input = { jurisdictionCode: '141023000000', date: '2026-12-31', kind: 'HOLIDAY', reason: '县域特别假日' };
    const count = () => rows('organisations', `select count(*) from calendar_override where date = '2026-12-31'`);
    await step(system, tokens.admin, 'addCalendarOverride', 'calendarOverride { date }', input);
    const again = await attempt(system, tokens.admin, 'addCalendarOverride', 'calendarOverride { date }', input);
    expect(codeOf(again)).toBe('CONFLICT');
    expect(await count()).toBe(1);
  });
});
