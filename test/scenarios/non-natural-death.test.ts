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
 * 襄政办发〔2023〕26号 (襄汾县, 非正常死亡案(事)件中的社会救助) 七, end to end through the gateway, across the 2026 National
 * Day holiday (1–7 October; Saturday 10 October is a make-up working day). The visit letter arrives on
 * Wednesday 30 September, the day before the holiday.
 */
let system: System;
const tokens: Record<'police' | 'caseworker' | 'admin' | 'approver', string> = {} as never;
const { xiangfenPolice, xiangfenCivilAffairs, xiangfenAgriculture } = demo.organisations;
let family: { id: string; members: string[] };
let trafficPolice: string;
let caseId: string;
const referrals: Record<'civil' | 'agriculture', { id: string; version: number }> = {} as never;

const SIX_AREAS = [
  { area: 'EDUCATION', situation: '儿子在读初二，学费有困难', needsHelp: true },
  { area: 'ELDERLY_CARE', situation: '婆婆76岁，无养老金', needsHelp: true },
  { area: 'MEDICAL', situation: '母亲患慢性肾病，需长期透析', needsHelp: true },
  { area: 'EMPLOYMENT', situation: '母亲无固定工作', needsHelp: true },
  { area: 'HOUSING', situation: '住房为土坯房，尚可居住', needsHelp: false },
  { area: 'MENTAL_HEALTH', situation: '儿子情绪低落，需心理疏导', needsHelp: true },
];

