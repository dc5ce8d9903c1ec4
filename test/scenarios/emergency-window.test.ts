import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import {
  attempt,
  CASE_FIELDS,
  createHousehold,
  createOrganisation,
  must,
  REFERRAL_FIELDS,
  step,
  taskOf,
} from '../support/steps.js';

/**
 * 周政办字〔2017〕70号 (周村区 "救急难") through the gateway: whoever is asked first brings the applicant to the single
 * window (首问负责制, 四(四)); the window registers, transfers (转办) with time limits the district sets and
 * concludes (办结) (一门受理、协同办理, 四(二)). The transfer starts on the eve of National Day 2026.
 */
let system: System;
const { zhoucunCivilAffairs } = demo.organisations;
let hospital: string;
let medicalSecurity: string;
let family: { id: string };
let caseId: string;

const readCase = (selection: string) =>
  must(system, null, `query($id: ID!) { case(id: $id) { ${selection} } }`, { id: caseId }).then((d) => d.case);

beforeAll(async () => {
  system = await startSystem({ demoData: true });
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
  family = await createHousehold(system, await system.signIn('doudi.admin', demo.DEMO_PASSWORD), {
    jurisdictionCode: '370306000000',
    hukouType: 'URBAN',
    members: [
      { name: '孙建国', sex: 'MALE', birthDate: '1968-12-01', relationshipToHead: 'SELF', seriousIllness: true },
    ],
  });
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe('周政办字〔2017〕70号: first-question responsibility and the single window', { shuffle: false }, () => {
  it('registers a call to the hospital, which must bring the applicant to the window before anything is transferred', async () => {
    const opened = await step(
      system,
      null,
      'openCase',
      `case { ${CASE_FIELDS} atWindow firstQuestionOrganisation { id } }`,
      {
        channel: 'HOTLINE',
        householdId: family.id,
        jurisdictionCode: '370306000000',
        leadOrganisationId: zhoucunCivilAffairs.id,
        firstQuestionOrganisationId: hospital,
        summary: '患者突发脑出血，无力支付手术费，向医院求助',
        receivedOn: '2026-09-29',
      },
    );
    caseId = opened.case.id;
    expect(opened.case).toMatchObject({
      stage: 'REGISTERED',
      atWindow: false,
      firstQuestionOrganisation: { id: hospital },
    });
    const tooSoon = await attempt(system, null, 'createReferral', 'referral { id }', {
      caseId,
      fromOrganisationId: zhoucunCivilAffairs.id,
      toOrganisationId: medicalSecurity,
      kind: 'MEDICAL_AID',
      sentOn: '2026-09-30',
    });
    expect(tooSoon.errors?.[0].extensions?.code).toBe('INVALID_STATE');
  });

  it('gives the window 1 working day to transfer once the applicant is brought to it', async () => {
    const { version } = await readCase('version');
    const brought = await step(system, null, 'bringToWindow', `case { ${CASE_FIELDS} atWindow }`, {
      caseId,
      version,
      windowOrganisationId: zhoucunCivilAffairs.id,
      broughtOn: '2026-09-30',
    });
    expect(brought.case.atWindow).toBe(true);
    // 30 Sept + 1 working day, after the National Day holiday: 8 Oct.
    expect(taskOf(brought.case, 'TRANSFER')).toMatchObject({
      status: 'OPEN',
      dueDate: '2026-10-08',
      dueRule: 'WINDOW_TRANSFER',
    });
  });

  it('transfers to medical security with the district’s own conclusion limit (四(二): 制定转办流程和办结时限)', async () => {
    await must(system, null, `mutation($input: SetDeadlineInput!) { setDeadline(input: $input) { rule amount } }`, {
      input: {
        jurisdictionCode: '370306000000',
        rule: 'WINDOW_CONCLUDE',
        amount: 5,
        reason: '周村区救急难转办事项5个工作日内办结',
      },
    });
    const transferred = await step(system, null, 'createReferral', `referral { ${REFERRAL_FIELDS} }`, {
      caseId,
      fromOrganisationId: zhoucunCivilAffairs.id,
      toOrganisationId: medicalSecurity,
      kind: 'MEDICAL_AID',
      requestedMeasures: ['医疗救助', '先诊疗后付费'],
      sentOn: '2026-10-08',
    });
    // 8 Oct + 5 working days: 9, 10 (make-up Saturday), 12, 13, 14 Oct.
    expect(transferred.referral).toMatchObject({ status: 'SENT', dueDate: '2026-10-14', dueRule: 'WINDOW_CONCLUDE' });
    const current = await readCase(CASE_FIELDS);
    expect(current.stage).toBe('TRANSFERRED');
    expect(taskOf(current, 'TRANSFER')).toMatchObject({ status: 'DONE', completedOn: '2026-10-08' });
  });

  it('will not close while the transfer is unanswered, then concludes and closes (办结)', async () => {
    const open = await readCase('version referrals { nodes { id version } }');
    const early = await attempt(system, null, 'closeCase', 'case { id }', {
      caseId,
      version: open.version,
      closedOn: '2026-10-12',
      reason: '办结',
    });
    expect(early.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    await step(system, null, 'answerReferral', 'referral { status }', {
      referralId: open.referrals.nodes[0].id,
      version: open.referrals.nodes[0].version,
      answeredOn: '2026-10-13',
      measuresTaken: ['医疗救助报销 12,000 元'],
    });
    const { version } = await readCase('version');
    const concluded = await step(system, null, 'concludeCase', 'case { stage version }', {
      caseId,
      version,
      concludedOn: '2026-10-14',
    });
    expect(concluded.case.stage).toBe('CONCLUDED');
    const closed = await step(system, null, 'closeCase', 'case { stage status }', {
      caseId,
      version: concluded.case.version,
      closedOn: '2026-10-14',
      reason: '救助到位',
    });
    expect(closed.case).toEqual({ stage: 'CLOSED', status: 'CLOSED' });
  });

  it('registers a walk-in application at the window with the transfer due the next working day', async () => {
    const opened = await step(system, null, 'openCase', `case { ${CASE_FIELDS} }`, {
      channel: 'WINDOW_APPLICATION',
      householdId: family.id,
      jurisdictionCode: '370306000000',
      leadOrganisationId: zhoucunCivilAffairs.id,
      summary: '家中失火，申请临时救助',
      receivedOn: '2026-10-09',
    });
    // Friday 9 Oct + 1 working day: Saturday 10 Oct is a make-up working day.
    expect(taskOf(opened.case, 'TRANSFER')).toMatchObject({ dueDate: '2026-10-10' });
  });
});
