import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import {
  REFERRAL,
  SIX_AREAS,
  failure,
  ok,
  people,
  startCasesWithNeighbours,
  mutation,
  type Neighbourhood,
} from '../test-support.js';

/** Both sides of a referral: the receiver's answers, the sender's receipt, and who may read what of them. */
let n: Neighbourhood;
const o = demo.organisations;
const family = demo.households[0];
let caseId: string;
type Data = Record<string, any>;

async function attempt(principal: Principal, name: string, input: Data, selection = `referral { ${REFERRAL} }`) {
  return n.query(mutation(name, selection), { input }, principal);
}
async function step(principal: Principal, name: string, input: Data, selection = `referral { ${REFERRAL} }`) {
  return ok(await attempt(principal, name, input, selection))[name];
}
const send = (to: string, extra: Data = {}) =>
  step(people.police, 'createReferral', {
    caseId,
    fromOrganisationId: o.xiangfenPolice.id,
    toOrganisationId: to,
    kind: 'SOCIAL_ASSISTANCE',
    requestedMeasures: ['核实家庭情况，按政策给予救助'],
    sentOn: '2026-10-20',
    ...extra,
  }).then((p: Data) => p.referral);
const readCase = (principal: Principal, selection: string, id = caseId) =>
  n.query(`query($id: ID!) { case(id: $id) { ${selection} } }`, { id }, principal);

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  const opened = await n.query(
    mutation('openCase', 'case { id version }'),
    {
      input: {
        channel: 'NON_NATURAL_DEATH',
        householdId: family.id,
        jurisdictionCode: '141023000000',
        leadOrganisationId: o.xiangfenPolice.id,
        summary: '户主交通事故死亡',
        receivedOn: '2026-09-30',
      },
    },
    people.police,
  );
  caseId = ok(opened).openCase.case.id;
  ok(
    await n.query(
      mutation('recordVisit', 'visit { id }'),
      {
        input: {
          caseId,
          visitedOn: '2026-10-09',
          visitorOrganisationIds: [o.xiangfenPolice.id],
          findings: SIX_AREAS,
          referralRequested: true,
        },
      },
      people.police,
    ),
  );
});
afterAll(() => n?.stop());

