import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import {
  attempt,
  CASE_FIELDS,
  createHousehold,
  createStaffAndSignIn,
  must,
  REFERRAL_FIELDS,
  step,
  taskOf,
} from '../support/steps.js';

/**
 * 晋检发办字〔2023〕10号 (晋江市, 国家司法救助与社会救助衔接) through the gateway: the procuratorate's case with a green
 * channel (第五条), pay-first in an emergency (第二十条), an early referral with its reason (第十九条), five
 * working days to refer after the investigation and to start the procedure, five to report back (第二十一条),
 * a refusal for one of the six reasons of 第六条, a lead sent the other way (第二十条), and the follow-up (第二十五条).
 * Mid-autumn (25–27 Sept) and National Day (1–7 Oct 2026) fall inside these limits.
 */
let system: System;
const tokens: Record<'procurator' | 'civil' | 'womens', string> = {} as never;
const { jinjiangProcuratorate, jinjiangCivilAffairs, jinjiangWomensFederation } = demo.organisations;
let family: { id: string; members: string[] };
let caseId: string;
const referrals: Record<'civil' | 'womens', { id: string; version: number }> = {} as never;

const readCase = (token: string | null, selection: string) =>
  must(system, token, `query($id: ID!) { case(id: $id) { ${selection} } }`, { id: caseId }).then((d) => d.case);
