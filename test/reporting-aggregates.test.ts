import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';
import { createHousehold, must, step, type Data } from './support/steps.js';

/**
 * Issue 13 items 1, 2 and 8 through the gateway: the county dashboard of 襄汾县 (REPORTING) reads the tables of its
 * subtree, with small cells suppressed and clear errors for a bad question. The figures are those of August 2026,
 * a month the demo data leaves empty: 新城镇 12 families (7 by hotline, 5 found by villages), 邓庄镇 2 by hotline.
 */
let system: System;
let dashboard: string;
let dashboardApp: string;
let caseworker: string;
let admin: string;
const XINCHENG = '141023100000';
const DENGZHUANG = '141023101000';
const GUCHENG = '141023102000';
const { xiangfenCivilAffairs, xiangfenEducation, xiangfenPolice } = demo.organisations;
const temporary = demo.programmes[5];

const CASE_STATISTICS = `query($code: ID!, $period: ReportPeriodInput!, $by: [CaseDimension!]!) {
  caseStatistics(jurisdictionCode: $code, period: $period) {
    jurisdiction { code name } period { from to }
    opened(by: $by) { dimensions suppressedCells total { value households suppressed }
      cells { keys value households suppressed jurisdiction { name } } }
    greenChannelShare } }`;

const REFERRAL_TABLE = (field: string) => `query($code: ID!, $period: ReportPeriodInput!, $by: [ReferralDimension!]!) {
  referralStatistics(jurisdictionCode: $code, period: $period) {
    ${field}(by: $by) { dimensions total { value households median suppressed }
      cells { keys value households median suppressed organisation { name } } } } }`;

const AUGUST = { month: '2026-08' };

async function openFamilyCase(jurisdictionCode: string, channel: string, receivedOn: string) {
  const family = await createHousehold(system, admin, {
    jurisdictionCode,
    members: [
      { name: '户主', sex: 'FEMALE', relationshipToHead: 'SELF' },
      { name: '子女', sex: 'MALE', relationshipToHead: 'CHILD' },
    ],
  });
  const opened = await step(system, null, 'openCase', 'case { id }', {
    householdId: family.id,
    channel,
    summary: '求助',
    jurisdictionCode,
    leadOrganisationId: xiangfenCivilAffairs.id,
    receivedOn,
  });
  return { caseId: opened.case.id as string, family };
}

async function refer(caseId: string, toOrganisationId: string) {
  const payload = await step(system, null, 'createReferral', 'referral { id version }', {
    caseId,
    fromOrganisationId: xiangfenPolice.id,
    toOrganisationId,
    kind: 'SOCIAL_ASSISTANCE',
    sentOn: '2026-08-03',
  });
  return payload.referral as { id: string; version: number };
}

/**
 * 新城镇's temporary assistance (临社救办发〔2015〕3号 二(八)): six families get 1,000 yuan, approved by the township;
 * a seventh is proposed 5,000 yuan for each of its two members, which reaches both caps of the year.
 */
async function grantRelief(families: { id: string; members: string[] }[]) {
  const approver = await system.signIn('xincheng.approver', demo.DEMO_PASSWORD);
  const grant = (input: Data) =>
    step(system, caseworker, 'grantBenefit', 'benefit { id version }', {
      programmeId: temporary.id,
      grantedOn: '2026-08-12',
      ...input,
    });
  for (const family of families.slice(0, 6)) {
    const { benefit } = await grant({ householdId: family.id, amount: '1000' });
    await step(system, approver, 'approveBenefit', 'benefit { id }', {
      benefitId: benefit.id,
      version: benefit.version,
      decidedOn: '2026-08-13',
    });
  }
  for (const personId of families[6].members) await grant({ householdId: families[6].id, personId, amount: '5000' });
}

/**
 * 古城镇 publishes its own dibao line for 2026, 600 yuan (rural), and records August's wages of eleven rural families
 * of two: six at 700 yuan a head (low income: from the line to 1.5 × it, 河鱼府发【2021】39号 一), five at 500 (below).
 */
