import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import {
  CASE,
  REFERRAL,
  SIX_AREAS,
  failure,
  ok,
  people,
  startCasesWithNeighbours,
  mutation,
  taskOf,
  type Neighbourhood,
} from '../test-support.js';

/** Each channel's workflow (WORKFLOWS.md): the happy path, and steps out of order refused with INVALID_STATE. */
let n: Neighbourhood;
const o = demo.organisations;
const [xincheng, jinjiang, heyu] = demo.households;

beforeAll(async () => {
  n = await startCasesWithNeighbours();
});
afterAll(() => n?.stop());

type Data = Record<string, any>;

async function attempt(principal: Principal, name: string, input: Data, selection = `case { ${CASE} }`) {
  return n.query(mutation(name, selection), { input }, principal);
}
async function step(principal: Principal, name: string, input: Data, selection = `case { ${CASE} }`) {
  return ok(await attempt(principal, name, input, selection))[name];
}
async function readCase(id: string, principal: Principal = people.police, selection = CASE) {
  return ok(await n.query(`query($id: ID!) { case(id: $id) { ${selection} } }`, { id }, principal)).case;
}
const open = (principal: Principal, input: Data) => step(principal, 'openCase', input).then((p: Data) => p.case);

describe('a non-natural death case (襄政办发〔2023〕26号 七)', () => {
  let found: Data;

  it('starts at LETTER_RECEIVED with the visit due, and cannot be reported on before the visit', async () => {
    found = await open(people.police, {
      channel: 'NON_NATURAL_DEATH',
      householdId: xincheng.id,
      jurisdictionCode: '141023000000',
      leadOrganisationId: o.xiangfenPolice.id,
      summary: '户主交通事故死亡，留有在校子女',
      receivedOn: '2026-09-30',
      priorityGroups: ['MINOR', 'MINOR'],
    });
    expect(found).toMatchObject({ stage: 'LETTER_RECEIVED', status: 'OPEN', greenChannel: true });
    const early = await attempt(people.police, 'reportToLead', {
      caseId: found.id,
      version: found.version,
      reportedOn: '2026-10-08',
    });
    expect(failure(early).code).toBe('INVALID_STATE');
  });

  it('takes a visit only over all six life areas, then gives the station 5 working days to report', async () => {
    const visit = {
      caseId: found.id,
      visitedOn: '2026-10-09',
      visitorOrganisationIds: [o.xiangfenPolice.id],
      referralRequested: true,
      requestedKinds: ['SOCIAL_ASSISTANCE'],
    };
    const partial = await attempt(
      people.police,
      'recordVisit',
      { ...visit, findings: SIX_AREAS.slice(1) },
      'visit { id }',
    );
    expect(failure(partial)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.findings', missing: ['EDUCATION'] });
    await step(people.police, 'recordVisit', { ...visit, findings: SIX_AREAS }, 'visit { id }');
    found = await readCase(found.id);
    expect(found.stage).toBe('VISITED');
    expect(taskOf(found, 'VISIT')).toMatchObject({ status: 'DONE', completedOn: '2026-10-09' });
    expect(taskOf(found, 'STATION_REPORT')).toMatchObject({ status: 'OPEN', dueDate: '2026-10-15' });
    const again = await attempt(people.police, 'recordVisit', { ...visit, findings: SIX_AREAS }, 'visit { id }');
    expect(failure(again).code).toBe('INVALID_STATE');
  });

  it('answers CONFLICT to a step sent with a stale version, and changes nothing', async () => {
    const stale = await attempt(people.police, 'reportToLead', {
      caseId: found.id,
      version: found.version - 1,
      reportedOn: '2026-10-15',
    });
    expect(failure(stale)).toMatchObject({ code: 'CONFLICT', field: 'input.version', currentVersion: found.version });
    expect((await readCase(found.id)).stage).toBe('VISITED');
  });

  it('lets only one of two simultaneous reports through', async () => {
    const input = { caseId: found.id, version: found.version, reportedOn: '2026-10-15' };
    const answers = await Promise.all([
      attempt(people.police, 'reportToLead', input),
      attempt(people.police, 'reportToLead', input),
    ]);
    const codes = answers.map((a) => a.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes[0]).toBe('CONFLICT');
    expect(codes[1]).toBe('OK');
    found = await readCase(found.id);
    expect(found.tasks.filter((t: Data) => t.kind === 'PUSH_REFERRALS')).toHaveLength(1);
  });

  it('is REPORTED with 7 working days to push referrals, then REFERRED once the first is sent', async () => {
    expect(found.stage).toBe('REPORTED');
    expect(taskOf(found, 'PUSH_REFERRALS')).toMatchObject({ dueDate: '2026-10-26', dueRule: 'DEATH_CASE_REFERRALS' });
    await step(
      people.police,
      'createReferral',
      {
        caseId: found.id,
        fromOrganisationId: o.xiangfenPolice.id,
        toOrganisationId: o.xiangfenAgriculture.id,
        kind: 'RURAL_SUPPORT',
        sentOn: '2026-10-20',
      },
      'referral { id }',
    );
    found = await readCase(found.id);
    expect(found.stage).toBe('REFERRED');
    expect(taskOf(found, 'PUSH_REFERRALS').status).toBe('OPEN');
    const done = await step(people.police, 'completeReferrals', {
      caseId: found.id,
      version: found.version,
      completedOn: '2026-10-20',
    });
    expect(taskOf(done.case, 'PUSH_REFERRALS')).toMatchObject({ status: 'DONE', completedOn: '2026-10-20' });
    const twice = await attempt(people.police, 'completeReferrals', { caseId: found.id, version: done.case.version });
    expect(failure(twice).code).toBe('INVALID_STATE');
  });

  it('refuses the lead’s steps to an agency that is not the lead', async () => {
    const current = await readCase(found.id);
    const closing = await attempt(people.agriculture, 'closeCase', {
      caseId: found.id,
      version: current.version,
      reason: '不是我们的案件',
    });
    expect(failure(closing).code).toBe('FORBIDDEN');
  });

  it('keeps every step on the timeline with who took it', async () => {
    const { timeline } = await readCase(
      found.id,
      people.police,
      'timeline { kind on actorId actorOrganisation { id } }',
    );
    expect(timeline.map((e: Data) => e.kind)).toEqual([
      'CASE_OPENED',
      'VISIT_RECORDED',
      'REPORTED_TO_LEAD',
      'REFERRAL_SENT',
      'REFERRALS_COMPLETED',
    ]);
    expect(timeline[0]).toEqual({
      kind: 'CASE_OPENED',
      on: '2026-09-30',
      actorId: people.police.id,
      actorOrganisation: { id: o.xiangfenPolice.id },
    });
  });
});

describe('opening a case', () => {
  const input = {
    channel: 'JUDICIAL_ASSISTANCE',
    householdId: jinjiang.id,
    jurisdictionCode: '350582000000',
    leadOrganisationId: o.jinjiangProcuratorate.id,
    summary: '刑事案件被害人家庭，因案致贫',
    receivedOn: '2026-09-21',
    idempotencyKey: 'jinjiang-judicial-2026-0921',
  };

  it('opens it once however often the same request is retried', async () => {
    const first = await open(people.procurator, input);
    const retried = await open(people.procurator, input);
    expect(retried.id).toBe(first.id);
    const reused = await attempt(people.procurator, 'openCase', { ...input, summary: '另一个案件' });
    expect(failure(reused)).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('refuses a received date in the future and a household that does not exist', async () => {
    const future = await attempt(people.procurator, 'openCase', {
      ...input,
      idempotencyKey: null,
      receivedOn: '2099-01-01',
    });
    expect(failure(future)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    const nobody = await attempt(people.procurator, 'openCase', {
      ...input,
      idempotencyKey: null,
      householdId: '019a0000-0000-7000-8000-00000000ffff',
    });
    expect(failure(nobody).code).toBe('NOT_FOUND');
  });
});

describe('a judicial-assistance case (晋检发办字〔2023〕10号)', () => {
  let found: Data;
  const referral = (extra: Data = {}) => ({
    caseId: found.id,
    fromOrganisationId: o.jinjiangProcuratorate.id,
    toOrganisationId: o.jinjiangCivilAffairs.id,
    kind: 'SOCIAL_ASSISTANCE',
    sentOn: '2026-09-24',
    ...extra,
  });

  it('investigates with no due date, and refers before the end only with a stated reason', async () => {
    found = await open(people.procurator, {
      channel: 'JUDICIAL_ASSISTANCE',
      householdId: jinjiang.id,
      jurisdictionCode: '350582000000',
      leadOrganisationId: o.jinjiangProcuratorate.id,
      summary: '被害人重伤，加害人无赔偿能力',
      receivedOn: '2026-09-21',
    });
    expect(found.stage).toBe('INVESTIGATING');
    expect(taskOf(found, 'CONCLUDE_INVESTIGATION')).toMatchObject({ status: 'OPEN', dueDate: null });
    expect(failure(await attempt(people.procurator, 'createReferral', referral(), 'referral { id }'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.early',
    });
    const early = await step(
      people.procurator,
      'createReferral',
      referral({ early: { reason: '当事人住院，家中无收入' } }),
      `referral { ${REFERRAL} early earlyReason }`,
    );
    // 24 Sept + 5 working days, across Mid-autumn (25 Sept) and National Day: 28, 29, 30 Sept, 8, 9 Oct.
    expect(early.referral).toMatchObject({ dueDate: '2026-10-09', early: true, earlyReason: '当事人住院，家中无收入' });
    expect((await readCase(found.id, people.procurator)).stage).toBe('INVESTIGATING');
  });

  it('has 5 working days to refer once the investigation is concluded, and concludes it only once', async () => {
    const concluded = await step(people.procurator, 'concludeInvestigation', {
      caseId: found.id,
      version: (await readCase(found.id, people.procurator)).version,
      concludedOn: '2026-09-29',
    });
    expect(concluded.case.stage).toBe('INVESTIGATION_CONCLUDED');
    expect(taskOf(concluded.case, 'CONCLUDE_INVESTIGATION')).toMatchObject({ status: 'DONE' });
    expect(taskOf(concluded.case, 'PUSH_REFERRALS')).toMatchObject({
      dueDate: '2026-10-12',
      dueRule: 'JUDICIAL_TO_SOCIAL_REFERRAL',
    });
    const again = await attempt(people.procurator, 'concludeInvestigation', {
      caseId: found.id,
      version: concluded.case.version,
    });
    expect(failure(again).code).toBe('INVALID_STATE');
    await step(
      people.procurator,
      'createReferral',
      referral({ toOrganisationId: o.jinjiangWomensFederation.id, sentOn: '2026-09-30' }),
      'referral { id }',
    );
    expect((await readCase(found.id, people.procurator)).stage).toBe('REFERRED');
  });

  it('lets the procuratorate pay first in an emergency; others may not', async () => {
    const paid = await step(
      people.procurator,
      'recordEmergencyPayment',
      { caseId: found.id, paidOn: '2026-09-22', amount: '20000', paperworkDueOn: '2026-10-22' },
      'emergencyPayment { paidOn amount paperworkDueOn organisation { id } } case { emergencyPayments { amount } }',
    );
    expect(paid).toEqual({
      emergencyPayment: {
        paidOn: '2026-09-22',
        amount: '20000.00',
        paperworkDueOn: '2026-10-22',
        organisation: { id: o.jinjiangProcuratorate.id },
      },
      case: { emergencyPayments: [{ amount: '20000.00' }] },
    });
    const byCivil = await attempt(people.jinjiangCivilAffairs, 'recordEmergencyPayment', {
      caseId: found.id,
      amount: '100',
    });
    expect(failure(byCivil).code).toBe('FORBIDDEN');
  });
});

describe('a window application and a hotline call (周政办字〔2017〕70号)', () => {
  const base = {
    householdId: jinjiang.id,
    jurisdictionCode: '370306000000',
    leadOrganisationId: o.zhoucunCivilAffairs.id,
    summary: '突发重病，无力支付医疗费',
  };
  const transfer = (caseId: string, sentOn: string) => ({
    caseId,
    fromOrganisationId: o.zhoucunCivilAffairs.id,
    toOrganisationId: o.xiangfenCivilAffairs.id,
    kind: 'MEDICAL_AID',
    sentOn,
  });

  it('registers at the window with the transfer due the next working day, and transfers it (转办)', async () => {
    const found = await open(people.zhoucunCivilAffairs, {
      ...base,
      channel: 'WINDOW_APPLICATION',
      receivedOn: '2026-10-09',
    });
    expect(found).toMatchObject({ stage: 'REGISTERED', atWindow: true });
    expect(taskOf(found, 'TRANSFER')).toMatchObject({ dueDate: '2026-10-10', dueRule: 'WINDOW_TRANSFER' });
    const concludeTooSoon = await attempt(people.zhoucunCivilAffairs, 'concludeCase', {
      caseId: found.id,
      version: found.version,
    });
    expect(failure(concludeTooSoon).code).toBe('INVALID_STATE');
    const sent = await step(
      people.zhoucunCivilAffairs,
      'createReferral',
      transfer(found.id, '2026-10-12'),
      `referral { ${REFERRAL} }`,
    );
    // 12 Oct + 10 working days; the receiver is in another county, the window's county counts.
    expect(sent.referral).toMatchObject({ dueDate: '2026-10-26', dueRule: 'WINDOW_CONCLUDE' });
    const transferred = await readCase(found.id, people.zhoucunCivilAffairs);
    expect(transferred.stage).toBe('TRANSFERRED');
    expect(taskOf(transferred, 'TRANSFER')).toMatchObject({ status: 'DONE', completedOn: '2026-10-12' });
  });

  it('will not close while a transfer is unanswered, then concludes (办结) and closes', async () => {
    const found = await open(people.zhoucunCivilAffairs, { ...base, channel: 'WINDOW_APPLICATION' });
    const sent = await step(
      people.zhoucunCivilAffairs,
      'createReferral',
      transfer(found.id, found.receivedOn),
      'referral { id version }',
    );
    let current = await readCase(found.id, people.zhoucunCivilAffairs);
    const tooSoon = await attempt(people.zhoucunCivilAffairs, 'closeCase', {
      caseId: found.id,
      version: current.version,
      reason: '办结',
    });
    expect(failure(tooSoon)).toMatchObject({ code: 'INVALID_STATE', openReferrals: 1 });
    await step(
      people.civilAffairs,
      'answerReferral',
      { referralId: sent.referral.id, version: sent.referral.version, measuresTaken: ['医疗救助'] },
      'referral { status }',
    );
    const concluded = await step(people.zhoucunCivilAffairs, 'concludeCase', {
      caseId: found.id,
      version: current.version,
    });
    expect(concluded.case.stage).toBe('CONCLUDED');
    const closed = await step(people.zhoucunCivilAffairs, 'closeCase', {
      caseId: found.id,
      version: concluded.case.version,
      reason: '救助到位',
    });
    expect(closed.case).toMatchObject({ stage: 'CLOSED', status: 'CLOSED' });
    current = await readCase(found.id, people.zhoucunCivilAffairs);
    const afterClose = await attempt(
      people.zhoucunCivilAffairs,
      'createReferral',
      transfer(found.id, found.receivedOn),
      'referral { id }',
    );
    expect(failure(afterClose).code).toBe('INVALID_STATE');
  });

  it('makes whoever was asked first bring the caller to the window before anything is transferred (首问负责制)', async () => {
    const hotline = await open(people.zhoucunCivilAffairs, {
      ...base,
      channel: 'HOTLINE',
      firstQuestionOrganisationId: o.xiangfenEducation.id,
      receivedOn: '2026-09-29',
    });
    expect(hotline).toMatchObject({ stage: 'REGISTERED', atWindow: false, tasks: [] });
    const tooSoon = await attempt(
      people.zhoucunCivilAffairs,
      'createReferral',
      transfer(hotline.id, '2026-09-30'),
      'referral { id }',
    );
    expect(failure(tooSoon).code).toBe('INVALID_STATE');
    const brought = await step(people.education, 'bringToWindow', {
      caseId: hotline.id,
      version: hotline.version,
      windowOrganisationId: o.zhoucunCivilAffairs.id,
      broughtOn: '2026-09-30',
    });
    expect(brought.case.atWindow).toBe(true);
    expect(taskOf(brought.case, 'TRANSFER')).toMatchObject({
      dueDate: '2026-10-08',
      organisation: { id: o.zhoucunCivilAffairs.id },
    });
    const twice = await attempt(people.education, 'bringToWindow', {
      caseId: hotline.id,
      version: brought.case.version,
      windowOrganisationId: o.zhoucunCivilAffairs.id,
    });
    expect(failure(twice).code).toBe('INVALID_STATE');
  });

  it('takes a call on the window’s own line as already at the window', async () => {
    const hotline = await open(people.zhoucunCivilAffairs, { ...base, channel: 'HOTLINE', receivedOn: '2026-09-30' });
    expect(hotline).toMatchObject({ atWindow: true });
    expect(taskOf(hotline, 'TRANSFER')).toMatchObject({ dueDate: '2026-10-08' });
  });
});

describe('a lead found by a village (河鱼府发【2021】39号 二)', () => {
  let found: Data;
  let noticeId: string;
  const visit = () => ({
    caseId: found.id,
    visitedOn: '2026-09-29',
    visitorOrganisationIds: [o.heyuVillage.id],
    findings: [{ area: 'HOUSING', situation: '土坯房屋顶漏雨', needsHelp: true }],
    referralRequested: false,
  });

  it('is visited only after the township assigns it to an office', async () => {
    found = await open(people.heyuCaseworker, {
      channel: 'VILLAGE_DISCOVERY',
      householdId: heyu.id,
      jurisdictionCode: '500229218000',
      leadOrganisationId: o.heyuStation.id,
      originOrganisationId: o.heyuVillagePoint.id,
      summary: '独居老人，房屋漏雨',
      receivedOn: '2026-09-28',
    });
    expect(found.stage).toBe('LEAD');
    expect(taskOf(found, 'ASSIGN_LEAD')).toMatchObject({ status: 'OPEN', dueDate: null });
    expect(failure(await attempt(people.heyuCaseworker, 'recordVisit', visit(), 'visit { id }')).code).toBe(
      'INVALID_STATE',
    );
    const assigned = await step(people.heyuCaseworker, 'assignLead', {
      caseId: found.id,
      version: found.version,
      officeOrganisationId: o.heyuTownship.id,
      assignedOn: '2026-09-28',
    });
    expect(assigned.case.stage).toBe('ASSIGNED');
    await step(people.heyuCaseworker, 'recordVisit', visit(), 'visit { id }');
    found = await readCase(found.id, people.heyuCaseworker);
    expect(found.stage).toBe('VISITED');
  });

  it('is published only with the family’s consent after collective review', async () => {
    const early = await attempt(
      people.heyuCaseworker,
      'startPublicNotice',
      { caseId: found.id, version: found.version, startsOn: '2026-10-12', days: 7, content: '拟纳入特困供养' },
      'notice { id }',
    );
    expect(failure(early).code).toBe('INVALID_STATE');
    const reviewed = await step(people.heyuCaseworker, 'submitForReview', {
      caseId: found.id,
      version: found.version,
      reviewedOn: '2026-10-09',
      conclusion: '会审：拟纳入特困供养',
    });
    expect(reviewed.case.stage).toBe('IN_REVIEW');
    const notice = {
      caseId: found.id,
      version: reviewed.case.version,
      startsOn: '2026-10-12',
      days: 7,
      content: '拟纳入特困供养',
    };
    const withoutConsent = await attempt(people.heyuCaseworker, 'startPublicNotice', notice, 'notice { id }');
    expect(failure(withoutConsent).code).toBe('INVALID_STATE');
    ok(
      await n.households.query(
        mutation('recordConsent', 'consent { id }'),
        {
          input: {
            householdId: heyu.id,
            personId: heyu.members[0].id,
            purpose: 'PUBLICITY',
            scope: '在村务公开栏公示姓名和拟救助类别',
          },
        },
        people.heyuCaseworker,
      ),
    );
    const started = await step(
      people.heyuCaseworker,
      'startPublicNotice',
      notice,
      'notice { id startsOn endsOn days }',
    );
    noticeId = started.notice.id;
    expect(started.notice).toMatchObject({ startsOn: '2026-10-12', endsOn: '2026-10-18', days: 7 });
    expect((await readCase(found.id, people.heyuCaseworker)).stage).toBe('IN_NOTICE');
  });

  it('takes objections only during the notice and closes it only after its last day, with a fitting outcome', async () => {
    const objection = (receivedOn: string) =>
      attempt(
        people.heyuCaseworker,
        'recordObjection',
        { noticeId, receivedOn, content: '该户有子女在外务工' },
        'notice { id }',
      );
    expect(failure(await objection('2026-10-11'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.receivedOn' });
    expect(failure(await objection('2026-10-19')).code).toBe('INVALID_STATE');
    ok(await objection('2026-10-15'));
    const close = (closedOn: string, outcome: string) =>
      attempt(
        people.heyuCaseworker,
        'closePublicNotice',
        { noticeId, closedOn, outcome },
        'notice { outcome closedOn objections { receivedOn } }',
      );
    expect(failure(await close('2026-10-18', 'OBJECTION_DISMISSED')).code).toBe('INVALID_STATE');
    expect(failure(await close('2026-10-19', 'NO_OBJECTION')).code).toBe('INVALID_STATE');
    expect(ok(await close('2026-10-19', 'OBJECTION_DISMISSED')).closePublicNotice.notice).toEqual({
      outcome: 'OBJECTION_DISMISSED',
      closedOn: '2026-10-19',
      objections: [{ receivedOn: '2026-10-15' }],
    });
    const decided = await readCase(found.id, people.heyuCaseworker, 'stage notices { outcome } timeline { kind }');
    expect(decided.stage).toBe('DECIDED');
    expect(decided.timeline.map((e: Data) => e.kind)).toEqual([
      'CASE_OPENED',
      'LEAD_ASSIGNED',
      'VISIT_RECORDED',
      'REVIEW_SUBMITTED',
      'NOTICE_STARTED',
      'OBJECTION_RECORDED',
      'NOTICE_CLOSED',
    ]);
  });
});