const readCase = (token: string | null, selection: string) =>
  must(system, token, `query($id: ID!) { case(id: $id) { ${selection} } }`, { id: caseId }).then((d) => d.case);

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
  tokens.caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  tokens.approver = await system.signIn('xincheng.approver', demo.DEMO_PASSWORD);
  family = await createHousehold(system, tokens.caseworker, {
    jurisdictionCode: '141023100000',
    hukouType: 'RURAL',
    members: [
      { name: '刘桂芳', sex: 'FEMALE', birthDate: '1982-06-11', relationshipToHead: 'SELF', seriousIllness: true },
      {
        name: '王浩',
        sex: 'MALE',
        birthDate: '2012-04-03',
        relationshipToHead: 'CHILD',
        schoolingStage: 'JUNIOR_SECONDARY',
      },
      { name: '张秀英', sex: 'FEMALE', birthDate: '1950-01-20', relationshipToHead: 'PARENT', workAbility: 'NONE' },
    ],
  });
  // The unit that handled the death is in the city, not the family's county (襄政办发〔2023〕26号 七(一)).
  trafficPolice = await createOrganisation(system, {
    name: '临汾市公安局交通警察支队',
    kind: 'PUBLIC_SECURITY',
    jurisdictionCode: '141000000000',
  });
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe(
  '襄政办发〔2023〕26号: a non-natural death, from the visit letter to the archived answers',
  { shuffle: false },
  () => {
    it('opens the case when the visit letter arrives, with the visit due in 3 working days (七(二))', async () => {
      const opened = await step(system, tokens.police, 'openCase', `case { ${CASE_FIELDS} }`, {
        channel: 'NON_NATURAL_DEATH',
        householdId: family.id,
        jurisdictionCode: '141023000000',
        leadOrganisationId: xiangfenPolice.id,
        originOrganisationId: trafficPolice,
        summary: '户主王某交通事故死亡，家中有在校子女和老人',
        responsiblePerson: '襄汾县公安局治安大队 李警官',
        receivedOn: '2026-09-30',
        priorityGroups: ['MINOR'],
        idempotencyKey: 'xiangfen-death-letter-2026-0930',
      });
      caseId = opened.case.id;
      expect(opened.case).toMatchObject({ stage: 'LETTER_RECEIVED', status: 'OPEN', greenChannel: true });
      // 30 Sept + 3 working days: 8 Oct, 9 Oct, Saturday 10 Oct (a make-up working day).
      expect(taskOf(opened.case, 'VISIT')).toMatchObject({
        status: 'OPEN',
        dueDate: '2026-10-10',
        dueRule: 'DEATH_CASE_VISIT',
      });
    });

    it('refuses the station’s report before the visit', async () => {
      const { version } = await readCase(tokens.police, 'version');
      const early = await attempt(system, tokens.police, 'reportToLead', 'case { id }', {
        caseId,
        version,
        reportedOn: '2026-10-08',
      });
      expect(early.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    });

    it('records the visit over the six life areas, and gives the station 5 working days to report (七(二)(三))', async () => {
      const missingArea = await attempt(system, tokens.police, 'recordVisit', 'visit { id }', {
        caseId,
        visitedOn: '2026-10-09',
        visitorOrganisationIds: [xiangfenPolice.id],
        findings: SIX_AREAS.slice(0, 5),
        referralRequested: true,
      });
      expect(missingArea.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.findings' });
      await step(system, tokens.police, 'recordVisit', 'visit { id }', {
        caseId,
        visitedOn: '2026-10-09',
        visitorOrganisationIds: [xiangfenPolice.id],
        findings: SIX_AREAS,
        referralRequested: true,
        requestedKinds: ['SOCIAL_ASSISTANCE', 'RURAL_SUPPORT', 'EDUCATION_AID'],
      });
      const visited = await readCase(tokens.police, CASE_FIELDS);
      expect(visited.stage).toBe('VISITED');
      expect(taskOf(visited, 'VISIT')).toMatchObject({ status: 'DONE', completedOn: '2026-10-09' });
      // 9 Oct + 5 working days: 10, 12, 13, 14, 15 Oct.
      expect(taskOf(visited, 'STATION_REPORT')).toMatchObject({ status: 'OPEN', dueDate: '2026-10-15' });
    });

    it('gives the lead department 7 working days from the report to push referrals (七(三))', async () => {
      const { version } = await readCase(tokens.police, 'version');
      const reported = await step(system, tokens.police, 'reportToLead', `case { ${CASE_FIELDS} }`, {
        caseId,
        version,
        reportedOn: '2026-10-15',
      });
      expect(reported.case.stage).toBe('REPORTED');
      // 15 Oct + 7 working days: 16, 19, 20, 21, 22, 23, 26 Oct.
      expect(taskOf(reported.case, 'PUSH_REFERRALS')).toMatchObject({
        dueDate: '2026-10-26',
        dueRule: 'DEATH_CASE_REFERRALS',
      });
    });

    it('pushes referrals to civil affairs and, the family being rural, to agriculture — each answer due in one month (七(三)(五))', async () => {
      for (const [key, to, kind] of [
        ['civil', xiangfenCivilAffairs.id, 'SOCIAL_ASSISTANCE'],
        ['agriculture', xiangfenAgriculture.id, 'RURAL_SUPPORT'],
      ] as const) {
        const sent = await step(system, tokens.police, 'createReferral', `referral { ${REFERRAL_FIELDS} }`, {
          caseId,
          fromOrganisationId: xiangfenPolice.id,
          toOrganisationId: to,
          kind,
          requestedMeasures: ['核实家庭情况，按政策给予救助'],
          sentOn: '2026-10-20',
        });
        expect(sent.referral).toMatchObject({
          status: 'SENT',
          dueDate: '2026-11-20',
          dueRule: 'AGENCY_WRITTEN_ANSWER',
        });
        referrals[key] = sent.referral;
      }
      const { version } = await readCase(tokens.police, 'version');
      await step(system, tokens.police, 'completeReferrals', 'case { id }', {
        caseId,
        version,
        completedOn: '2026-10-20',
      });
      const referred = await readCase(tokens.police, CASE_FIELDS);
      expect(referred.stage).toBe('REFERRED');
      expect(taskOf(referred, 'PUSH_REFERRALS')).toMatchObject({ status: 'DONE', completedOn: '2026-10-20' });
    });

    it('puts the referral in civil affairs’ inbox, soonest due first', async () => {
      const inbox = await must(
        system,
        tokens.admin,
        `query($id: ID!) { organisation(id: $id) { inbox { nodes { kind dueDate referral { id } } } } }`,
        { id: xiangfenCivilAffairs.id },
      );
      const items = inbox.organisation.inbox.nodes as {
        kind: string;
        dueDate: string | null;
        referral: { id: string } | null;
      }[];
      expect(
        items.some((i) => i.kind === 'REFERRAL' && i.referral?.id === referrals.civil.id && i.dueDate === '2026-11-20'),
      ).toBe(true);
      const dates = items.map((i) => i.dueDate).filter((d): d is string => d !== null);
      expect(dates).toEqual([...dates].sort());
    });

    it('answers with the relief granted in programmes, which shows on the case (七(四)(五))', async () => {
      const granted = await step(system, tokens.caseworker, 'grantBenefit', 'benefit { id version }', {
        programmeId: demo.programmes[5].id,
        householdId: family.id,
        amount: '800',
        grantedOn: '2026-10-26',
        caseId,
        referralId: referrals.civil.id,
      });
      await step(system, tokens.approver, 'approveBenefit', 'benefit { status }', {
        benefitId: granted.benefit.id,
        version: granted.benefit.version,
        decidedOn: '2026-10-27',
      });
      const answered = await step(
        system,
        tokens.admin,
        'answerReferral',
        `referral { ${REFERRAL_FIELDS} benefits { id amount status } }`,
        {
          referralId: referrals.civil.id,
          version: referrals.civil.version,
          answeredOn: '2026-10-28',
          measuresTaken: ['给予临时救助800元', '启动低保审核'],
          benefitIds: [granted.benefit.id],
          confidentialNote: '母亲透析费用高，建议医疗救助跟进',
        },
      );
      expect(answered.referral).toMatchObject({ status: 'ANSWERED', overdue: false });
      expect(answered.referral.benefits).toEqual([{ id: granted.benefit.id, amount: '800.00', status: 'APPROVED' }]);
    });

    it('lets agriculture decline with its reason, and shows the police what was decided but not the medical details (八(五))', async () => {
      await step(system, null, 'declineReferral', `referral { ${REFERRAL_FIELDS} }`, {
        referralId: referrals.agriculture.id,
        version: referrals.agriculture.version,
        declinedOn: '2026-10-29',
        reason: 'NOT_ELIGIBLE',
        explanation: '该户不属于脱贫户或防返贫监测对象',
      });
      const seenByPolice = await readCase(
        tokens.police,
        `referrals { nodes { status measuresTaken confidentialNote declineReason benefits { amount } } } visits { findings { area situation } }`,
      );
      const civil = seenByPolice.referrals.nodes.find((r: { status: string }) => r.status === 'ANSWERED');
      expect(civil).toMatchObject({ measuresTaken: ['给予临时救助800元', '启动低保审核'], confidentialNote: null });
      // The amount is relief data the police may not read (programmes decides): the benefit reads null to them.
      expect(civil.benefits).toEqual([null]);
      expect(seenByPolice.referrals.nodes.find((r: { status: string }) => r.status === 'DECLINED').declineReason).toBe(
        'NOT_ELIGIBLE',
      );
      const medical = seenByPolice.visits[0].findings.find((f: { area: string }) => f.area === 'MEDICAL');
      expect(medical.situation).toBeNull();
      const seenByCaseworker = await readCase(tokens.caseworker, `visits { findings { area situation } }`);
      expect(seenByCaseworker.visits[0].findings.find((f: { area: string }) => f.area === 'MEDICAL').situation).toBe(
        '母亲患慢性肾病，需长期透析',
      );
    });

    it('archives the answers with a receipt, schedules a follow-up visit, and keeps every step on the timeline (七(五)(六))', async () => {
      const current = await readCase(tokens.police, `referrals { nodes { id version status } }`);
      for (const referral of current.referrals.nodes) {
        const receipted = await step(system, tokens.police, 'acknowledgeReceipt', 'referral { status receiptOn }', {
          referralId: referral.id,
          version: referral.version,
          receivedOn: '2026-10-30',
        });
        expect(receipted.referral).toEqual({ status: 'RECEIPTED', receiptOn: '2026-10-30' });
      }
      const followUp = await step(system, tokens.police, 'scheduleFollowUp', 'followUp { id dueOn }', {
        caseId,
        organisationId: xiangfenCivilAffairs.id,
        dueOn: '2027-01-15',
      });
      expect(followUp.followUp.dueOn).toBe('2027-01-15');
      const timeline = (await readCase(null, `timeline { kind actorOrganisation { id } at }`)).timeline as {
        kind: string;
        actorOrganisation: { id: string } | null;
      }[];
      expect(timeline[0].kind).toBe('CASE_OPENED');
      expect(timeline.map((e) => e.kind)).toEqual(
        expect.arrayContaining([
          'VISIT_RECORDED',
          'REFERRAL_SENT',
          'REFERRAL_ANSWERED',
          'REFERRAL_DECLINED',
          'RECEIPT_ACKNOWLEDGED',
        ]),
      );
      expect(timeline.find((e) => e.kind === 'CASE_OPENED')!.actorOrganisation).toEqual({ id: xiangfenPolice.id });
    });

    it('shows on the case the relief approved for it (an event from programmes)', async () => {
      let relief: { status: string }[] = [];
      for (let i = 0; i < 50 && relief.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        relief = (await readCase(null, 'relief { status amount }')).relief;
      }
      expect(relief).toEqual([{ status: 'APPROVED', amount: '800.00' }]);
    });
  },
);
