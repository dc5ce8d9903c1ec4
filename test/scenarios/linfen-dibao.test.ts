import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarMonths, newId, shanghaiDate } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
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
} from '../support/steps.js';
import { nextPeriod, scheduleRollFor } from '../../subgraphs/programmes/src/payment/payment.schedule.js';

/**
 * 临社救办发〔2015〕3号 (临汾市, 规范最低生活保障办理程序) end to end through the gateway: a 襄汾县 family applies for
 * dibao at the township window; the county's checking centre checks its income and assets (二(一)); the village holds
 * its democratic appraisal (民主评议); the township proposes, the county approves within its time limit (二(八)); the
 * approval is publicly noticed (公示) and paid month by month on the township's payment roll (资金发放); a complaint
 * about it is verified and answered (件件有核实、事事有回音); the household's income rises and the relief ends through a
 * public notice of the ending (二(二)1); an auditor reads the trail (周政办字〔2017〕70号 六(三)).
 *
 * The story is dated back from today (Asia/Shanghai), so that its three monthly payments are the two months before
 * this one and this one: the application came in four months ago.
 */
let system: System;
const { xiangfenCivilAffairs, xinchengTownship } = demo.organisations;
const dibao = demo.programmes[1];
const COUNTY = '141023000000';
const TOWNSHIP = '141023100000';
const VILLAGE = '141023100201';

const today = shanghaiDate();
const thisMonth = today.slice(0, 7);
const monthsAgo = (n: number) => addCalendarMonths(`${thisMonth}-01`, -n).slice(0, 7);
const on = (period: string, day: number) => `${period}-${String(day).padStart(2, '0')}`;
/**
 * The days of the story: the application four months ago, the first payment two months ago, and the notice of the
 * ending posted a week ago (its 7 days over yesterday), so that it is closed today through the API, without moving clocks.
 */
const D = {
  versionFrom: on(monthsAgo(4), 1),
  received: on(monthsAgo(4), 6),
  checkRequested: on(monthsAgo(4), 8),
  checked: on(monthsAgo(4), 15),
  tooEarly: on(monthsAgo(4), 20),
  appraised: on(monthsAgo(4), 22),
  proposed: on(monthsAgo(4), 26),
  approved: on(monthsAgo(3), 3),
  activeFrom: on(monthsAgo(2), 1),
  endingNotice: addCalendarDays(today, -7),
};
const PAID_MONTHS = [monthsAgo(2), monthsAgo(1), thisMonth];

const tokens: Record<
  | 'window'
  | 'checker'
  | 'village'
  | 'admin'
  | 'approver'
  | 'townshipApprover'
  | 'inspector'
  | 'townshipAdmin'
  | 'auditor',
  string
> = {} as never;
let checkingCentre: string;
let family: { id: string; members: string[] };
let caseId: string;
let benefit: Data;
let paid: Data[];

const readCase = (token: string, selection: string) =>
  must(system, token, `query($id: ID!) { case(id: $id) { ${selection} } }`, { id: caseId }).then((d) => d.case);
const readBenefit = (token: string, selection: string) =>
  must(system, token, `query($id: ID!) { benefit(id: $id) { ${selection} } }`, { id: benefit.id }).then(
    (d) => d.benefit,
  );
const eligibility = async (token: string, day: string) => {
  const read = await must(
    system,
    token,
    `query($id: ID!, $on: Date) { household(id: $id) { eligibility(on: $on) {
      programme { id } outcome missing clauses { expression result } } } }`,
    { id: family.id, on: day },
  );
  return (read.household.eligibility as Data[]).find((e) => e.programme.id === dibao.id)!;
};
const workingDaysAfter = async (from: string, days: number) =>
  (
    await must(
      system,
      null,
      `query($code: ID!, $from: Date!, $days: Int!) { jurisdiction(code: $code) { addWorkingDays(from: $from, days: $days) { date } } }`,
      { code: COUNTY, from, days },
    )
  ).jurisdiction.addWorkingDays.date as string;
