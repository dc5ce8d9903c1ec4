import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySigner, newId, shanghaiDate, type DeliveredEvent, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { deliverEvent, testKeys } from '@doudi/shared/testing';
import {
  CASE,
  failure,
  mutation,
  ok,
  people,
  staffOf,
  startCasesWithNeighbours,
  taskOf,
  type Neighbourhood,
} from '../test-support.js';
import { leadReceivers } from '../remote/organisations.js';
import { openScreeningLeads } from './discovery.intake.js';
import { ScreeningLead } from './screening-lead.entity.js';

let n: Neighbourhood;
const o = demo.organisations;
const heyuFamily = demo.households[2];
const dibao = demo.programmes.find((p) => p.kind === 'TEKUN')!;
const xiangfenTemporary = demo.programmes.find((p) => p.kind === 'TEMPORARY' && !('isTemplate' in p && p.isTemplate))!;
const villagePoint = staffOf(o.heyuVillagePoint.id, '500229218001', 'CASEWORKER');
type Data = Record<string, any>;

beforeAll(async () => {
  n = await startCasesWithNeighbours();
});
afterAll(() => n?.stop());

const attempt = (principal: Principal, name: string, input: Data, selection = `case { ${CASE} }`) =>
  n.query(mutation(name, selection), { input }, principal);
const step = async (principal: Principal, name: string, input: Data, selection = `case { ${CASE} }`) =>
  ok(await attempt(principal, name, input, selection))[name];
const readCase = async (id: string, principal: Principal, selection = CASE) =>
  ok(await n.query(`query($id: ID!) { case(id: $id) { ${selection} } }`, { id }, principal)).case;
const propose = (principal: Principal, householdId: string) =>
  n.programmes.query(
    mutation('grantBenefit', 'benefit { id }'),
    { input: { programmeId: xiangfenTemporary.id, householdId, amount: '800', grantedOn: shanghaiDate() } },
    principal,
  );

/** A screening.lead.found as programmes' screening publishes it (shared/src/events/screening.ts). */
function leadEvent(situationKey: string, eventId = newId()): DeliveredEvent {
  return {
    eventId,
    type: 'screening.lead.found',
    aggregateId: heyuFamily.id,
    producer: 'programmes',
    occurredAt: new Date().toISOString(),
    payload: {
      situationKey,
      householdId: heyuFamily.id,
      hukouCode: '500229218001',
      residenceCode: '500229218001',
      matches: [
        {
          programmeId: dibao.id,
          programmeName: dibao.name,
          versionId: null,
          clause: 'household.perCapitaIncome < standards.tekun',
          facts: {
            'household.perCapitaIncome': 320.5,
            'household.hasAbleObligor': false,
            'members.seriousIllness': [true],
          },
        },
      ],
      keyGroups: ['LOW_INCOME', 'EXPENDITURE_HARDSHIP'],
      screenedOn: shanghaiDate(),
    },
  };
}

const SCREENED = `id stage jurisdiction { code } leadOrganisation { id } receivedOn
  tasks { kind status dueDate organisation { id } }
  screening { screenedOn keyGroups matches { programmeName clause facts { path value withheld } } }`;

