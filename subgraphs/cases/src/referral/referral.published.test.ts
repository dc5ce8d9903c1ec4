import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import {
  REFERRAL,
  SIX_AREAS,
  ok,
  people,
  startCasesWithNeighbours,
  mutation,
  type Neighbourhood,
} from '../test-support.js';

/**
 * What cases tells organisations of a referral's steps and a case's stages, for the agencies' webhooks (issue 19):
 * the step and who is concerned, by ids, statuses, codes and dates — never the measures' text, a note, an
 * explanation or a reason written by hand.
 */
let n: Neighbourhood;
const o = demo.organisations;
let caseId: string;
type Data = Record<string, any>;

const step = async (principal: Principal, name: string, input: Data) =>
  ok(await n.query(mutation(name, `referral { ${REFERRAL} }`), { input }, principal))[name].referral;
const published = async (types: string[]) =>
  (
    await n.cases.orm.em
      .fork()
      .find(OutboxMessage, { type: { $in: types }, consumer: 'organisations' }, { orderBy: { createdAt: 'asc' } })
  ).map((m) => ({ type: m.type, payload: m.payload }));

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  caseId = ok(
    await n.query(
      mutation('openCase', 'case { id }'),
      {
        input: {
          channel: 'NON_NATURAL_DEATH',
          householdId: demo.households[0].id,
          jurisdictionCode: '141023000000',
          leadOrganisationId: o.xiangfenPolice.id,
          summary: '户主交通事故死亡',
          receivedOn: '2026-09-30',
        },
      },
      people.police,
    ),
  ).openCase.case.id;
});
afterAll(() => n?.stop());

describe('referral steps and stage changes told to organisations', () => {
  it('publish the visit’s new stage, a referral sent, answered, declined and forwarded, with ids and codes only', async () => {
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
    const send = (to: string, kind = 'SOCIAL_ASSISTANCE') =>
      step(people.police, 'createReferral', {
        caseId,
        fromOrganisationId: o.xiangfenPolice.id,
        toOrganisationId: to,
        kind,
        requestedMeasures: ['核实家庭情况，按政策给予救助'],
        note: '户主张某某',
        sentOn: '2026-10-20',
      });
    const toCivil = await send(o.xiangfenCivilAffairs.id);
    await step(people.civilAffairs, 'answerReferral', {
      referralId: toCivil.id,
      version: toCivil.version,
      answeredOn: '2026-10-28',
      measuresTaken: ['给予临时救助800元'],
      refusalReason: '住房救助不符合条件',
      confidentialNote: '母亲透析费用高',
    });
    const toAgriculture = await send(o.xiangfenAgriculture.id, 'RURAL_SUPPORT');
    await step(people.agriculture, 'declineReferral', {
      referralId: toAgriculture.id,
      version: toAgriculture.version,
      declinedOn: '2026-10-22',
      reason: 'HARDSHIP_NOT_CAUSED_BY_CASE',
      explanation: '家庭困难系长期因病所致',
    });
    const toEducation = await send(o.xiangfenEducation.id, 'EDUCATION_AID');
    await step(people.education, 'forwardReferral', {
      referralId: toEducation.id,
      version: toEducation.version,
      forwardedOn: '2026-10-23',
      toOrganisationId: o.linfenCivilAffairs.id,
      reason: '子女在临汾市区就读',
    });

    const events = await published([
      'referral.sent',
      'referral.answered',
      'referral.declined',
      'referral.forwarded',
      'case.stage.changed',
    ]);
    expect(JSON.stringify(events), 'no text written by hand').not.toMatch(/[\u4e00-\u9fff]/);
    const ofType = (type: string) => events.filter((e) => e.type === type).map((e) => e.payload);
    // A death case moves on with the visit; its referrals before the station's report leave the stage as it is.
    expect(ofType('case.stage.changed')).toEqual([
      expect.objectContaining({
        caseId,
        leadOrganisationId: o.xiangfenPolice.id,
        previousStage: 'LETTER_RECEIVED',
        stage: 'VISITED',
        changedOn: '2026-10-09',
      }),
    ]);
    expect(ofType('referral.sent')).toHaveLength(4); // three sent, and the forwarded one's onward referral
    expect(ofType('referral.answered')).toEqual([
      expect.objectContaining({
        referralId: toCivil.id,
        fromOrganisationId: o.xiangfenPolice.id,
        toOrganisationId: o.xiangfenCivilAffairs.id,
        previousStatus: 'SENT',
        status: 'ANSWERED',
        answeredOn: '2026-10-28',
        measuresCount: 1,
        refused: true,
      }),
    ]);
    expect(ofType('referral.declined')).toEqual([
      expect.objectContaining({ referralId: toAgriculture.id, declineReason: 'HARDSHIP_NOT_CAUSED_BY_CASE' }),
    ]);
    const [forwarded] = ofType('referral.forwarded');
    expect(forwarded).toMatchObject({
      referralId: toEducation.id,
      status: 'FORWARDED',
      forwardedToOrganisationId: o.linfenCivilAffairs.id,
    });
    expect(ofType('referral.sent')).toContainEqual(
      expect.objectContaining({
        referralId: forwarded.forwardedToReferralId,
        fromOrganisationId: o.xiangfenEducation.id,
        toOrganisationId: o.linfenCivilAffairs.id,
        forwardedFromReferralId: toEducation.id,
      }),
    );
  });
});
