import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { attempt, CASE_FIELDS, createHousehold, must, step, taskOf } from '../support/steps.js';

/**
 * 河鱼府发【2021】39号 (城口县河鱼乡, 社会救助主动发现) through the gateway: a village point finds a family (villages visit
 * but do not take applications, 二(一)); the township station assigns the lead to an office as a checklist
 * item (二(四)); the special case goes to collective review, public notice, and on to approval when nobody
 * objects (二(五)) — publicity only with the family's consent (docs/architecture.md).
 */
let system: System;
let token: string;
const { heyuStation, heyuVillagePoint, heyuVillage, heyuTownship } = demo.organisations;
let family: { id: string; members: string[] };
let caseId: string;
let noticeId: string;

const readCase = (selection: string) =>
  must(system, token, `query($id: ID!) { case(id: $id) { ${selection} } }`, { id: caseId }).then((d) => d.case);

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  token = await system.signIn('heyu.caseworker', demo.DEMO_PASSWORD);
  family = await createHousehold(system, token, {
    jurisdictionCode: '500229218001',
    hukouType: 'RURAL',
    members: [
      { name: '王德明', sex: 'MALE', birthDate: '1948-07-07', relationshipToHead: 'SELF', workAbility: 'NONE' },
      { name: '王小军', sex: 'MALE', birthDate: '2016-02-14', relationshipToHead: 'GRANDCHILD', unattendedChild: true },
    ],
  });
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe(
  '河鱼府发【2021】39号: from a village’s discovery to a decision after public notice',
  { shuffle: false },
  () => {
    it('takes the village’s lead at the township station, waiting to be assigned', async () => {
      const opened = await step(system, token, 'openCase', `case { ${CASE_FIELDS} }`, {
        channel: 'VILLAGE_DISCOVERY',
        householdId: family.id,
        jurisdictionCode: '500229218000',
        leadOrganisationId: heyuStation.id,
        originOrganisationId: heyuVillagePoint.id,
        summary: '独居老人抚养事实无人抚养孙子，房屋漏雨',
        receivedOn: '2026-09-28',
      });
      caseId = opened.case.id;
      expect(opened.case.stage).toBe('LEAD');
      expect(taskOf(opened.case, 'ASSIGN_LEAD')).toMatchObject({ status: 'OPEN' });
    });

    it('refuses a visit before the lead is assigned, then assigns it to the civil-affairs office', async () => {
      const visit = {
        caseId,
        visitedOn: '2026-09-29',
        visitorOrganisationIds: [heyuVillage.id],
        findings: [{ area: 'HOUSING', situation: '土坯房屋顶漏雨', needsHelp: true }],
        referralRequested: false,
      };
      expect((await attempt(system, token, 'recordVisit', 'visit { id }', visit)).errors?.[0].extensions?.code).toBe(
        'INVALID_STATE',
      );
      const { version } = await readCase('version');
      const assigned = await step(system, token, 'assignLead', `case { ${CASE_FIELDS} }`, {
        caseId,
        version,
        officeOrganisationId: heyuTownship.id,
        assignedOn: '2026-09-28',
      });
      expect(assigned.case.stage).toBe('ASSIGNED');
      expect(taskOf(assigned.case, 'ASSIGN_LEAD').status).toBe('DONE');
      await step(system, token, 'recordVisit', 'visit { id }', visit);
      expect((await readCase('stage')).stage).toBe('VISITED');
    });

    it('puts the special case to collective review, and will not publish it without the family’s consent', async () => {
      const { version } = await readCase('version');
      const reviewed = await step(system, token, 'submitForReview', 'case { stage version }', {
        caseId,
        version,
        reviewedOn: '2026-10-09',
        conclusion: '乡救助指挥站集中研究会审：拟纳入特困供养，孙子按事实无人抚养儿童保障',
      });
      expect(reviewed.case.stage).toBe('IN_REVIEW');
      const notice = {
        caseId,
        version: reviewed.case.version,
        startsOn: '2026-10-12',
        days: 7,
        content: '拟将王德明纳入特困人员救助供养',
      };
      const withoutConsent = await attempt(system, token, 'startPublicNotice', 'notice { id }', notice);
      expect(withoutConsent.errors?.[0].extensions?.code).toBe('INVALID_STATE');
      await step(system, token, 'recordConsent', 'consent { id }', {
        householdId: family.id,
        personId: family.members[0],
        purpose: 'PUBLICITY',
        scope: '在村务公开栏公示姓名和拟救助类别',
      });
      const started = await step(system, token, 'startPublicNotice', 'notice { id startsOn endsOn days }', notice);
      noticeId = started.notice.id;
      expect(started.notice).toMatchObject({ startsOn: '2026-10-12', endsOn: '2026-10-18', days: 7 });
      expect((await readCase('stage')).stage).toBe('IN_NOTICE');
    });

    it('takes objections only during the notice, and closes it only after its last day', async () => {
      const late = await attempt(system, token, 'recordObjection', 'notice { id }', {
        noticeId,
        receivedOn: '2026-10-20',
        content: '逾期异议',
      });
      expect(['BAD_USER_INPUT', 'INVALID_STATE']).toContain(late.errors?.[0].extensions?.code);
      const tooEarly = await attempt(system, token, 'closePublicNotice', 'notice { id }', {
        noticeId,
        closedOn: '2026-10-18',
        outcome: 'NO_OBJECTION',
      });
      expect(tooEarly.errors).toBeDefined();
      const closed = await step(
        system,
        token,
        'closePublicNotice',
        'notice { outcome closedOn objections { content } }',
        {
          noticeId,
          closedOn: '2026-10-19',
          outcome: 'NO_OBJECTION',
        },
      );
      expect(closed.notice).toEqual({ outcome: 'NO_OBJECTION', closedOn: '2026-10-19', objections: [] });
      const decided = await readCase('stage timeline { kind }');
      expect(decided.stage).toBe('DECIDED');
      expect(decided.timeline.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining([
          'CASE_OPENED',
          'LEAD_ASSIGNED',
          'VISIT_RECORDED',
          'REVIEW_SUBMITTED',
          'NOTICE_STARTED',
          'NOTICE_CLOSED',
        ]),
      );
    });
  },
);
