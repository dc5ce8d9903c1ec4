import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';
import {
  attempt,
  CASE_FIELDS,
  createHousehold,
  createOrganisation,
  createStaffAndSignIn,
  must,
  step,
  taskOf,
  type Data,
} from './support/steps.js';

/**
 * The workflow guards the regulations require (issue 10 item 10) and separation of duties across identities
 * (item 3), each through the gateway with the demo data: 襄政办发〔2023〕26号 五(四)、七(三) (a rural family's referrals
 * reach the agriculture and rural-affairs bureau), 周政办字〔2017〕70号 四(二)(四) (办结 only once every transfer is
 * answered; 首问负责制), 晋检发办字〔2023〕10号 第五条 (green channel from the household's facts) and 第二十条 (a payment
 * made first is in the benefits ledger and within its caps).
 */
let system: System;
const o = demo.organisations;
const tokens: Record<'police' | 'caseworker' | 'admin' | 'approver' | 'procurator' | 'school', string> = {} as never;
let hospital: string;
let medicalSecurity: string;

const SIX_AREAS = ['EDUCATION', 'ELDERLY_CARE', 'MEDICAL', 'EMPLOYMENT', 'HOUSING', 'MENTAL_HEALTH'].map((area) => ({
  area,
  situation: '已了解',
  needsHelp: area !== 'HOUSING',
}));

const readCase = (token: string | null, id: string, selection: string) =>
  must(system, token, `query($id: ID!) { case(id: $id) { ${selection} } }`, { id }).then((d) => d.case as Data);
const versionOf = async (id: string) => (await readCase(null, id, 'version')).version as number;

const adult = (name: string, extra: Data = {}) => ({
  name,
  sex: 'MALE',
  birthDate: '1970-03-01',
  relationshipToHead: 'SELF',
  ...extra,
});

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
  tokens.caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  tokens.approver = await system.signIn('xincheng.approver', demo.DEMO_PASSWORD);
  tokens.procurator = await system.signIn('jinjiang.procurator', demo.DEMO_PASSWORD);
  tokens.school = await createStaffAndSignIn(system, {
    organisationId: o.xiangfenEducation.id,
    username: 'xiangfen.school-desk',
    displayName: '襄汾县教育局学生资助中心',
    roles: ['AGENCY_STAFF'],
  });
  hospital = await createOrganisation(system, {
    name: '周村区人民医院',
    kind: 'HEALTH',
    jurisdictionCode: '370306000000',
  });
  medicalSecurity = await createOrganisation(system, {
    name: '淄博市周村区医疗保障局',
    kind: 'MEDICAL_SECURITY',
    jurisdictionCode: '370306000000',
  });
});
afterAll(() => system?.stop());

/** A non-natural-death case of the family, visited and reported: the police must now push referrals (七(三)). */
async function reportedDeathCase(hukouType: 'RURAL' | 'URBAN') {
  const family = await createHousehold(system, tokens.caseworker, {
    jurisdictionCode: '141023100000',
    hukouType,
    members: [adult('赵建华')],
  });
  const opened = await step(system, tokens.police, 'openCase', 'case { id }', {
    channel: 'NON_NATURAL_DEATH',
    householdId: family.id,
    jurisdictionCode: '141023000000',
    leadOrganisationId: o.xiangfenPolice.id,
    summary: '家庭成员非正常死亡',
    receivedOn: '2026-11-02',
  });
  const id = opened.case.id as string;
  await step(system, tokens.police, 'recordVisit', 'visit { id }', {
    caseId: id,
    visitedOn: '2026-11-03',
    visitorOrganisationIds: [o.xiangfenPolice.id],
    findings: SIX_AREAS,
    referralRequested: true,
  });
  await step(system, tokens.police, 'reportToLead', 'case { id }', {
    caseId: id,
    version: await versionOf(id),
    reportedOn: '2026-11-04',
  });
  await step(system, tokens.police, 'createReferral', 'referral { id }', {
    caseId: id,
    fromOrganisationId: o.xiangfenPolice.id,
    toOrganisationId: o.xiangfenCivilAffairs.id,
    kind: 'SOCIAL_ASSISTANCE',
    sentOn: '2026-11-05',
  });
  return id;
}