const referralInput = (to: string, kind: string, sentOn: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  fromOrganisationId: jinjiangProcuratorate.id,
  toOrganisationId: to,
  kind,
  requestedMeasures: ['将当事人纳入社会救助'],
  sentOn,
  ...extra,
});

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.procurator = await system.signIn('jinjiang.procurator', demo.DEMO_PASSWORD);
  tokens.civil = await system.signIn('jinjiang.admin', demo.DEMO_PASSWORD);
  tokens.womens = await createStaffAndSignIn(system, {
    organisationId: jinjiangWomensFederation.id,
    username: 'jinjiang.womens',
    displayName: '晋江市妇联权益部',
    roles: ['AGENCY_STAFF'],
  });
  family = await createHousehold(system, tokens.civil, {
    jurisdictionCode: '350582000000',
    hukouType: 'URBAN',
    members: [
      { name: '陈丽', sex: 'FEMALE', birthDate: '1987-03-02', relationshipToHead: 'SELF', seriousIllness: true },
      {
        name: '陈小雨',
        sex: 'FEMALE',
        birthDate: '2015-08-19',
        relationshipToHead: 'CHILD',
        schoolingStage: 'PRIMARY',
      },
    ],
  });
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe('晋检发办字〔2023〕10号: judicial assistance and social assistance, both ways', { shuffle: false }, () => {
  it('opens the procuratorate’s case in the green channel for a woman and a child (第五条)', async () => {
    const opened = await step(system, tokens.procurator, 'openCase', `case { ${CASE_FIELDS} }`, {
      channel: 'JUDICIAL_ASSISTANCE',
      householdId: family.id,
      jurisdictionCode: '350582000000',
      leadOrganisationId: jinjiangProcuratorate.id,
      summary: '刑事案件被害人重伤，加害人无赔偿能力，家庭生活困难',
      responsiblePerson: '晋江市人民检察院 司法救助专员',
      receivedOn: '2026-09-21',
      priorityGroups: ['WOMAN_IN_HARDSHIP', 'MINOR'],
    });
    caseId = opened.case.id;
    expect(opened.case).toMatchObject({ stage: 'INVESTIGATING', greenChannel: true });
    expect(taskOf(opened.case, 'CONCLUDE_INVESTIGATION')).toMatchObject({ status: 'OPEN', dueDate: null });
  });

  it('pays first when life is in danger, before any referral (第二十条)', async () => {
    await step(system, tokens.procurator, 'recordEmergencyPayment', 'case { id }', {
      caseId,
      paidOn: '2026-09-22',
      amount: '20000',
    });
    const { emergencyPayments } = await readCase(tokens.procurator, 'emergencyPayments { paidOn amount }');
    expect(emergencyPayments).toEqual([{ paidOn: '2026-09-22', amount: '20000.00' }]);
  });

  it('refers before the investigation ends only with a stated reason (第十九条), due to start within 5 working days', async () => {
    const unexplained = await attempt(
      system,
      tokens.procurator,
      'createReferral',
      'referral { id }',
      referralInput(jinjiangCivilAffairs.id, 'SOCIAL_ASSISTANCE', '2026-09-24'),
    );
    expect(unexplained.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.early' });
    const early = await step(
      system,
      tokens.procurator,
      'createReferral',
      `referral { ${REFERRAL_FIELDS} early earlyReason }`,
      referralInput(jinjiangCivilAffairs.id, 'SOCIAL_ASSISTANCE', '2026-09-24', {
        early: { reason: '当事人住院，家中无收入，生活急需救助' },
      }),
    );
    // 24 Sept + 5 working days, across Mid-autumn and National Day: 28, 29, 30 Sept, 8, 9 Oct.
    expect(early.referral).toMatchObject({
      status: 'SENT',
      dueDate: '2026-10-09',
      dueRule: 'RECEIVER_STARTS_PROCEDURE',
      early: true,
    });
    referrals.civil = early.referral;
  });

  it('gives the procuratorate 5 working days after the investigation to refer (第十九条)', async () => {
    const { version } = await readCase(tokens.procurator, 'version');
    const concluded = await step(system, tokens.procurator, 'concludeInvestigation', `case { ${CASE_FIELDS} }`, {
      caseId,
      version,
      concludedOn: '2026-09-29',
    });
    expect(concluded.case.stage).toBe('INVESTIGATION_CONCLUDED');
    expect(taskOf(concluded.case, 'PUSH_REFERRALS')).toMatchObject({
      dueDate: '2026-10-12',
      dueRule: 'JUDICIAL_TO_SOCIAL_REFERRAL',
    });
    const womens = await step(
      system,
      tokens.procurator,
      'createReferral',
      `referral { ${REFERRAL_FIELDS} }`,
      referralInput(jinjiangWomensFederation.id, 'EDUCATION_AID', '2026-09-30'),
    );
    expect(womens.referral).toMatchObject({ dueDate: '2026-10-13' });
    referrals.womens = womens.referral;
  });

  it('starts the receiver’s procedure, then gives it 5 working days after concluding to report back (第二十一条)', async () => {
    const accepted = await step(system, tokens.civil, 'acceptReferral', `referral { ${REFERRAL_FIELDS} }`, {
      referralId: referrals.civil.id,
      version: referrals.civil.version,
      acceptedOn: '2026-10-09',
    });
    expect(accepted.referral).toMatchObject({ status: 'ACCEPTED', dueDate: null });
    const concluded = await step(system, tokens.civil, 'concludeReferral', `referral { ${REFERRAL_FIELDS} }`, {
      referralId: referrals.civil.id,
      version: accepted.referral.version,
      concludedOn: '2026-10-20',
    });
    expect(concluded.referral).toMatchObject({ dueDate: '2026-10-27', dueRule: 'RECEIVER_REPORTS_BACK' });
    const answered = await step(system, tokens.civil, 'answerReferral', `referral { ${REFERRAL_FIELDS} }`, {
      referralId: referrals.civil.id,
      version: concluded.referral.version,
      answeredOn: '2026-10-26',
      measuresTaken: ['纳入低保', '给予临时救助3000元'],
      confidentialNote: '当事人伤情：颅脑损伤，需长期康复',
    });
    expect(answered.referral).toMatchObject({ status: 'ANSWERED', overdue: false });
  });

  it('lets the women’s federation refuse for a reason of 第六条, and the answer cannot be given twice', async () => {
    const declined = await step(
      system,
      tokens.womens,
      'declineReferral',
      `referral { ${REFERRAL_FIELDS} declineReason }`,
      {
        referralId: referrals.womens.id,
        version: referrals.womens.version,
        declinedOn: '2026-10-12',
        reason: 'ALREADY_ASSISTED',
        explanation: '已通过春蕾计划获得资助',
      },
    );
    expect(declined.referral).toMatchObject({ status: 'DECLINED', declineReason: 'ALREADY_ASSISTED' });
    const again = await attempt(system, tokens.womens, 'answerReferral', 'referral { id }', {
      referralId: referrals.womens.id,
      version: declined.referral.version,
      answeredOn: '2026-10-13',
      measuresTaken: ['资助'],
    });
    expect(again.errors?.[0].extensions?.code).toBe('INVALID_STATE');
  });

  it('shows the procuratorate the measures, not the receiver’s confidential note', async () => {
    const seen = await readCase(tokens.procurator, 'referrals { nodes { status measuresTaken confidentialNote } }');
    expect(seen.referrals.nodes.find((r: { status: string }) => r.status === 'ANSWERED')).toEqual({
      status: 'ANSWERED',
      measuresTaken: ['纳入低保', '给予临时救助3000元'],
      confidentialNote: null,
    });
  });

  it('sends a social agency’s judicial-assistance lead to the procuratorate, due within 5 working days (第二十条)', async () => {
    const window = await step(system, tokens.civil, 'openCase', 'case { id }', {
      channel: 'WINDOW_APPLICATION',
      householdId: family.id,
      jurisdictionCode: '350582000000',
      leadOrganisationId: jinjiangCivilAffairs.id,
      summary: '申请人反映系交通肇事受害人，肇事方无力赔偿',
      receivedOn: '2026-10-09',
    });
    const lead = await step(system, tokens.civil, 'createReferral', `referral { ${REFERRAL_FIELDS} }`, {
      caseId: window.case.id,
      fromOrganisationId: jinjiangCivilAffairs.id,
      toOrganisationId: jinjiangProcuratorate.id,
      kind: 'JUDICIAL_ASSISTANCE',
      requestedMeasures: ['审查是否符合国家司法救助条件'],
      sentOn: '2026-10-12',
    });
    expect(lead.referral).toMatchObject({ dueDate: '2026-10-19', dueRule: 'RECEIVER_STARTS_PROCEDURE' });
  });

  it('follows up after the relief and records the outcome (第二十五条)', async () => {
    const scheduled = await step(system, tokens.procurator, 'scheduleFollowUp', 'followUp { id }', {
      caseId,
      organisationId: jinjiangProcuratorate.id,
      dueOn: '2026-11-20',
    });
    const recorded = await step(
      system,
      tokens.procurator,
      'recordFollowUp',
      'followUp { visitedOn outcome needsMoreHelp }',
      {
        followUpId: scheduled.followUp.id,
        visitedOn: '2026-11-18',
        outcome: '低保已发放，孩子正常上学',
        needsMoreHelp: false,
      },
    );
    expect(recorded.followUp).toEqual({
      visitedOn: '2026-11-18',
      outcome: '低保已发放，孩子正常上学',
      needsMoreHelp: false,
    });
  });
});
