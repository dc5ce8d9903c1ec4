import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { createHousehold, must, REFERRAL_FIELDS, step } from '../support/steps.js';

/**
 * 临社救办发〔2015〕3号 (临汾市, 社会救助暂行办法 and its eight programmes) through the gateway: a dibao application made at
 * the township window is transferred to the county civil-affairs bureau, which checks income (按实际收入
 * 计算家庭收入), screens the family, decides with public notice (民主评议、公示、审批) and answers the transfer
 * with the benefit — which the case then shows as it becomes active.
 */
let system: System;
const tokens: Record<'caseworker' | 'admin', string> = {} as never;
const { xinchengTownship, xiangfenCivilAffairs } = demo.organisations;
const dibao = demo.programmes[1];
let family: { id: string; members: string[] };
let caseId: string;
let referral: { id: string; version: number };
let benefit: { id: string; version: number };

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  family = await createHousehold(system, tokens.caseworker, {
    jurisdictionCode: '141023100000',
    hukouType: 'RURAL',
    members: [
      {
        name: '赵红梅',
        sex: 'FEMALE',
        birthDate: '1976-09-09',
        relationshipToHead: 'SELF',
        employmentStatus: 'UNEMPLOYED',
      },
      {
        name: '赵磊',
        sex: 'MALE',
        birthDate: '2009-01-15',
        relationshipToHead: 'CHILD',
        schoolingStage: 'SENIOR_SECONDARY',
      },
    ],
  });
  await step(system, tokens.caseworker, 'recordHouseholdIncome', 'household { id }', {
    householdId: family.id,
    month: '2026-09',
    source: '入户核查',
    amounts: [{ category: 'AGRICULTURE', amount: '600' }],
  });
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe(
  '临社救办发〔2015〕3号: a dibao application from the township window to an active benefit',
  { shuffle: false },
  () => {
    it('transfers the application to the county bureau, due within the window’s conclusion limit', async () => {
      const opened = await step(system, tokens.caseworker, 'openCase', 'case { id stage }', {
        channel: 'WINDOW_APPLICATION',
        householdId: family.id,
        jurisdictionCode: '141023100000',
        leadOrganisationId: xinchengTownship.id,
        summary: '申请最低生活保障：丈夫去年病故，母子二人务农收入低',
        receivedOn: '2026-10-08',
      });
      caseId = opened.case.id;
      const sent = await step(system, tokens.caseworker, 'createReferral', `referral { ${REFERRAL_FIELDS} }`, {
        caseId,
        fromOrganisationId: xinchengTownship.id,
        toOrganisationId: xiangfenCivilAffairs.id,
        kind: 'SOCIAL_ASSISTANCE',
        requestedMeasures: ['低保审核审批'],
        sentOn: '2026-10-09',
      });
      // 9 Oct + 10 working days (the default conclusion limit): 10, 12–16, 19–22 Oct.
      expect(sent.referral).toMatchObject({ status: 'SENT', dueDate: '2026-10-22', dueRule: 'WINDOW_CONCLUDE' });
      referral = sent.referral;
    });

    it('screens the family as eligible for dibao, every condition explained', async () => {
      const screened = await must(
        system,
        tokens.admin,
        `query($id: ID!) { screen(householdId: $id, on: "2026-10-12") { programme { kind } outcome clauses { expression result } } }`,
        { id: family.id },
      );
      const result = screened.screen.find((r: { programme: { kind: string } }) => r.programme.kind === 'DIBAO');
      expect(result).toEqual({
        programme: { kind: 'DIBAO' },
        outcome: 'ELIGIBLE',
        clauses: [
          { expression: 'household.perCapitaIncome < standards.dibaoLine', result: 'TRUE' },
          { expression: 'household.totalAssets < 100000.0', result: 'TRUE' },
        ],
      });
    });

    it('proposes the top-up by formula, approves it at the county and holds it under notice for 7 days', async () => {
      const granted = await step(
        system,
        tokens.caseworker,
        'grantBenefit',
        'benefit { id version amount amountSource approvalLevel }',
        {
          programmeId: dibao.id,
          householdId: family.id,
          grantedOn: '2026-10-12',
          periodStart: '2026-11-01',
          caseId,
          referralId: referral.id,
        },
      );
      // Rural line 600 yuan (demo 临汾市 2026) − 300 yuan per person, for 2 people.
      expect(granted.benefit).toMatchObject({ amount: '600.00', amountSource: 'FORMULA', approvalLevel: 'COUNTY' });
      const approved = await step(
        system,
        tokens.admin,
        'approveBenefit',
        'benefit { id version status noticeEndsOn }',
        {
          benefitId: granted.benefit.id,
          version: granted.benefit.version,
          decidedOn: '2026-10-13',
        },
      );
      expect(approved.benefit).toMatchObject({ status: 'IN_NOTICE', noticeEndsOn: '2026-10-19' });
      const active = await step(system, tokens.admin, 'activateBenefit', 'benefit { id version status }', {
        benefitId: approved.benefit.id,
        version: approved.benefit.version,
        activeFrom: '2026-10-20',
      });
      expect(active.benefit.status).toBe('ACTIVE');
      benefit = active.benefit;
    });

    it('answers the transfer with the benefit, which the case shows as active', async () => {
      const answered = await step(
        system,
        tokens.admin,
        'answerReferral',
        `referral { ${REFERRAL_FIELDS} benefits { id status amount } }`,
        {
          referralId: referral.id,
          version: referral.version,
          answeredOn: '2026-10-20',
          measuresTaken: ['纳入农村低保，每月600元，自2026年11月起'],
          benefitIds: [benefit.id],
        },
      );
      expect(answered.referral).toMatchObject({ status: 'ANSWERED', overdue: false });
      expect(answered.referral.benefits).toEqual([{ id: benefit.id, status: 'ACTIVE', amount: '600.00' }]);
      let relief: { status: string }[] = [];
      for (let i = 0; i < 50 && relief[0]?.status !== 'ACTIVE'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        relief = (
          await must(system, tokens.caseworker, `query($id: ID!) { case(id: $id) { relief { status amount } } }`, {
            id: caseId,
          })
        ).case.relief;
      }
      expect(relief).toEqual([{ status: 'ACTIVE', amount: '600.00' }]);
    });
  },
);