describe('襄政办发〔2023〕26号 五(四)、七(三): a rural family’s referrals reach the agriculture and rural-affairs bureau', () => {
  it('refuses to complete a rural family’s referrals, or close the case, until AGRICULTURE_RURAL was referred', async () => {
    const id = await reportedDeathCase('RURAL');
    const complete = () =>
      versionOf(id).then((version) =>
        attempt(system, tokens.police, 'completeReferrals', `case { ${CASE_FIELDS} }`, {
          caseId: id,
          version,
          completedOn: '2026-11-06',
        }),
      );
    const refused = await complete();
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE',
      missingReferrals: ['AGRICULTURE_RURAL'],
    });
    expect(refused.errors?.[0].message).toContain('AGRICULTURE_RURAL');
    const closing = await attempt(system, tokens.police, 'closeCase', 'case { id }', {
      caseId: id,
      version: await versionOf(id),
      closedOn: '2026-11-06',
      reason: '归档',
    });
    expect(closing.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE',
      missingReferrals: ['AGRICULTURE_RURAL'],
    });

    await step(system, tokens.police, 'createReferral', 'referral { id }', {
      caseId: id,
      fromOrganisationId: o.xiangfenPolice.id,
      toOrganisationId: o.xiangfenAgriculture.id,
      kind: 'RURAL_SUPPORT',
      sentOn: '2026-11-06',
    });
    const done = await complete();
    expect(done.errors).toBeUndefined();
    expect(taskOf(done.data!.completeReferrals.case, 'PUSH_REFERRALS')).toMatchObject({ status: 'DONE' });
  });

  it('completes an urban family’s referrals without the agriculture bureau', async () => {
    const id = await reportedDeathCase('URBAN');
    const done = await step(system, tokens.police, 'completeReferrals', `case { ${CASE_FIELDS} }`, {
      caseId: id,
      version: await versionOf(id),
      completedOn: '2026-11-06',
    });
    expect(done.case.stage).toBe('REFERRED');
  });
});

describe('周政办字〔2017〕70号 四(二)(四): a window case is concluded (办结) only once every transfer is answered', () => {
  it('refuses 办结 naming the unanswered transfer, and concludes once the department answered', async () => {
    const family = await createHousehold(system, await system.signIn('doudi.admin', demo.DEMO_PASSWORD), {
      jurisdictionCode: '370306000000',
      hukouType: 'URBAN',
      members: [adult('孙建国')],
    });
    const opened = await step(system, null, 'openCase', 'case { id }', {
      channel: 'WINDOW_APPLICATION',
      householdId: family.id,
      jurisdictionCode: '370306000000',
      leadOrganisationId: o.zhoucunCivilAffairs.id,
      summary: '突发重病，医疗费用无力承担',
      receivedOn: '2026-11-16',
    });
    const id = opened.case.id as string;
    const transfer = await step(system, null, 'createReferral', 'referral { id version }', {
      caseId: id,
      fromOrganisationId: o.zhoucunCivilAffairs.id,
      toOrganisationId: medicalSecurity,
      kind: 'MEDICAL_AID',
      sentOn: '2026-11-16',
    });
    const conclude = async () =>
      attempt(system, null, 'concludeCase', 'case { stage concludedOn }', {
        caseId: id,
        version: await versionOf(id),
        concludedOn: '2026-11-18',
      });
    const early = await conclude();
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE',
      openTransfers: [{ referralId: transfer.referral.id, toOrganisationId: medicalSecurity, status: 'SENT' }],
    });
    await step(system, null, 'answerReferral', 'referral { status }', {
      referralId: transfer.referral.id,
      version: transfer.referral.version,
      answeredOn: '2026-11-17',
      measuresTaken: ['医疗救助'],
    });
    const concluded = await conclude();
    expect(concluded.errors).toBeUndefined();
    expect(concluded.data!.concludeCase.case).toEqual({ stage: 'CONCLUDED', concludedOn: '2026-11-18' });
  });
});

