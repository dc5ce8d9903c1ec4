import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { shanghaiDate } from '@doudi/shared';
import { xiangfenJointMeeting } from '../subgraphs/organisations/src/joint-meeting/joint-meeting.demo.js';
import { startSystem, type System } from './support/system.js';
import { attempt, codeOf, createHousehold, must, step, type Data } from './support/steps.js';

/**
 * Issue 13 item 4 through the gateway: 襄汾县's joint meeting (襄政办发〔2023〕26号 附件1 第九条) reads last year's
 * figures from the system — six families of 新城镇, each referred to the education bureau and answered, five on time
 * — beside its members' own reports, approves the summary in a session of this year, and it is read-only after.
 * One story told in order.
 */
const XINCHENG = '141023100000';
const lastYear = Number(shanghaiDate().slice(0, 4)) - 1;
const meetingId = xiangfenJointMeeting.meeting.id;
const { xiangfenCivilAffairs, xiangfenEducation, xiangfenPolice } = demo.organisations;

let system: System;
let admin: string;
let dashboard: string;
let sessionId: string;

const SUMMARY = `status approvedAt approvedInSessionId
  figures { casesOpened familiesReached referralsSent referralsAnswered answeredOnTime answeredLate followUps
    reliefGrants anySuppressed
    memberUnits { organisation { id name } member sent answered answeredOnTime answeredLate declined } }
  memberReports { organisation { id } received late }`;

const summaryOf = async (token: string, fields = SUMMARY) =>
  (
    await must(
      system,
      token,
      `query($id: ID!, $year: Int!) { jointMeeting(id: $id) { annualSummary(year: $year) { ${fields} } } }`,
      {
        id: meetingId,
        year: lastYear,
      },
    )
  ).jointMeeting.annualSummary;