describe('leads from the screening of every household (河鱼府发【2021】39号 二(四))', () => {
  it('makes one DATA_COMPARISON lead at the residence township, a checklist item for its station, however often the situation is told', async () => {
    const situation = `situation-${newId()}`;
    const first = leadEvent(situation);
    expect((await deliverEvent(n.cases, first)).status).toBe(200);
    expect((await deliverEvent(n.cases, first)).status, 'the same event redelivered').toBe(200);
    expect((await deliverEvent(n.cases, leadEvent(situation))).status, 'a second screening, same situation').toBe(200);
    const runs = await n.cases.runDueJobs();
    expect(runs).toContainEqual({ name: 'screening-lead-intake', error: null });
    expect(await n.cases.orm.em.fork().count(ScreeningLead, { situationKey: situation })).toBe(1);

    const listed = ok(
      await n.query(
        `{ cases(filter: { channels: [DATA_COMPARISON] }, first: 20) { totalCount nodes { ${SCREENED} } } }`,
        {},
        people.heyuCaseworker,
      ),
    ).cases;
    expect(listed.totalCount).toBe(1);
    const [lead] = listed.nodes;
    expect(lead).toMatchObject({
      stage: 'LEAD',
      jurisdiction: { code: '500229218000' },
      leadOrganisation: { id: o.heyuStation.id },
      receivedOn: shanghaiDate(),
      screening: {
        keyGroups: ['LOW_INCOME', 'EXPENDITURE_HARDSHIP'],
        matches: [
          {
            programmeName: dibao.name,
            clause: 'household.perCapitaIncome < standards.tekun',
            facts: [
              { path: 'household.hasAbleObligor', value: 'false', withheld: false },
              { path: 'household.perCapitaIncome', value: '320.5', withheld: false },
              { path: 'members.seriousIllness', value: '[true]', withheld: false },
            ],
          },
        ],
      },
    });
    // The station's desk leads the case but may not read health facts: the illness, and the group resting on it, withheld.
    const desk = staffOf(o.heyuStation.id, '500229218000', 'AGENCY_STAFF');
    const seenByDesk = await readCase(
      lead.id,
      desk,
      'screening { keyGroups matches { facts { path value withheld } } }',
    );
    expect(seenByDesk.screening.keyGroups).toEqual(['LOW_INCOME']);
    expect(seenByDesk.screening.matches[0].facts).toContainEqual({
      path: 'members.seriousIllness',
      value: null,
      withheld: true,
    });
    expect(taskOf(lead, 'ASSIGN_LEAD')).toMatchObject({ status: 'OPEN', organisation: { id: o.heyuStation.id } });

    // Told again after its case was opened: still the one case.
    await deliverEvent(n.cases, leadEvent(situation));
    const receivers = leadReceivers(
      n.organisations.url,
      await deliverySigner((await testKeys()).service, 'cases'),
      5000,
    );
    expect(await openScreeningLeads(n.cases.orm.em.fork(), receivers)).toBe(0);
    const again = ok(
      await n.query(`{ cases(filter: { channels: [DATA_COMPARISON] }) { totalCount } }`, {}, people.heyuCaseworker),
    );
    expect(again.cases.totalCount).toBe(1);

    // The existing lead workflow takes it from there: the station assigns it to an office.
    const assigned = await step(people.heyuCaseworker, 'assignLead', {
      caseId: lead.id,
      version: (await readCase(lead.id, people.heyuCaseworker, 'version')).version,
      officeOrganisationId: o.heyuTownship.id,
    });
    expect(assigned.case.stage).toBe('ASSIGNED');
  });

  it('opens a new situation’s lead at once, without waiting for the intake’s next turn', async () => {
    await n.cases.runDueJobs(); // whatever was due has run: the intake's next turn is a minute away
    expect(await n.cases.runDueJobs()).not.toContainEqual({ name: 'screening-lead-intake', error: null });
    const fresh = leadEvent(`fresh-${newId()}`);
    expect((await deliverEvent(n.cases, fresh)).status).toBe(200);
    expect(await n.cases.runDueJobs()).toContainEqual({ name: 'screening-lead-intake', error: null });
    const lead = await n.cases.orm.em.fork().findOneOrFail(ScreeningLead, { eventId: fresh.eventId });
    expect(lead.caseId).not.toBeNull();
  });

  it('keeps a lead whose township has no one to receive it waiting, with the reason, and refuses a malformed one', async () => {
    const stray = leadEvent(`stray-${newId()}`);
    Object.assign(stray.payload, { residenceCode: '500229219001' });
    expect((await deliverEvent(n.cases, stray)).status).toBe(200);
    const receivers = leadReceivers(
      n.organisations.url,
      await deliverySigner((await testKeys()).service, 'cases'),
      5000,
    );
    await openScreeningLeads(n.cases.orm.em.fork(), receivers);
    const waiting = await n.cases.orm.em.fork().findOneOrFail(ScreeningLead, { eventId: stray.eventId });
    expect(waiting).toMatchObject({ caseId: null, townshipCode: '500229219000' });
    expect(waiting.problem).toMatch(/No organisation receives the leads of 500229219000/);
    const malformed = leadEvent(`bad-${newId()}`);
    Object.assign(malformed.payload, { screenedOn: 'yesterday' });
    expect((await deliverEvent(n.cases, malformed)).status).not.toBe(200);
  });
});