async function incomesOfGucheng() {
  await step(system, null, 'createJurisdiction', 'jurisdiction { code }', {
    code: GUCHENG,
    name: '古城镇',
    parentCode: '141023000000',
  });
  await step(system, admin, 'setLocalStandard', 'standard { id }', {
    jurisdictionCode: GUCHENG,
    year: 2026,
    dibaoUrbanMonthly: '800.00',
    dibaoRuralMonthly: '600.00',
  });
  for (let i = 0; i < 11; i++) {
    const family = await createHousehold(system, admin, {
      jurisdictionCode: GUCHENG,
      hukouType: 'RURAL',
      members: [
        { name: '户主', sex: 'MALE', relationshipToHead: 'SELF' },
        { name: '配偶', sex: 'FEMALE', relationshipToHead: 'SPOUSE' },
      ],
    });
    await step(system, admin, 'recordHouseholdIncome', 'household { id }', {
      householdId: family.id,
      month: '2026-08',
      source: '核对平台',
      amounts: [{ category: 'WAGES', amount: i < 6 ? '1400' : '1000' }],
    });
  }
}

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  dashboard = await system.signIn('xiangfen.dashboard', demo.DEMO_PASSWORD);
  caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  const app = demo.apiClients.find((c) => (c.scopes as readonly string[]).includes('reports:read'))!;
  dashboardApp = (
    await must(
      system,
      null,
      `mutation($input: ClientCredentialsInput!) { issueClientToken(input: $input) { accessToken } }`,
      { input: { clientId: app.id, clientSecret: app.secret } },
    )
  ).issueClientToken.accessToken;
  await step(system, null, 'createJurisdiction', 'jurisdiction { code }', {
    code: DENGZHUANG,
    name: '邓庄镇',
    parentCode: '141023000000',
  });
  const opened = [];
  for (let i = 0; i < 7; i++) opened.push(await openFamilyCase(XINCHENG, 'HOTLINE', `2026-08-0${i + 1}`));
  for (let i = 0; i < 5; i++) opened.push(await openFamilyCase(XINCHENG, 'VILLAGE_DISCOVERY', `2026-08-1${i}`));
  for (let i = 0; i < 2; i++) await openFamilyCase(DENGZHUANG, 'HOTLINE', '2026-08-20');
  const cases = opened.map((o) => o.caseId);
  await grantRelief(opened.map((o) => o.family));
  await incomesOfGucheng();
  // Seven families referred to civil affairs, five to education; civil affairs answers five a week later (5
  // working days) and declines two.
  const toCivilAffairs = [];
  for (const id of cases.slice(0, 7)) toCivilAffairs.push(await refer(id, xiangfenCivilAffairs.id));
  for (const id of cases.slice(7)) await refer(id, xiangfenEducation.id);
  for (const r of toCivilAffairs.slice(0, 5)) {
    await step(system, admin, 'answerReferral', 'referral { id }', {
      referralId: r.id,
      version: r.version,
      answeredOn: '2026-08-10',
      measuresTaken: ['临时救助'],
    });
  }
  for (const r of toCivilAffairs.slice(5)) {
    await step(system, admin, 'declineReferral', 'referral { id }', {
      referralId: r.id,
      version: r.version,
      declinedOn: '2026-08-05',
      reason: 'NOT_ELIGIBLE',
      explanation: '收入高于标准',
    });
  }
});
afterAll(() => system?.stop());

const cell = (table: Data, ...keys: (string | null)[]) =>
  (table.cells as Data[]).find((c) => JSON.stringify(c.keys) === JSON.stringify(keys));

describe('case statistics for the county dashboard (issue 13 item 1)', () => {
  it('counts the cases received in the month by channel, with the total', async () => {
    const data = await must(system, dashboard, CASE_STATISTICS, {
      code: '141023000000',
      period: AUGUST,
      by: ['CHANNEL'],
    });
    const { opened, period, jurisdiction } = data.caseStatistics;
    expect(jurisdiction.name).toBe('襄汾县');
    expect(period).toEqual({ from: '2026-08-01', to: '2026-08-31' });
    expect(opened.dimensions).toEqual(['CHANNEL']);
    expect(cell(opened, 'HOTLINE')).toMatchObject({ value: 9, households: 9, suppressed: false });
    expect(cell(opened, 'VILLAGE_DISCOVERY')).toMatchObject({ value: 5, suppressed: false });
    expect(opened.total).toEqual({ value: 14, households: 14, suppressed: false });
    // Every family has a child: the green channel's MINOR group (晋检发办字〔2023〕10号 第五条).
    expect(data.caseStatistics.greenChannelShare).toBe(1);
  });

  it('rolls townships up by division code, names them, and hides 邓庄镇’s two families and the cell that would give them away', async () => {
    const { opened } = (
      await must(system, dashboard, CASE_STATISTICS, { code: '141023000000', period: AUGUST, by: ['JURISDICTION'] })
    ).caseStatistics;
    expect(cell(opened, DENGZHUANG)).toMatchObject({ value: null, households: null, suppressed: true });
    expect(cell(opened, DENGZHUANG)!.jurisdiction.name).toBe('邓庄镇');
    // 14 − 12 would give 邓庄镇's 2: so 新城镇's 12 is withheld too.
    expect(cell(opened, XINCHENG)).toMatchObject({ value: null, suppressed: true });
    expect(opened.total).toMatchObject({ value: 14, suppressed: false });
    expect(opened.suppressedCells).toBe(2);
  });

  it('cuts by two dimensions and leaves no suppressed cell to subtract from a row or column total', async () => {
    const { opened } = (
      await must(system, dashboard, CASE_STATISTICS, {
        code: '141023000000',
        period: AUGUST,
        by: ['JURISDICTION', 'CHANNEL'],
      })
    ).caseStatistics;
    const hidden = (opened.cells as Data[]).filter((c) => c.suppressed).map((c) => c.keys);
    expect(hidden).toEqual(
      expect.arrayContaining([
        [XINCHENG, 'HOTLINE'],
        [DENGZHUANG, 'HOTLINE'],
        [XINCHENG, null],
        [DENGZHUANG, null],
      ]),
    );
    expect(hidden).toHaveLength(4);
    expect(cell(opened, XINCHENG, 'VILLAGE_DISCOVERY')).toMatchObject({ value: 5 });
    expect(cell(opened, null, 'HOTLINE')).toMatchObject({ value: 9 });
  });

  it('answers a township’s own figures, and the reporting app as well as the dashboard account', async () => {
    const { opened } = (await must(system, dashboardApp, CASE_STATISTICS, { code: XINCHENG, period: AUGUST, by: [] }))
      .caseStatistics;
    expect(opened.total).toMatchObject({ value: 12, households: 12 });
  });
});