describe('首问负责制 (周政办字〔2017〕70号 四(四)): whoever is asked first hands the request to the window', () => {
  it('lets a school hand a family to the township window, which leads it and finds it in its inbox with the due date', async () => {
    const family = await createHousehold(system, tokens.caseworker, {
      jurisdictionCode: '141023100000',
      hukouType: 'RURAL',
      members: [adult('钱卫东')],
    });
    const handed = await step(
      system,
      tokens.school,
      'handToWindow',
      `case { ${CASE_FIELDS} channel atWindow leadOrganisation { id } firstQuestionOrganisation { id } windowOrganisation { id } }`,
      {
        householdId: family.id,
        windowOrganisationId: o.xinchengTownship.id,
        jurisdictionCode: '141023100000',
        summary: '学生家长突发重病，家庭生活困难（学校首问）',
        receivedOn: '2026-11-16',
      },
    );
    const id = handed.case.id as string;
    expect(handed.case).toMatchObject({
      channel: 'WINDOW_APPLICATION',
      stage: 'REGISTERED',
      atWindow: true,
      leadOrganisation: { id: o.xinchengTownship.id },
      windowOrganisation: { id: o.xinchengTownship.id },
      firstQuestionOrganisation: { id: o.xiangfenEducation.id },
    });
    // 16 Nov (Monday) + WINDOW_TRANSFER (1 working day).
    expect(taskOf(handed.case, 'TRANSFER')).toMatchObject({ status: 'OPEN', dueDate: '2026-11-17' });

    const inbox = await must(
      system,
      tokens.caseworker,
      `query($id: ID!) { organisation(id: $id) { inbox(first: 100) { nodes { kind dueDate case { id } } } } }`,
      { id: o.xinchengTownship.id },
    );
    expect(inbox.organisation.inbox.nodes.filter((n: Data) => n.case.id === id)).toEqual([
      { kind: 'TASK', dueDate: '2026-11-17', case: { id } },
    ]);

    // The window transfers it; the school keeps reading what it handed over, not the other agencies' referrals.
    await step(system, tokens.caseworker, 'createReferral', 'referral { id }', {
      caseId: id,
      fromOrganisationId: o.xinchengTownship.id,
      toOrganisationId: o.xiangfenCivilAffairs.id,
      kind: 'SOCIAL_ASSISTANCE',
      sentOn: '2026-11-17',
    });
    const seenBySchool = await readCase(tokens.school, id, 'summary referrals { totalCount } timeline { kind }');
    expect(seenBySchool).toEqual({
      summary: '学生家长突发重病，家庭生活困难（学校首问）',
      referrals: { totalCount: 0 },
      timeline: [{ kind: 'HANDED_TO_WINDOW' }],
    });
    const schoolReferrals = await must(system, tokens.school, `{ referrals(first: 100) { nodes { case { id } } } }`);
    expect(schoolReferrals.referrals.nodes.filter((r: Data) => r.case.id === id)).toEqual([]);
    const seenByWindow = await readCase(tokens.caseworker, id, 'referrals { totalCount }');
    expect(seenByWindow.referrals.totalCount).toBe(1);
  });

  it('lets a village committee hand its villager to the township window above it', async () => {
    const village = await createStaffAndSignIn(system, {
      organisationId: o.heyuVillage.id,
      username: 'heyu.village-desk',
      displayName: '河鱼村村委会',
      roles: ['AGENCY_STAFF'],
    });
    const family = await createHousehold(system, await system.signIn('doudi.admin', demo.DEMO_PASSWORD), {
      jurisdictionCode: '500229218001',
      members: [adult('何光明')],
    });
    const handed = await step(system, village, 'handToWindow', 'case { id leadOrganisation { id } }', {
      householdId: family.id,
      windowOrganisationId: o.heyuTownship.id,
      jurisdictionCode: '500229218000',
      summary: '村民房屋失火，生活无着',
      receivedOn: '2026-11-16',
    });
    expect(handed.case.leadOrganisation).toEqual({ id: o.heyuTownship.id });
    expect(await readCase(village, handed.case.id, 'firstQuestionOrganisation { id }')).toEqual({
      firstQuestionOrganisation: { id: o.heyuVillage.id },
    });
  });

  it('refuses a hand-over to an organisation that keeps no intake window', async () => {
    const result = await attempt(system, tokens.school, 'handToWindow', 'case { id }', {
      householdId: (
        await createHousehold(system, tokens.caseworker, {
          jurisdictionCode: '141023100000',
          members: [adult('孙立')],
        })
      ).id,
      windowOrganisationId: o.xiangfenPolice.id,
      jurisdictionCode: '141023100000',
      summary: '求助',
    });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.windowOrganisationId',
    });
  });
});