describe('villages discover, townships decide (河鱼府发【2021】39号 二(一)(二))', () => {
  const villageLead = {
    channel: 'VILLAGE_DISCOVERY',
    householdId: heyuFamily.id,
    jurisdictionCode: '500229218000',
    leadOrganisationId: o.heyuStation.id,
    summary: '独居老人，冬季取暖困难',
  };

  it('lets a village point submit a lead to its township station and record the visit once it is assigned', async () => {
    const opened = (await step(villagePoint, 'openCase', villageLead, `case { ${CASE} originOrganisation { id } }`))
      .case;
    expect(opened).toMatchObject({ stage: 'LEAD', originOrganisation: { id: o.heyuVillagePoint.id } });
    const assignByVillage = await attempt(villagePoint, 'assignLead', {
      caseId: opened.id,
      version: opened.version,
      officeOrganisationId: o.heyuTownship.id,
    });
    expect(failure(assignByVillage)).toMatchObject({ code: 'FORBIDDEN', rule: '河鱼府发【2021】39号 二(一)(二)' });
    await step(people.heyuCaseworker, 'assignLead', {
      caseId: opened.id,
      version: opened.version,
      officeOrganisationId: o.heyuTownship.id,
    });
    const visit = {
      caseId: opened.id,
      visitorOrganisationIds: [o.heyuVillagePoint.id],
      findings: [{ area: 'HOUSING', situation: '房屋漏风，无取暖设备', needsHelp: true }],
      referralRequested: false,
    };
    await step(villagePoint, 'recordVisit', visit, 'visit { id }');
    const visited = await readCase(opened.id, villagePoint);
    expect(visited.stage).toBe('VISITED');
    const review = await attempt(villagePoint, 'submitForReview', {
      caseId: opened.id,
      version: visited.version,
      conclusion: '村里研究同意',
    });
    expect(failure(review).code).toBe('FORBIDDEN');
    const toWindow = await attempt(villagePoint, 'bringToWindow', {
      caseId: opened.id,
      version: visited.version,
      windowOrganisationId: o.heyuTownship.id,
    });
    expect(failure(toWindow).code).toBe('FORBIDDEN');
  });

  it('refuses a village point a window application, a lead outside its township and a proposal of relief', async () => {
    const application = await attempt(villagePoint, 'openCase', {
      ...villageLead,
      channel: 'WINDOW_APPLICATION',
      leadOrganisationId: o.heyuTownship.id,
    });
    expect(failure(application)).toMatchObject({ code: 'FORBIDDEN', rule: '河鱼府发【2021】39号 二(一)(二)' });
    const toCounty = await attempt(villagePoint, 'openCase', { ...villageLead, jurisdictionCode: '500229000000' });
    expect(failure(toCounty)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.jurisdictionCode' });
    const ownLead = await attempt(villagePoint, 'openCase', {
      ...villageLead,
      leadOrganisationId: o.heyuVillagePoint.id,
    });
    expect(failure(ownLead)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.leadOrganisationId' });
    const proposal = await propose(villagePoint, heyuFamily.id);
    expect(failure(proposal)).toMatchObject({ code: 'FORBIDDEN', rule: '河鱼府发【2021】39号 二(一)(二)' });
    const cases = ok(
      await n.query(`{ cases(filter: { channels: [WINDOW_APPLICATION] }) { totalCount } }`, {}, villagePoint),
    );
    expect(cases.cases.totalCount, 'nothing was opened').toBe(0);
  });
});

describe('a relocated family (河鱼府发【2021】39号 二(二): 居住地负责主动发现，户籍地落实救助办理)', () => {
  it('is discovered where it lives, but reviewed and proposed for only at its hukou place', async () => {
    const created = ok(
      await n.households.query(mutation('createHousehold', 'household { id }'), {
        input: {
          jurisdictionCode: '141023100000',
          residenceJurisdictionCode: '500229218001',
          members: [{ name: '刘永福', sex: 'MALE', birthDate: '1960-04-02', relationshipToHead: 'SELF' }],
        },
      }),
    ).createHousehold.household;
    const lead = (
      await step(people.heyuCaseworker, 'openCase', {
        channel: 'VILLAGE_DISCOVERY',
        householdId: created.id,
        jurisdictionCode: '500229218000',
        leadOrganisationId: o.heyuStation.id,
        summary: '易地搬迁户，户籍在新城镇，生活困难',
      })
    ).case;
    const assigned = await step(people.heyuCaseworker, 'assignLead', {
      caseId: lead.id,
      version: lead.version,
      officeOrganisationId: o.heyuTownship.id,
    });
    await step(
      people.heyuCaseworker,
      'recordVisit',
      {
        caseId: lead.id,
        visitorOrganisationIds: [o.heyuTownship.id],
        findings: [{ area: 'EMPLOYMENT', situation: '搬迁后无稳定收入', needsHelp: true }],
        referralRequested: false,
      },
      'visit { id }',
    );
    const { version } = await readCase(lead.id, people.heyuCaseworker, 'version');
    expect(version).toBeGreaterThan(assigned.case.version);
    const reviewHere = await attempt(people.heyuCaseworker, 'submitForReview', {
      caseId: lead.id,
      version,
      conclusion: '拟纳入低保',
    });
    expect(failure(reviewHere)).toMatchObject({
      code: 'FORBIDDEN',
      rule: '河鱼府发【2021】39号 二(二)',
      jurisdictionCode: '141023100000',
    });
    const proposedHere = await propose(people.heyuCaseworker, created.id);
    expect(proposedHere.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/hukou is in 141023100000.*the hukou place decides/),
      extensions: { code: 'FORBIDDEN', rule: '河鱼府发【2021】39号 二(二)' },
    });
    // The hukou place oversees the lead too, and decides.
    const reviewed = await step(people.xinchengCaseworker, 'submitForReview', {
      caseId: lead.id,
      version,
      conclusion: '新城镇集中研究会审：拟给予临时救助',
    });
    expect(reviewed.case.stage).toBe('IN_REVIEW');
    expect(ok(await propose(people.xinchengCaseworker, created.id)).grantBenefit.benefit.id).toBeTruthy();
  });
});