describe('referral statistics: how each member unit carried out its part (issue 13 item 1)', () => {
  it('counts referrals sent by receiving organisation, named, and by organisation kind', async () => {
    const byOrganisation = (
      await must(system, dashboard, REFERRAL_TABLE('sent'), {
        code: '141023000000',
        period: AUGUST,
        by: ['RECEIVING_ORGANISATION'],
      })
    ).referralStatistics.sent;
    expect(cell(byOrganisation, xiangfenCivilAffairs.id)).toMatchObject({
      value: 7,
      organisation: { name: xiangfenCivilAffairs.name },
    });
    expect(cell(byOrganisation, xiangfenEducation.id)).toMatchObject({ value: 5 });
    const byKind = (
      await must(system, dashboard, REFERRAL_TABLE('sent'), {
        code: '141023000000',
        period: AUGUST,
        by: ['ORGANISATION_KIND'],
      })
    ).referralStatistics.sent;
    expect(cell(byKind, 'CIVIL_AFFAIRS')).toMatchObject({ value: 7 });
    expect(cell(byKind, 'EDUCATION')).toMatchObject({ value: 5 });
  });

  it('knows the kind of every receiver, the demo’s referrals included (no NONE)', async () => {
    const sent = (
      await must(system, dashboard, REFERRAL_TABLE('sent'), {
        code: '141023000000',
        period: { from: '2026-08-01', to: '2026-11-30' },
        by: ['ORGANISATION_KIND'],
      })
    ).referralStatistics.sent;
    const kinds = (sent.cells as Data[]).map((c) => c.keys[0]);
    expect(kinds.length).toBeGreaterThan(2);
    expect(kinds).not.toContain('NONE');
  });

  it('counts the written answers and their median of working days (5: a week without holidays)', async () => {
    const answered = (
      await must(system, dashboard, REFERRAL_TABLE('answered'), { code: '141023000000', period: AUGUST, by: [] })
    ).referralStatistics.answered;
    expect(answered.total).toMatchObject({ value: 5, households: 5, median: 5, suppressed: false });
  });

  it('withholds the declines: two families are too few to publish', async () => {
    const declined = (
      await must(system, dashboard, REFERRAL_TABLE('declined'), {
        code: '141023000000',
        period: AUGUST,
        by: ['DECLINE_REASON'],
      })
    ).referralStatistics.declined;
    expect(declined.total).toMatchObject({ value: null, median: null, suppressed: true });
    expect(cell(declined, 'NOT_ELIGIBLE')).toMatchObject({ value: null, suppressed: true });
  });
});

const BENEFIT_STATISTICS = `query($code: ID!, $period: ReportPeriodInput!) {
  benefitStatistics(jurisdictionCode: $code, period: $period) {
    granted(by: [PROGRAMME_KIND]) { cells { keys value households persons amount suppressed } total { value households amount } }
    proposed: granted(statuses: [PROPOSED]) { total { value amount suppressed } }
    filings { total { value suppressed } }
    capsReached(by: [CAP]) { total { value households suppressed } } } }`;

describe('benefit statistics: the relief ledger (issue 13 item 1)', () => {
  it('counts the grants decided in the month, the families reached and the yuan granted, by programme kind', async () => {
    const { granted } = (await must(system, dashboard, BENEFIT_STATISTICS, { code: '141023000000', period: AUGUST }))
      .benefitStatistics;
    expect(cell(granted, 'TEMPORARY')).toMatchObject({ value: 6, households: 6, amount: '6000.00', suppressed: false });
    expect(granted.total).toEqual({ value: 6, households: 6, amount: '6000.00' });
  });

  it('withholds the yuan with the count of a single family: its proposals and the caps it reached', async () => {
    const { proposed, filings, capsReached } = (
      await must(system, dashboard, BENEFIT_STATISTICS, { code: '141023000000', period: AUGUST })
    ).benefitStatistics;
    expect(proposed.total).toEqual({ value: null, amount: null, suppressed: true });
    expect(capsReached.total).toEqual({ value: null, households: null, suppressed: true });
    // Nothing filed (备案): an empty count singles out nobody and is published.
    expect(filings.total).toEqual({ value: 0, suppressed: false });
  });
});