describe('晋检发办字〔2023〕10号 第五条: the green channel, from the household’s facts', () => {
  let plain: string;
  let veteran: string;
  let disabled: string;
  const openWindowCase = async (members: Data[]) => {
    const family = await createHousehold(system, await system.signIn('doudi.admin', demo.DEMO_PASSWORD), {
      jurisdictionCode: '370306000000',
      hukouType: 'URBAN',
      members,
    });
    const opened = await step(system, null, 'openCase', 'case { id }', {
      channel: 'WINDOW_APPLICATION',
      householdId: family.id,
      jurisdictionCode: '370306000000',
      leadOrganisationId: o.zhoucunCivilAffairs.id,
      summary: '申请临时救助',
      receivedOn: '2026-11-20',
    });
    return opened.case.id as string;
  };

  beforeAll(async () => {
    plain = await openWindowCase([adult('周强')]);
    veteran = await openWindowCase([adult('吴海军', { birthDate: '1960-08-01', veteranStatus: 'VETERAN' })]);
    disabled = await openWindowCase([adult('郑平', { hasDisabilityCertificate: true })]);
  });

  it('puts a veteran’s family in the green channel though nobody ticked it, and says why', async () => {
    const selection = 'greenChannel priorityGroups greenChannelReasons { group source fact }';
    expect(await readCase(null, plain, selection)).toEqual({
      greenChannel: false,
      priorityGroups: [],
      greenChannelReasons: [],
    });
    expect(await readCase(null, veteran, selection)).toMatchObject({
      greenChannel: true,
      priorityGroups: [],
      greenChannelReasons: [{ group: 'VETERAN_OR_ENTITLED', source: 'HOUSEHOLD_FACTS' }],
    });
  });

  it('lists green-channel cases first among equals: in the window’s inbox on the same due date, and in case lists', async () => {
    const ours = new Set([plain, veteran, disabled]);
    const inbox = await must(
      system,
      null,
      `query($id: ID!) { organisation(id: $id) { inbox(first: 100) { nodes { dueDate case { id } } } } }`,
      { id: o.zhoucunCivilAffairs.id },
    );
    const order = inbox.organisation.inbox.nodes.filter((n: Data) => ours.has(n.case.id));
    expect(new Set(order.map((n: Data) => n.dueDate)).size).toBe(1);
    expect(order.map((n: Data) => n.case.id)).toEqual([veteran, disabled, plain]);

    const listed = await must(
      system,
      null,
      `{ cases(first: 100, filter: { channels: [WINDOW_APPLICATION] }, orderBy: [{ field: RECEIVED_ON, direction: DESC }]) {
          nodes { id greenChannel } } }`,
    );
    const ids = listed.cases.nodes.map((n: Data) => n.id).filter((id: string) => ours.has(id));
    expect(ids).toEqual([veteran, disabled, plain]);
    const greenOnly = await must(
      system,
      null,
      `{ cases(first: 100, filter: { greenChannel: true }) { nodes { id } } }`,
    );
    expect(greenOnly.cases.nodes.map((n: Data) => n.id)).not.toContain(plain);
  });

  it('shows a disability-based reason only to those who may read health facts (docs/architecture.md)', async () => {
    // A case of its own: the referral below would change the inbox the test above reads.
    const referred = await openWindowCase([adult('郑安', { hasDisabilityCertificate: true })]);
    await step(system, null, 'createReferral', 'referral { id }', {
      caseId: referred,
      fromOrganisationId: o.zhoucunCivilAffairs.id,
      toOrganisationId: hospital,
      kind: 'MEDICAL_AID',
      sentOn: '2026-11-20',
    });
    const hospitalDesk = await createStaffAndSignIn(system, {
      organisationId: hospital,
      username: 'zhoucun.hospital-desk',
      displayName: '周村区人民医院医务科',
      roles: ['AGENCY_STAFF'],
    });
    const selection = 'greenChannel greenChannelReasons { group source }';
    expect(await readCase(null, referred, selection)).toEqual({
      greenChannel: true,
      greenChannelReasons: [{ group: 'DISABLED', source: 'HOUSEHOLD_FACTS' }],
    });
    expect(await readCase(hospitalDesk, referred, selection)).toEqual({ greenChannel: true, greenChannelReasons: [] });
  });
});