describe('sending a referral', () => {
  it('is refused when an organisation refers a case to itself', async () => {
    const result = await attempt(people.police, 'createReferral', {
      caseId,
      fromOrganisationId: o.xiangfenPolice.id,
      toOrganisationId: o.xiangfenPolice.id,
      kind: 'OTHER',
    });
    expect(failure(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.toOrganisationId' });
  });

  it('answers NOT_FOUND when the case does not exist', async () => {
    const result = await attempt(people.police, 'createReferral', {
      caseId: '019a0000-0000-7000-8000-0000000fffff',
      fromOrganisationId: o.xiangfenPolice.id,
      toOrganisationId: o.xiangfenCivilAffairs.id,
      kind: 'OTHER',
    });
    expect(failure(result).code).toBe('NOT_FOUND');
  });

  it('is made once however often the same request is retried', async () => {
    const input = {
      caseId,
      fromOrganisationId: o.xiangfenPolice.id,
      toOrganisationId: o.xiangfenEducation.id,
      kind: 'EDUCATION_AID',
      sentOn: '2026-10-20',
      idempotencyKey: 'xiangfen-education-referral-1',
    };
    const first = await step(people.police, 'createReferral', input);
    const second = await step(people.police, 'createReferral', input);
    expect(second.referral.id).toBe(first.referral.id);
    const list = await readCase(people.police, 'referrals { totalCount }');
    expect(ok(list).case.referrals.totalCount).toBe(1);
  });

  it('may come only from the caller’s own organisation', async () => {
    const result = await attempt(people.agriculture, 'createReferral', {
      caseId,
      fromOrganisationId: o.xiangfenPolice.id,
      toOrganisationId: o.xiangfenAgriculture.id,
      kind: 'RURAL_SUPPORT',
    });
    expect(failure(result).code).toBe('FORBIDDEN');
  });
});

describe('the receiver', () => {
  it('accepts, then answers in writing; the sender files the answer (回执)', async () => {
    const sent = await send(o.xiangfenCivilAffairs.id);
    expect(sent).toMatchObject({ status: 'SENT', dueDate: '2026-11-20', dueRule: 'AGENCY_WRITTEN_ANSWER' });
    const byPolice = await attempt(people.police, 'acceptReferral', { referralId: sent.id, version: sent.version });
    expect(failure(byPolice).code).toBe('FORBIDDEN');
    const accepted = await step(people.civilAffairs, 'acceptReferral', {
      referralId: sent.id,
      version: sent.version,
      acceptedOn: '2026-10-21',
    });
    // A written answer stays due after accepting: only a judicial-assistance procedure pauses the clock.
    expect(accepted.referral).toMatchObject({ status: 'ACCEPTED', dueDate: '2026-11-20' });
    const notYet = await attempt(people.police, 'acknowledgeReceipt', {
      referralId: sent.id,
      version: accepted.referral.version,
    });
    expect(failure(notYet).code).toBe('INVALID_STATE');
    const answered = await step(
      people.civilAffairs,
      'answerReferral',
      {
        referralId: sent.id,
        version: accepted.referral.version,
        answeredOn: '2026-10-28',
        measuresTaken: ['给予临时救助800元', '启动低保审核'],
        benefitIds: ['019a0000-0000-7000-8000-000000009999'],
        confidentialNote: '母亲透析费用高，建议医疗救助跟进',
      },
      `referral { ${REFERRAL} measuresTaken benefits { id } confidentialNote }`,
    );
    expect(answered.referral).toMatchObject({
      status: 'ANSWERED',
      overdue: false,
      measuresTaken: ['给予临时救助800元', '启动低保审核'],
      benefits: [{ id: '019a0000-0000-7000-8000-000000009999' }],
      confidentialNote: '母亲透析费用高，建议医疗救助跟进',
    });
    const stale = await attempt(people.police, 'acknowledgeReceipt', { referralId: sent.id, version: sent.version });
    expect(failure(stale).code).toBe('CONFLICT');
    const receipted = await step(
      people.police,
      'acknowledgeReceipt',
      { referralId: sent.id, version: answered.referral.version, receivedOn: '2026-10-30' },
      'referral { status receiptOn }',
    );
    expect(receipted.referral).toEqual({ status: 'RECEIPTED', receiptOn: '2026-10-30' });
  });

  it('declines for one of the six reasons of 晋检发办字〔2023〕10号 第六条, and cannot then answer', async () => {
    const sent = await send(o.xiangfenAgriculture.id, { kind: 'RURAL_SUPPORT' });
    const declined = await step(
      people.agriculture,
      'declineReferral',
      {
        referralId: sent.id,
        version: sent.version,
        declinedOn: '2026-10-22',
        reason: 'HARDSHIP_NOT_CAUSED_BY_CASE',
        explanation: '家庭困难系长期因病所致，非案件原因',
      },
      `referral { ${REFERRAL} declineReason declineExplanation declinedOn }`,
    );
    expect(declined.referral).toMatchObject({
      status: 'DECLINED',
      overdue: false,
      declineReason: 'HARDSHIP_NOT_CAUSED_BY_CASE',
      declinedOn: '2026-10-22',
    });
    const answer = await attempt(people.agriculture, 'answerReferral', {
      referralId: sent.id,
      version: declined.referral.version,
      measuresTaken: ['产业帮扶'],
    });
    expect(failure(answer).code).toBe('INVALID_STATE');
  });

  it('needs the measures taken or a reason for refusing in its answer', async () => {
    const sent = await send(o.xiangfenDisabledFederation.id);
    const byOverseer = await attempt(people.xinchengCaseworker, 'answerReferral', {
      referralId: sent.id,
      version: sent.version,
      measuresTaken: [],
    });
    expect(failure(byOverseer)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.measuresTaken' });
  });

  it('forwards to the responsible organisation, which gets a fresh due date (襄政办发〔2023〕26号 七(四))', async () => {
    const sent = await send(o.xiangfenEducation.id, { kind: 'EDUCATION_AID', sentOn: '2026-10-21' });
    const forwarded = await step(
      people.education,
      'forwardReferral',
      {
        referralId: sent.id,
        version: sent.version,
        forwardedOn: '2026-10-23',
        toOrganisationId: o.linfenCivilAffairs.id,
        reason: '子女在临汾市区就读，由市里落实',
      },
      `referral { status forwardReason forwardedTo { ${REFERRAL} sentOn fromOrganisation { id } toOrganisation { id } forwardedFrom { id } } }`,
    );
    expect(forwarded.referral).toMatchObject({
      status: 'FORWARDED',
      forwardReason: '子女在临汾市区就读，由市里落实',
      forwardedTo: {
        status: 'SENT',
        sentOn: '2026-10-23',
        dueDate: '2026-11-23',
        fromOrganisation: { id: o.xiangfenEducation.id },
        toOrganisation: { id: o.linfenCivilAffairs.id },
        forwardedFrom: { id: sent.id },
      },
    });
  });
});

describe('a judicial-assistance referral (晋检发办字〔2023〕10号 第二十一条)', () => {
  it('waits for the procedure once accepted, then is due 5 working days after it concludes', async () => {
    const judicial = await n.query(
      mutation('openCase', 'case { id }'),
      {
        input: {
          channel: 'JUDICIAL_ASSISTANCE',
          householdId: demo.households[1].id,
          jurisdictionCode: '350582000000',
          leadOrganisationId: o.jinjiangProcuratorate.id,
          summary: '被害人家庭生活困难',
          receivedOn: '2026-09-21',
        },
      },
      people.procurator,
    );
    const id = ok(judicial).openCase.case.id;
    const sent = (
      await step(people.procurator, 'createReferral', {
        caseId: id,
        fromOrganisationId: o.jinjiangProcuratorate.id,
        toOrganisationId: o.jinjiangCivilAffairs.id,
        kind: 'SOCIAL_ASSISTANCE',
        sentOn: '2026-09-24',
        early: { reason: '当事人住院，家中无收入' },
      })
    ).referral;
    expect(sent).toMatchObject({ dueDate: '2026-10-09', dueRule: 'RECEIVER_STARTS_PROCEDURE' });
    const tooSoon = await attempt(people.jinjiangCivilAffairs, 'concludeReferral', {
      referralId: sent.id,
      version: sent.version,
    });
    expect(failure(tooSoon).code).toBe('INVALID_STATE');
    const accepted = await step(people.jinjiangCivilAffairs, 'acceptReferral', {
      referralId: sent.id,
      version: sent.version,
      acceptedOn: '2026-10-09',
    });
    expect(accepted.referral).toMatchObject({ status: 'ACCEPTED', dueDate: null, dueRule: null, overdue: false });
    const concluded = await step(
      people.jinjiangCivilAffairs,
      'concludeReferral',
      { referralId: sent.id, version: accepted.referral.version, concludedOn: '2026-10-20' },
      `referral { ${REFERRAL} concludedOn }`,
    );
    expect(concluded.referral).toMatchObject({
      status: 'ACCEPTED',
      concludedOn: '2026-10-20',
      dueDate: '2026-10-27',
      dueRule: 'RECEIVER_REPORTS_BACK',
    });
  });

  it('runs the same way for a social agency’s lead sent to the procuratorate, from any case', async () => {
    const sent = await send(o.jinjiangProcuratorate.id, {
      kind: 'JUDICIAL_ASSISTANCE',
      sentOn: '2026-10-12',
      emergency: true,
    });
    expect(sent).toMatchObject({ dueDate: '2026-10-19', dueRule: 'RECEIVER_STARTS_PROCEDURE' });
    const paid = await n.query(
      mutation('recordEmergencyPayment', 'emergencyPayment { amount }'),
      { input: { caseId, paidOn: '2026-10-12', amount: '5000.00' } },
      people.procurator,
    );
    expect(ok(paid).recordEmergencyPayment.emergencyPayment.amount).toBe('5000.00');
  });
});

describe('need to know (襄政办发〔2023〕26号 八(五), 晋检发办字〔2023〕10号 第二十四条)', () => {
  it('shows the police the answers and decisions, but neither the receiver’s confidential note nor medical findings', async () => {
    const seen = ok(
      await readCase(
        people.police,
        'referrals { nodes { status measuresTaken confidentialNote } } visits { findings { area situation needsHelp withheld } }',
      ),
    ).case;
    const answered = seen.referrals.nodes.filter((r: Data) => r.measuresTaken.length);
    expect(answered).toContainEqual({
      status: 'RECEIPTED',
      measuresTaken: ['给予临时救助800元', '启动低保审核'],
      confidentialNote: null,
    });
    const findings = seen.visits[0].findings;
    expect(findings.find((f: Data) => f.area === 'MEDICAL')).toEqual({
      area: 'MEDICAL',
      situation: null,
      needsHelp: null,
      withheld: true,
    });
    expect(findings.find((f: Data) => f.area === 'MENTAL_HEALTH').situation).toBeNull();
    expect(findings.find((f: Data) => f.area === 'EDUCATION').situation).toBe('儿子在读初二');
  });

  it('shows the township caseworker of the family’s place the medical findings and the note', async () => {
    const seen = ok(
      await readCase(
        people.xinchengCaseworker,
        'referrals { nodes { confidentialNote } } visits { findings { area situation } }',
      ),
    ).case;
    expect(seen.referrals.nodes.map((r: Data) => r.confidentialNote)).toContain('母亲透析费用高，建议医疗救助跟进');
    expect(seen.visits[0].findings.find((f: Data) => f.area === 'MEDICAL').situation).toBe(
      '母亲患慢性肾病，需长期透析',
    );
  });

  it('shows an agency taking part through one referral its own referral and timeline, not the others’', async () => {
    const seen = ok(
      await readCase(
        people.agriculture,
        'referrals { nodes { toOrganisation { id } } } timeline { kind referral { id } }',
      ),
    ).case;
    expect(seen.referrals.nodes).toEqual([{ toOrganisation: { id: o.xiangfenAgriculture.id } }]);
    expect(seen.timeline.map((e: Data) => e.kind)).toEqual(['REFERRAL_SENT', 'REFERRAL_DECLINED']);
  });

  it('keeps the case from an organisation that takes no part in it', async () => {
    const outsider = await readCase(people.womensFederation, 'id');
    expect(failure(outsider).code).toBe('FORBIDDEN');
  });
});

describe('follow-up visits (襄政办发〔2023〕26号 七(六), 晋检发办字〔2023〕10号 第二十五条)', () => {
  it('are arranged by the lead and recorded once by the visiting organisation', async () => {
    const scheduled = await step(
      people.police,
      'scheduleFollowUp',
      { caseId, organisationId: o.xiangfenCivilAffairs.id, dueOn: '2026-11-10' },
      'followUp { id dueOn overdue organisation { id } }',
    );
    expect(scheduled.followUp).toMatchObject({ dueOn: '2026-11-10', overdue: true });
    const recorded = await step(
      people.civilAffairs,
      'recordFollowUp',
      { followUpId: scheduled.followUp.id, visitedOn: '2026-11-12', outcome: '低保已发放', needsMoreHelp: false },
      'followUp { visitedOn outcome needsMoreHelp overdue }',
    );
    expect(recorded.followUp).toEqual({
      visitedOn: '2026-11-12',
      outcome: '低保已发放',
      needsMoreHelp: false,
      overdue: false,
    });
    const twice = await attempt(
      people.civilAffairs,
      'recordFollowUp',
      { followUpId: scheduled.followUp.id, outcome: '再次回访', needsMoreHelp: false },
      'followUp { id }',
    );
    expect(failure(twice).code).toBe('INVALID_STATE');
  });
});