const HOUSEHOLD_STATISTICS = `query($code: ID!, $by: [HouseholdDimension!]!) {
  householdStatistics(jurisdictionCode: $code, period: { year: 2026 }) {
    households(by: $by) { cells { keys value households persons suppressed } total { value persons suppressed } } } }`;

describe('household statistics (issue 13 item 1)', () => {
  it('places each family against its township’s own dibao line: low income and below the line', async () => {
    const { households } = (
      await must(system, dashboard, HOUSEHOLD_STATISTICS, { code: GUCHENG, by: ['LOW_INCOME_BAND'] })
    ).householdStatistics;
    expect(cell(households, 'LOW_INCOME')).toMatchObject({ value: 6, households: 6, persons: 12, suppressed: false });
    expect(cell(households, 'BELOW_DIBAO_LINE')).toMatchObject({ value: 5, persons: 10 });
    expect(households.total).toEqual({ value: 11, persons: 22, suppressed: false });
  });

  it('counts hardship categories and relocated families by township, hiding 邓庄镇’s two', async () => {
    const { households } = (
      await must(system, dashboard, HOUSEHOLD_STATISTICS, { code: '141023000000', by: ['JURISDICTION', 'RELOCATED'] })
    ).householdStatistics;
    // 新城镇: twelve families here and the demo’s one; none lives away from its hukou place.
    expect(cell(households, XINCHENG, 'false')).toMatchObject({ value: 13, persons: 26, suppressed: false });
    expect(cell(households, DENGZHUANG, null)).toMatchObject({ value: null, suppressed: true });
    // The smallest other township goes with it, or 26 − 13 − 11 would give 邓庄镇 away.
    expect(cell(households, GUCHENG, null)).toMatchObject({ value: null, suppressed: true });
    expect(households.total).toEqual({ value: 26, persons: 52, suppressed: false });
    const byStatus = (await must(system, dashboard, HOUSEHOLD_STATISTICS, { code: GUCHENG, by: ['MONITORING_STATUS'] }))
      .householdStatistics.households;
    expect(cell(byStatus, 'NONE')).toMatchObject({ value: 11 });
  });
});

describe('bad questions get a clear error code and no figures (issue 13 item 8)', () => {
  const ask = (token: string, code: string, period: Data = AUGUST, by: string[] = []) =>
    system.queryAs(token, CASE_STATISTICS, { code, period, by });
  const extensionsOf = (result: { errors?: readonly { extensions?: Data }[] }) => result.errors?.[0]?.extensions;

  it('refuses a period that runs backwards, naming period.to', async () => {
    const result = await ask(dashboard, '141023000000', { from: '2026-08-31', to: '2026-08-01' });
    expect(extensionsOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.to' });
    expect(result.data?.caseStatistics ?? null).toBeNull();
  });

  it('answers the same FORBIDDEN for a division outside the county, whether it exists or not', async () => {
    const existing = await ask(dashboard, '350582000000');
    const missing = await ask(dashboard, '350582999000');
    expect(extensionsOf(existing)).toMatchObject({ code: 'FORBIDDEN' });
    expect(existing.errors![0].message).toBe(missing.errors![0].message);
    expect(extensionsOf(missing)).toEqual(extensionsOf(existing));
  });

  it('answers NOT_FOUND for an unknown division inside the county, BAD_USER_INPUT for a malformed code', async () => {
    expect(extensionsOf(await ask(dashboard, '141023199000'))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'jurisdictionCode',
    });
    expect(extensionsOf(await ask(dashboard, '1410'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'jurisdictionCode',
    });
  });

  it('refuses a caller without reports:read, three dimensions, and MONTH for a stock', async () => {
    expect(extensionsOf(await ask(caseworker, XINCHENG))).toMatchObject({
      code: 'FORBIDDEN',
      permission: 'reports:read',
    });
    expect(extensionsOf(await ask(dashboard, '141023000000', AUGUST, ['CHANNEL', 'STAGE', 'MONTH']))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'by',
    });
    const stock = await system.queryAs(
      dashboard,
      `{ caseStatistics(jurisdictionCode: "141023000000", period: { month: "2026-08" }) { openAtPeriodEnd(by: [MONTH]) { total { value } } } }`,
    );
    expect(extensionsOf(stock)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'by' });
  });
});