describe('晋检发办字〔2023〕10号 第二十条: an emergency payment made first is in the benefits ledger and within its caps', () => {
  const judicial = demo.programmes.find((p) => p.kind === 'JUDICIAL_ASSISTANCE')!;
  let familyId: string;
  let caseId: string;
  /** The payment made first, in beforeAll, so each test below reads the same ledger whatever ran before it. */
  let first: Awaited<ReturnType<typeof pay>>;
  const pay = (amount: string, idempotencyKey?: string) =>
    attempt(system, tokens.procurator, 'recordEmergencyPayment', 'emergencyPayment { id amount benefit { id } }', {
      caseId,
      paidOn: '2026-11-20',
      amount,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
  const ledger = () =>
    must(system, null, `query($id: ID!) { household(id: $id) { benefits { id amount status paidFirst caseId } } }`, {
      id: familyId,
    }).then((d) => d.household.benefits as Data[]);

  beforeAll(async () => {
    await must(
      system,
      null,
      `mutation($input: PublishProgrammeVersionInput!) { publishProgrammeVersion(input: $input) { version { id } } }`,
      {
        input: {
          programmeId: judicial.id,
          effectiveFrom: '2026-06-01',
          caps: { perHouseholdPerYear: '30000' },
          note: '司法救助每户每年不超过3万元（测试）',
        },
      },
    );
    familyId = (
      await createHousehold(system, await system.signIn('doudi.admin', demo.DEMO_PASSWORD), {
        jurisdictionCode: '350582000000',
        hukouType: 'URBAN',
        members: [adult('林志明')],
      })
    ).id;
    const opened = await step(system, tokens.procurator, 'openCase', 'case { id }', {
      channel: 'JUDICIAL_ASSISTANCE',
      householdId: familyId,
      jurisdictionCode: '350582000000',
      leadOrganisationId: o.jinjiangProcuratorate.id,
      summary: '被害人重伤住院，急需医疗费用',
      receivedOn: '2026-11-19',
    });
    caseId = opened.case.id;
    first = await pay('20000', 'pay-first-2026-11-20');
  });

  it('records the payment as an ACTIVE benefit of the judicial-assistance programme, once however often it is retried', async () => {
    expect(first.errors).toBeUndefined();
    const again = await pay('20000', 'pay-first-2026-11-20');
    expect(again.data!.recordEmergencyPayment.emergencyPayment).toEqual(
      first.data!.recordEmergencyPayment.emergencyPayment,
    );
    const benefits = await ledger();
    expect(benefits).toEqual([
      {
        id: first.data!.recordEmergencyPayment.emergencyPayment.benefit.id,
        amount: '20000.00',
        status: 'ACTIVE',
        paidFirst: true,
        caseId,
      },
    ]);
  });

  it('refuses a payment past the cap with LIMIT_EXCEEDED and records nothing, on the case or in the ledger', async () => {
    const over = await pay('15000');
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      cap: 'PER_HOUSEHOLD_PER_YEAR',
      roomLeft: '10000.00',
    });
    expect(await readCase(tokens.procurator, caseId, 'emergencyPayments { amount }')).toEqual({
      emergencyPayments: [{ amount: '20000.00' }],
    });
    expect(await ledger()).toHaveLength(1);
    // The payment counts against the caps of every later grant too.
    const grant = await system.query(
      `mutation($input: GrantBenefitInput!) { grantBenefit(input: $input) { benefit { id } } }`,
      { input: { programmeId: judicial.id, householdId: familyId, grantedOn: '2026-11-21', amount: '10000.01' } },
    );
    expect(grant.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', roomLeft: '10000.00' });
  });
});

describe('separation of duties across identities (issue 10 item 3, 临社救办发〔2015〕3号 二(一))', () => {
  it('refuses the proposer’s approval through an app they registered (and of the app’s proposal by its registrar), and lets another approver decide', async () => {
    const temporary = demo.programmes.find((p) => p.jurisdictionCode === '141023000000' && p.kind === 'TEMPORARY')!;
    const family = await createHousehold(system, tokens.caseworker, {
      jurisdictionCode: '141023100000',
      members: [adult('冯立新')],
    });
    const proposed = await must(
      system,
      tokens.admin,
      `mutation($input: GrantBenefitInput!) { grantBenefit(input: $input) { benefit { id version } } }`,
      { input: { programmeId: temporary.id, householdId: family.id, grantedOn: '2026-11-20', amount: '800' } },
    );
    const benefit = proposed.grantBenefit.benefit;
    const app = await must(
      system,
      tokens.admin,
      `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id } clientSecret } }`,
      {
        input: {
          organisationId: o.xiangfenCivilAffairs.id,
          name: '襄汾县救助审批助手',
          scopes: ['BENEFITS_APPROVE', 'BENEFITS_PROPOSE', 'HOUSEHOLDS_READ'],
        },
      },
    );
    const issued = await must(
      system,
      null,
      `mutation($input: ClientCredentialsInput!) { issueClientToken(input: $input) { accessToken } }`,
      { input: { clientId: app.createApiClient.client.id, clientSecret: app.createApiClient.clientSecret } },
    );
    const approve = (token: string) =>
      system.queryAs(
        token,
        `mutation($input: DecideBenefitInput!) { approveBenefit(input: $input) { benefit { status } } }`,
        { input: { benefitId: benefit.id, version: benefit.version, decidedOn: '2026-11-20' } },
      );
    const throughApp = await approve(issued.issueClientToken.accessToken);
    expect(throughApp.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES' });
    const byAnother = await approve(tokens.approver);
    expect(byAnother.errors).toBeUndefined();
    expect(byAnother.data!.approveBenefit.benefit.status).toMatch(/APPROVED|IN_NOTICE/);

    // The other way round: proposed through the app, approved by the person who registered it.
    const throughAppProposed = await must(
      system,
      issued.issueClientToken.accessToken,
      `mutation($input: GrantBenefitInput!) { grantBenefit(input: $input) { benefit { id version } } }`,
      { input: { programmeId: temporary.id, householdId: family.id, grantedOn: '2026-11-20', amount: '500' } },
    );
    const byRegistrar = await system.queryAs(
      tokens.admin,
      `mutation($input: DecideBenefitInput!) { approveBenefit(input: $input) { benefit { status } } }`,
      {
        input: {
          benefitId: throughAppProposed.grantBenefit.benefit.id,
          version: throughAppProposed.grantBenefit.benefit.version,
          decidedOn: '2026-11-20',
        },
      },
    );
    expect(byRegistrar.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', rule: 'SEPARATION_OF_DUTIES' });
  });
});