/** A family of 新城镇 whose case came in last spring; the education bureau was asked and answered, on time or not. */
async function familyReferredAndAnswered(i: number, answeredOn: string) {
  const family = await createHousehold(system, admin, {
    jurisdictionCode: XINCHENG,
    members: [{ name: `户主${i}`, sex: 'FEMALE', relationshipToHead: 'SELF' }],
  });
  const opened = await step(system, null, 'openCase', 'case { id }', {
    householdId: family.id,
    channel: 'WINDOW_APPLICATION',
    summary: '申请救助',
    jurisdictionCode: XINCHENG,
    leadOrganisationId: xiangfenCivilAffairs.id,
    receivedOn: `${lastYear}-03-02`,
  });
  const referral = (
    await step(system, null, 'createReferral', 'referral { id version dueDate }', {
      caseId: opened.case.id,
      fromOrganisationId: xiangfenPolice.id,
      toOrganisationId: xiangfenEducation.id,
      kind: 'EDUCATION_AID',
      sentOn: `${lastYear}-03-03`,
    })
  ).referral;
  await step(system, admin, 'answerReferral', 'referral { id }', {
    referralId: referral.id,
    version: referral.version,
    answeredOn,
    measuresTaken: ['纳入教育救助'],
  });
}

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  dashboard = await system.signIn('xiangfen.dashboard', demo.DEMO_PASSWORD);
  for (let i = 0; i < 6; i++) await familyReferredAndAnswered(i, i < 5 ? `${lastYear}-03-10` : `${lastYear}-09-30`);
  await step(system, admin, 'submitMemberAnnualReport', 'annualReport { id }', {
    meetingId,
    organisationId: xiangfenEducation.id,
    year: lastYear,
    summary: '全年办理教育救助转介6件',
  });
  const session = await step(system, admin, 'recordJointMeetingSession', 'session { id }', {
    meetingId,
    kind: 'PLENARY',
    date: `${lastYear + 1}-01-15`,
    title: `${lastYear}年度全体会议`,
  });
  sessionId = session.session.id;
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe('the joint meeting’s annual summary (襄政办发〔2023〕26号 附件1 第九条)', { shuffle: false }, () => {
  it('shows last year’s figures from cases, by member unit, beside the members’ own reports (a draft)', async () => {
    const summary = await summaryOf(admin);
    expect(summary.status).toBe('DRAFT');
    expect(summary.figures).toMatchObject({
      casesOpened: 6,
      familiesReached: 6,
      referralsSent: 6,
      referralsAnswered: 6,
      followUps: 0,
      reliefGrants: 0,
    });
    const education = summary.figures.memberUnits.find((u: Data) => u.organisation.id === xiangfenEducation.id);
    expect(education).toMatchObject({ member: true, sent: 6, answered: 6, declined: 0 });
    // Five answered on time and one late: the late one is a single family, withheld with what would give it away.
    expect(education.answeredLate).toBeNull();
    expect(summary.figures.anySuppressed).toBe(true);
    const reports = new Map(summary.memberReports.map((r: Data) => [r.organisation.id, r]));
    expect(reports.get(xiangfenEducation.id)).toMatchObject({ received: true });
    expect(reports.get(xiangfenCivilAffairs.id)).toMatchObject({ received: false });
  });

  it('is approved by the meeting in a session held after the year, and the figures are frozen', async () => {
    const refused = await attempt(system, admin, 'approveAnnualSummary', 'annualSummary { status }', {
      meetingId,
      year: Number(shanghaiDate().slice(0, 4)),
      sessionId,
    });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    const approved = await step(system, admin, 'approveAnnualSummary', `annualSummary { ${SUMMARY} }`, {
      meetingId,
      year: lastYear,
      sessionId,
      idempotencyKey: `summary-${lastYear}`,
    });
    expect(approved.annualSummary).toMatchObject({ status: 'APPROVED', approvedInSessionId: sessionId });
    // A seventh family afterwards, and a late report: the approved summary does not move.
    await familyReferredAndAnswered(7, `${lastYear}-03-10`);
    await step(system, admin, 'submitMemberAnnualReport', 'annualReport { id }', {
      meetingId,
      organisationId: xiangfenCivilAffairs.id,
      year: lastYear,
      summary: '补交',
    });
    const read = await summaryOf(admin);
    expect(read).toEqual(approved.annualSummary);
    expect(read.figures.casesOpened).toBe(6);
  });

  it('is read-only once approved: approving again is refused, a retry answers the approval made', async () => {
    const again = await attempt(system, admin, 'approveAnnualSummary', 'annualSummary { status }', {
      meetingId,
      year: lastYear,
      sessionId,
    });
    expect(codeOf(again)).toBe('INVALID_STATE');
    const retry = await step(system, admin, 'approveAnnualSummary', 'annualSummary { status approvedAt }', {
      meetingId,
      year: lastYear,
      sessionId,
      idempotencyKey: `summary-${lastYear}`,
    });
    expect(retry.annualSummary.status).toBe('APPROVED');
  });

  it('is read by the county dashboard, refused to an agency desk, and approved by no one without meetings:write', async () => {
    expect((await summaryOf(dashboard, 'status figures { casesOpened }')).figures.casesOpened).toBe(6);
    const police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
    const refused = await system.queryAs(
      police,
      `query($id: ID!, $year: Int!) { jointMeeting(id: $id) { annualSummary(year: $year) { status } } }`,
      { id: meetingId, year: lastYear },
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const approve = await attempt(system, dashboard, 'approveAnnualSummary', 'annualSummary { status }', {
      meetingId,
      year: lastYear - 1,
      sessionId,
    });
    expect(codeOf(approve)).toBe('FORBIDDEN');
  });

  it('exports the approved summary as a workbook titled with the county, the meeting and the year', async () => {
    const data = await must(
      system,
      admin,
      `query($id: ID!, $year: Int!) { jointMeeting(id: $id) { annualSummary(year: $year) {
         xlsx: export(format: XLSX) { fileName contentBase64 } csv: export(format: CSV) { contentBase64 } } } }`,
      { id: meetingId, year: lastYear },
    );
    const { xlsx, csv } = data.jointMeeting.annualSummary;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    const figures = workbook.getWorksheet('年度数据')!;
    expect(figures.getCell('A1').value).toBe(
      `襄汾县 ${xiangfenJointMeeting.meeting.name} ${lastYear}年度救助帮扶总体工作情况`,
    );
    expect(figures.getRow(4).values).toEqual([undefined, '受理案（事）件数', 6]);
    const members = workbook.getWorksheet('成员单位')!;
    const rows = members.getSheetValues().slice(4) as unknown[][];
    expect(rows.find((r) => r?.[1] === '襄汾县教育科技局')?.slice(1, 5)).toEqual(['襄汾县教育科技局', '是', 6, 6]);
    const bytes = Buffer.from(csv.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('成员单位上一年度工作报告');
  });
});