const fen = (yuan: string) => Math.round(Number(yuan) * 100);

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  // 临汾市 publishes its lines each year (the demo has 2026's): the same figures for any other year the story touches.
  for (let year = Number(D.versionFrom.slice(0, 4)); year <= Number(today.slice(0, 4)); year++) {
    if (year === 2026) continue;
    await step(system, null, 'setLocalStandard', 'standard { year }', {
      jurisdictionCode: '141000000000',
      year,
      dibaoUrbanMonthly: '780.00',
      dibaoRuralMonthly: '600.00',
      tekunMonthly: '1014.00',
      publishedIn: `临汾市 ${year} 年城乡低保标准（示例）`,
    });
  }
  await step(system, null, 'createJurisdiction', 'jurisdiction { code }', {
    code: VILLAGE,
    name: '东街村',
    parentCode: TOWNSHIP,
  });
  const villageCommittee = await createOrganisation(system, {
    name: '新城镇东街村村民委员会',
    kind: 'VILLAGE_COMMITTEE',
    jurisdictionCode: VILLAGE,
  });
  checkingCentre = await createOrganisation(system, {
    name: '襄汾县居民家庭经济状况核对中心',
    kind: 'CIVIL_AFFAIRS',
    jurisdictionCode: COUNTY,
  });
  const staff = (username: string, organisationId: string, role: string) =>
    createStaffAndSignIn(system, { username, displayName: username, organisationId, roles: [role] });
  tokens.window = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.townshipApprover = await system.signIn('xincheng.approver', demo.DEMO_PASSWORD);
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  tokens.checker = await staff('xiangfen.checker', checkingCentre, 'CASEWORKER');
  tokens.village = await staff('dongjie.committee', villageCommittee, 'CASEWORKER');
  tokens.approver = await staff('xiangfen.approver', xiangfenCivilAffairs.id, 'APPROVER');
  tokens.inspector = await staff('xiangfen.inspector', xiangfenCivilAffairs.id, 'CASEWORKER');
  tokens.townshipAdmin = await staff('xincheng.admin', xinchengTownship.id, 'JURISDICTION_ADMIN');
  tokens.auditor = await staff('xiangfen.auditor', xiangfenCivilAffairs.id, 'AUDITOR');
  family = await createHousehold(system, tokens.window, {
    jurisdictionCode: VILLAGE,
    hukouType: 'RURAL',
    address: '襄汾县新城镇东街村 2 组',
    members: [
      { name: '赵秀梅', sex: 'FEMALE', birthDate: '1974-05-12', relationshipToHead: 'SELF', workAbility: 'PARTIAL' },
      { name: '李志强', sex: 'MALE', birthDate: '2003-08-30', relationshipToHead: 'CHILD', workAbility: 'FULL' },
      { name: '王桂兰', sex: 'FEMALE', birthDate: '1948-02-03', relationshipToHead: 'PARENT', workAbility: 'NONE' },
    ],
  });
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe(
  '临社救办发〔2015〕3号: a 襄汾县 dibao application from the window to its public ending',
  { shuffle: false },
  () => {
    it('receives the application at the township window, and the economic check waits for the family’s DATA_SHARING consent (二(一))', async () => {
      const opened = await step(system, tokens.window, 'openCase', `case { ${CASE_FIELDS} channel atWindow }`, {
        channel: 'WINDOW_APPLICATION',
        householdId: family.id,
        jurisdictionCode: TOWNSHIP,
        leadOrganisationId: xinchengTownship.id,
        summary: '申请最低生活保障：户主务农收入微薄，婆婆年老无劳动能力',
        receivedOn: D.received,
        idempotencyKey: `linfen-dibao-${family.id}`,
      });
      caseId = opened.case.id;
      expect(opened.case).toMatchObject({ channel: 'WINDOW_APPLICATION', status: 'OPEN', atWindow: true });

      const ask = { caseId, checkingOrganisationId: checkingCentre, requestedOn: D.checkRequested };
      const refused = await attempt(system, tokens.window, 'requestEconomicCheck', 'economicCheck { id }', ask);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', missingConsent: 'DATA_SHARING' });
      await step(system, tokens.window, 'recordConsent', 'consent { id }', {
        householdId: family.id,
        personId: family.members[0],
        purpose: 'DATA_SHARING',
        scope: '同意县核对中心查询核对本户家庭收入和财产状况',
      });
      const asked = await step(
        system,
        tokens.window,
        'requestEconomicCheck',
        'economicCheck { id status dueDate dueRule checkingOrganisation { id } }',
        ask,
      );
      expect(asked.economicCheck).toMatchObject({
        status: 'REQUESTED',
        dueRule: 'ECONOMIC_CHECK',
        checkingOrganisation: { id: checkingCentre },
      });
      expect(asked.economicCheck.dueDate > D.checkRequested).toBe(true);
      // The checking centre finds it in its inbox, as a task of the application due on that day.
      const inbox = await must(
        system,
        tokens.checker,
        `query($id: ID!) { organisation(id: $id) { inbox(first: 100) { nodes { kind dueDate case { id } } } } }`,
        { id: checkingCentre },
      );
      expect(inbox.organisation.inbox.nodes).toContainEqual({
        kind: 'TASK',
        dueDate: asked.economicCheck.dueDate,
        case: { id: caseId },
      });
    });

    it('records the checking centre’s answer in the household’s facts with its source and date, and the dibao screening answers on the checked facts (二(一) 家庭经济状况核对)', async () => {
      expect((await eligibility(tokens.window, D.checked)).outcome, 'nothing known of the income yet').toBe(
        'MISSING_INFORMATION',
      );
      const [check] = (await readCase(tokens.window, 'economicChecks { id version }')).economicChecks;
      const answered = await step(
        system,
        tokens.checker,
        'recordEconomicCheckResult',
        'economicCheck { status answeredOn incomeFigures assetCount }',
        {
          checkId: check.id,
          version: check.version,
          checkedOn: D.checked,
          incomes: [monthsAgo(7), monthsAgo(6), monthsAgo(5)].map((month) => ({
            month,
            category: 'AGRICULTURE',
            amount: '150',
          })),
          assets: [{ kind: 'DEPOSIT', description: '农商行活期存款', value: '2000' }],
          note: '经核对平台比对：无车辆、无商品房、无工商登记',
        },
      );
      expect(answered.economicCheck).toMatchObject({
        status: 'ANSWERED',
        answeredOn: D.checked,
        incomeFigures: 3,
        assetCount: 1,
      });
      const facts = await must(
        system,
        tokens.window,
        `query($id: ID!) { household(id: $id) { incomes { month amount source } assets { value assessedOn source } } }`,
        { id: family.id },
      );
      expect(facts.household.incomes).toHaveLength(3);
      expect(facts.household.incomes.every((i: Data) => i.amount === '150.00' && i.source === '家庭经济状况核对')).toBe(
        true,
      );
      expect(facts.household.assets).toEqual([{ value: '2000.00', assessedOn: D.checked, source: '家庭经济状况核对' }]);
      // 150 yuan a month for three people: 50 yuan a head, under 临汾's rural line of 600 yuan.
      const screened = await eligibility(tokens.window, D.checked);
      expect(screened).toMatchObject({ outcome: 'ELIGIBLE', missing: [] });
      const task = taskOf(await readCase(tokens.window, CASE_FIELDS), 'ECONOMIC_CHECK');
      expect(task).toMatchObject({ status: 'DONE', completedOn: D.checked });
    });

    it('refuses the township’s proposal before the village’s democratic appraisal once the county requires it, and takes it after (二(一) 民主评议)', async () => {
      const current = await must(
        system,
        tokens.admin,
        `query($id: ID!) { programme(id: $id) { versions { number } } }`,
        { id: dibao.id },
      );
      const basedOnVersion = Math.max(...current.programme.versions.map((v: Data) => v.number));
      await step(system, tokens.admin, 'publishProgrammeVersion', 'version { number }', {
        programmeId: dibao.id,
        basedOnVersion,
        effectiveFrom: D.versionFrom,
        note: '临社救办发〔2015〕3号 二(一): 低保申请须经村(居)民主评议后由乡镇提出审核意见',
        eligibilityRule: 'household.perCapitaIncome < standards.dibaoLine && household.totalAssets < 100000.0',
        amount: { formula: '(standards.dibaoLine - household.perCapitaIncome) * double(household.size)' },
        approvalTiers: [{ level: 'COUNTY', collectiveReview: false }],
        publicNoticeDays: 7,
        reviewCycleMonths: 12,
        appraisalRequired: true,
      });
      // The county shortens the approval of dibao to 7 working days (Doudi's default is 10).
      await step(system, tokens.admin, 'setApprovalTimeLimit', 'workingDays', {
        jurisdictionCode: COUNTY,
        programmeKind: 'DIBAO',
        workingDays: 7,
        reason: '临社救办发〔2015〕3号 二(八): 缩短审批时限',
      });
      const propose = (grantedOn: string) =>
        attempt(
          system,
          tokens.window,
          'grantBenefit',
          'benefit { id version status amount amountSource decisionDueOn }',
          {
            programmeId: dibao.id,
            householdId: family.id,
            grantedOn,
            caseId,
            idempotencyKey: `linfen-dibao-proposal-${grantedOn}-${family.id}`,
          },
        );
      const early = await propose(D.tooEarly);
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', missing: 'DEMOCRATIC_APPRAISAL' });

      const appraisal = await step(
        system,
        tokens.village,
        'recordDemocraticAppraisal',
        'appraisal { heldOn outcome recordedByOrganisationId participants { role count } }',
        {
          householdId: family.id,
          programmeId: dibao.id,
          caseId,
          heldOn: D.appraised,
          outcome: 'PASSED',
          reasons: '与会人员一致认为：该户收入低于低保标准，婆婆年老无劳动能力，情况属实，同意申报',
          participants: [
            { role: 'VILLAGE_COMMITTEE', count: 3 },
            { role: 'PARTY_BRANCH', count: 2 },
            { role: 'VILLAGER_REPRESENTATIVE', count: 9 },
            { role: 'TOWNSHIP_STAFF', name: '新城镇民政办 刘敏' },
          ],
        },
      );
      expect(appraisal.appraisal).toMatchObject({ heldOn: D.appraised, outcome: 'PASSED' });
      expect(appraisal.appraisal.participants).toHaveLength(4);

      const proposed = await propose(D.proposed);
      expect(proposed.errors).toBeUndefined();
      benefit = proposed.data!.grantBenefit.benefit;
      // 低保按差额发放: (600 − 50) × 3 members.
      expect(benefit).toMatchObject({ status: 'PROPOSED', amount: '1650.00', amountSource: 'FORMULA' });
    });

    it('gives the county’s approver the proposal with its due date from the county’s limit, and the county approves within it (二(八) 缩短审批时限)', async () => {
      // The county's 7 working days (set before the proposal), counted in its calendar from the day the proposal reached
      // the system (today).
      const { decisionDueOn } = await readBenefit(tokens.approver, 'decisionDueOn');
      expect(decisionDueOn).toBe(await workingDaysAfter(today, 7));

      const awaiting = (token: string) =>
        must(
          system,
          token,
          `{ benefits(filter: { awaitingMyDecision: true }, first: 100) { nodes { id decisionDueOn } } }`,
        ).then((d) => d.benefits.nodes as Data[]);
      expect(await awaiting(tokens.approver)).toContainEqual({ id: benefit.id, decisionDueOn });
      expect(
        (await awaiting(tokens.townshipApprover)).map((b) => b.id),
        'dibao is approved by the county',
      ).not.toContain(benefit.id);

      const approved = await step(
        system,
        tokens.approver,
        'approveBenefit',
        'benefit { id version status decidedOn noticeEndsOn }',
        { benefitId: benefit.id, version: benefit.version, decidedOn: D.approved, note: '经审核，同意纳入农村低保' },
      );
      expect(approved.benefit).toMatchObject({
        status: 'IN_NOTICE',
        decidedOn: D.approved,
        noticeEndsOn: addCalendarDays(D.approved, 6),
      });
      expect(approved.benefit.decidedOn <= decisionDueOn).toBe(true);
      expect(await awaiting(tokens.approver)).not.toContainEqual(expect.objectContaining({ id: benefit.id }));
      benefit = approved.benefit;
    });

    it('posts the approval for 7 days of public notice and activates it only after (二(一) 公示)', async () => {
      // The village committee's list of what to post on its notice board (村务公开栏).
      const posted = await must(
        system,
        tokens.village,
        `{ benefits(filter: { inPublicNotice: true }, first: 100) { nodes { id noticeEndsOn } } }`,
      );
      expect(posted.benefits.nodes).toContainEqual({ id: benefit.id, noticeEndsOn: benefit.noticeEndsOn });

      const during = await attempt(system, tokens.approver, 'activateBenefit', 'benefit { status }', {
        benefitId: benefit.id,
        version: benefit.version,
        activeFrom: benefit.noticeEndsOn,
      });
      expect(during.errors?.[0].extensions?.code).toBe('INVALID_STATE');
      const active = await step(
        system,
        tokens.approver,
        'activateBenefit',
        'benefit { id version status activeFrom reviewDueOn payments { period amount status } }',
        { benefitId: benefit.id, version: benefit.version, activeFrom: D.activeFrom },
      );
      expect(active.benefit).toMatchObject({
        status: 'ACTIVE',
        activeFrom: D.activeFrom,
        reviewDueOn: addCalendarMonths(D.activeFrom, 12),
      });
      expect(active.benefit.payments).toEqual(
        PAID_MONTHS.map((period) => ({ period, amount: '1650.00', status: 'SCHEDULED' })),
      );
      benefit = active.benefit;
    });

    it('pays three months on the township’s payment roll — exported, read back and marked paid in one step — and the roll reconciles with the ledger to the fen (二(一) 资金发放)', async () => {
      const ROLL = `query($j: ID!, $p: String!) { paymentRoll(jurisdictionCode: $j, period: $p) {
      totals { count total scheduledCount paidCount paid }
      payments(first: 100) { nodes { benefitId period amount status paidOn payingOrganisation { id } } }
      export(format: XLSX) { fileName contentBase64 } } }`;
      const ledger = await must(
        system,
        tokens.approver,
        `query($j: ID!) { benefits(filter: { jurisdictionCode: $j, statuses: [ACTIVE] }, first: 100) { nodes { id amount } } }`,
        { j: TOWNSHIP },
      );
      const ledgerFen = (ledger.benefits.nodes as Data[]).reduce((sum, b) => sum + fen(b.amount), 0);
      expect(ledgerFen).toBe(165_000);

      for (const period of PAID_MONTHS) {
        const roll = (await must(system, tokens.window, ROLL, { j: TOWNSHIP, p: period })).paymentRoll;
        expect(roll.totals).toEqual({
          count: 1,
          total: '1650.00',
          scheduledCount: 1,
          paidCount: 0,
          paid: '0.00',
        });
        expect(roll.payments.nodes).toEqual([
          {
            benefitId: benefit.id,
            period,
            amount: '1650.00',
            status: 'SCHEDULED',
            paidOn: null,
            payingOrganisation: { id: xiangfenCivilAffairs.id },
          },
        ]);
        expect(fen(roll.totals.total), `the roll of ${period} against the ledger`).toBe(ledgerFen);

        expect(roll.export.fileName).toBe(`${TOWNSHIP}_${period}_资金发放花名册.xlsx`);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(Buffer.from(roll.export.contentBase64, 'base64') as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        const rows = (sheet.getSheetValues() as unknown[]).filter((row): row is unknown[] => Array.isArray(row));
        const mine = rows.find((row) => row.includes(family.id));
        expect(mine, 'the family’s row').toBeDefined();
        expect(mine).toEqual(expect.arrayContaining([period, 1650, '待发放', '最低生活保障']));
        expect(rows.flat().map(String).join(' ')).toContain('合计 1650.00 元');

        const paidOn = on(period, 10) <= today ? on(period, 10) : today;
        const run = await step(system, tokens.approver, 'markPaymentRollPaid', 'run { period paidOn payments }', {
          jurisdictionCode: TOWNSHIP,
          period,
          paidOn,
          idempotencyKey: `linfen-roll-${TOWNSHIP}-${period}-${family.id}`,
        });
        expect(run.run).toEqual({ period, paidOn, payments: 1 });
        const after = (await must(system, tokens.window, ROLL, { j: TOWNSHIP, p: period })).paymentRoll;
        expect(after.totals).toMatchObject({ count: 1, paidCount: 1, paid: '1650.00', scheduledCount: 0 });
      }
      paid = (await readBenefit(tokens.approver, 'payments { id period amount status paidOn version }')).payments;
      expect(paid.map((p) => [p.period, p.status])).toEqual(PAID_MONTHS.map((period) => [period, 'PAID']));
      // Three months of the ledger's monthly amount, to the fen.
      expect(paid.reduce((sum, p) => sum + fen(p.amount), 0)).toBe(3 * ledgerFen);
    });

    it('takes a hotline complaint of 错保 with a reference number, verifies it within the county’s limit without showing the township who complained, and answers it with the finding (二(一) 监督举报)', async () => {
      const taken = await step(
        system,
        tokens.admin,
        'receiveComplaint',
        'complaint { id version referenceNumber status receivedOn }',
        {
          jurisdictionCode: VILLAGE,
          channel: 'HOTLINE',
          kind: 'WRONGLY_GRANTED',
          receivedOn: addCalendarDays(today, -9),
          summary: '来电反映：东街村赵秀梅家儿子在县城打工挣钱，家里仍领低保，属于错保',
          concernedBenefitId: benefit.id,
          concernedCaseId: caseId,
          concernedOrganisationId: xinchengTownship.id,
          anonymous: false,
          complainantName: '孙建军',
          complainantPhone: '139 3570 1234',
          idempotencyKey: `linfen-complaint-${benefit.id}`,
        },
      );
      const complaint = taken.complaint;
      expect(complaint.referenceNumber).toMatch(new RegExp(`^JB141023-${complaint.receivedOn.slice(0, 4)}-\\d{5}$`));
      expect(complaint.status).toBe('RECEIVED');

      // The township is complained about: it may not verify it.
      const toTownship = await attempt(system, tokens.admin, 'assignComplaintVerification', 'complaint { id }', {
        complaintId: complaint.id,
        verifierOrganisationId: xinchengTownship.id,
      });
      expect(toTownship.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.verifierOrganisationId',
      });
      const assigned = await step(
        system,
        tokens.admin,
        'assignComplaintVerification',
        'complaint { id version status assignedOn dueDate verifierOrganisation { id } }',
        { complaintId: complaint.id, verifierOrganisationId: xiangfenCivilAffairs.id, version: complaint.version },
      );
      expect(assigned.complaint).toMatchObject({
        status: 'VERIFYING',
        assignedOn: today,
        verifierOrganisation: { id: xiangfenCivilAffairs.id },
      });
      // COMPLAINT_VERIFICATION: 15 working days of the county's calendar by default.
      expect(assigned.complaint.dueDate).toBe(await workingDaysAfter(today, 15));

      const READ = `query($id: ID!) { complaint(id: $id) { id complainant { name phone revealed } } }`;
      const bySupervision = await must(system, tokens.admin, READ, { id: complaint.id });
      expect(bySupervision.complaint.complainant).toEqual({ name: '孙**', phone: '139****1234', revealed: false });
      // The township's own administrator handles complaints, but not one about the township: never who complained.
      const byTownshipAdmin = await must(system, tokens.townshipAdmin, READ, { id: complaint.id });
      expect(byTownshipAdmin.complaint.complainant).toBeNull();
      const reveal = await attempt(system, tokens.townshipAdmin, 'revealComplainant', 'complainant { name }', {
        complaintId: complaint.id,
        purpose: '核实举报线索',
      });
      expect(reveal.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // The township window that proposed the benefit does not even learn the complaint exists.
      const byWindow = await system.queryAs(tokens.window, READ, { id: complaint.id });
      expect(byWindow.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(JSON.stringify(byTownshipAdmin)).not.toContain('孙');

      const verified = await step(
        system,
        tokens.inspector,
        'recordComplaintFinding',
        'complaint { id version status finding verifiedOn }',
        {
          complaintId: complaint.id,
          version: assigned.complaint.version,
          finding: 'PARTLY_SUBSTANTIATED',
          findingText:
            '经入户核实：审批时该户确无工资收入，审批无误；其子李志强自三个月前起在县城务工，月工资约3800元，未及时申报',
        },
      );
      expect(verified.complaint).toMatchObject({
        status: 'VERIFIED',
        finding: 'PARTLY_SUBSTANTIATED',
        verifiedOn: today,
      });
      const answered = await step(
        system,
        tokens.admin,
        'answerComplaint',
        'complaint { status answerChannel answeredOn reviewOpened finding }',
        {
          complaintId: complaint.id,
          version: verified.complaint.version,
          answerChannel: 'PHONE',
          answerText: '经核实部分属实：该户收入已发生变化，已启动低保复核，依规处理后再行告知',
          openReview: true,
        },
      );
      expect(answered.complaint).toMatchObject({
        status: 'ANSWERED',
        answerChannel: 'PHONE',
        answeredOn: today,
        reviewOpened: true,
      });
      // The review it opened: the benefit is flagged with the complaint's reference.
      const flagged = await readBenefit(tokens.approver, 'status reviewFlag { reason }');
      expect(flagged.status).toBe('ACTIVE');
      expect(flagged.reviewFlag.reason).toContain(complaint.referenceNumber);
    });

    it('ends the relief after the household’s income rises only through a public notice of the ending, and pays nothing after it (二(二)1 终止并予以公示)', async () => {
      for (const month of [monthsAgo(3), monthsAgo(2), monthsAgo(1)]) {
        await step(system, tokens.window, 'recordHouseholdIncome', 'incomes { month amount }', {
          householdId: family.id,
          month,
          source: '村委会入户核实（监督举报核查）',
          amounts: [{ category: 'WAGES', amount: '3800' }],
        });
      }
      // 12 months before this one: (3 × 150 + 3 × 3,800) / 6 months / 3 people = 658.33 yuan a head, over 600.
      expect((await eligibility(tokens.window, today)).outcome).toBe('NOT_ELIGIBLE');

      const { version } = await readBenefit(tokens.approver, 'version');
      const noticed = await step(
        system,
        tokens.approver,
        'endBenefit',
        'benefit { id version status endedOn endingNoticeStartsOn endingNoticeEndsOn endingReason }',
        {
          benefitId: benefit.id,
          version,
          endedOn: D.endingNotice,
          reason: '家庭人均收入高于低保标准（监督举报核查后复核）',
        },
      );
      expect(noticed.benefit).toMatchObject({
        status: 'ACTIVE',
        endedOn: null,
        endingNoticeStartsOn: D.endingNotice,
        endingNoticeEndsOn: addCalendarDays(D.endingNotice, 6),
      });
      const inNotice = await must(
        system,
        tokens.window,
        `{ benefits(filter: { inPublicNotice: true }, first: 100) { nodes { id endingNoticeEndsOn } } }`,
      );
      expect(inNotice.benefits.nodes).toContainEqual({
        id: benefit.id,
        endingNoticeEndsOn: addCalendarDays(D.endingNotice, 6),
      });
      const early = await attempt(system, tokens.approver, 'closeEndingNotice', 'benefit { status }', {
        benefitId: benefit.id,
        closedOn: addCalendarDays(D.endingNotice, 6),
      });
      expect(early.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', field: 'input.closedOn' });
      expect((await readBenefit(tokens.approver, 'status')).status, 'still paid during the notice').toBe('ACTIVE');

      const ended = await step(
        system,
        tokens.approver,
        'closeEndingNotice',
        'benefit { status endedOn endCause endReason }',
        {
          benefitId: benefit.id,
          closedOn: today,
        },
      );
      expect(ended.benefit).toEqual({
        status: 'ENDED',
        endedOn: today,
        endCause: 'NO_LONGER_QUALIFIES',
        endReason: '家庭人均收入高于低保标准（监督举报核查后复核）',
      });

      // The next month's roll is written (the monthly job, run ahead): nothing for this family.
      const next = nextPeriod(thisMonth);
      await scheduleRollFor(system.subgraphs.programmes.orm.em.fork(), next);
      const nextRoll = await must(
        system,
        tokens.window,
        `query($j: ID!, $p: String!) { paymentRoll(jurisdictionCode: $j, period: $p) { totals { count } } }`,
        { j: TOWNSHIP, p: next },
      );
      expect(nextRoll.paymentRoll.totals.count).toBe(0);
      // What was paid stays as it was.
      const after = (await readBenefit(tokens.approver, 'payments { id period amount status paidOn version }'))
        .payments;
      expect(after).toEqual(paid);
    });

    it('lets an auditor read this benefit’s trail in the programmes audit log — decisions and payments — for a period (周政办字〔2017〕70号 六(三))', async () => {
      const LOG = `query($filter: AuditLogFilter) { programmesAuditLog(filter: $filter, first: 100) {
      totalCount nodes { action entityType entityId actorId jurisdictionCode detail } } }`;
      const trail = await must(system, tokens.auditor, LOG, {
        filter: { entityId: benefit.id, from: today, to: today },
      });
      expect(trail.programmesAuditLog.nodes.map((n: Data) => n.action).reverse()).toEqual([
        'BENEFIT_PROPOSED',
        'BENEFIT_APPROVED',
        'BENEFIT_ACTIVATED',
        // the complaint's finding opened a review of the relief (监督举报: 件件有核实)
        'BENEFIT_FLAGGED_FOR_REVIEW',
        'BENEFIT_ENDING_NOTICE',
        'BENEFIT_ENDED',
      ]);
      expect(trail.programmesAuditLog.nodes.every((n: Data) => n.jurisdictionCode?.startsWith('141023'))).toBe(true);
      const before = await must(system, tokens.auditor, LOG, {
        filter: { entityId: benefit.id, from: addCalendarDays(today, -30), to: addCalendarDays(today, -1) },
      });
      expect(before.programmesAuditLog.totalCount, 'nothing recorded before today').toBe(0);

      const runs = await must(system, tokens.auditor, LOG, {
        filter: { action: 'ROLL_PAID', jurisdictionCode: COUNTY, from: today, to: today },
      });
      const details = (runs.programmesAuditLog.nodes as Data[]).map((n) => JSON.parse(n.detail));
      expect(details.map((d) => d.period).sort()).toEqual(PAID_MONTHS);
      expect(details.every((d) => d.jurisdictionCode === TOWNSHIP && d.payments === 1)).toBe(true);
      expect(details.reduce((sum, d) => sum + d.totalFen, 0)).toBe(3 * 165_000);

      // Read-only: the auditor pays nothing.
      const pay = await attempt(system, tokens.auditor, 'markPaymentRollPaid', 'run { id }', {
        jurisdictionCode: TOWNSHIP,
        period: thisMonth,
        paidOn: today,
        idempotencyKey: newId(),
      });
      expect(pay.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  },
);
