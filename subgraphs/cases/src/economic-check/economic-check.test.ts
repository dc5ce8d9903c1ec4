import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, OutboxMessage, shanghaiDate } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import {
  failure,
  mutation,
  ok,
  people,
  staffOf,
  startCasesWithNeighbours,
  type Neighbourhood,
} from '../test-support.js';

let n: Neighbourhood;
const o = demo.organisations;
const township = people.xinchengCaseworker;
/** The county's checking centre: staff of 襄汾's civil-affairs bureau. */
const checker = staffOf(o.xiangfenCivilAffairs.id, '141023000000', 'CASEWORKER');
type Data = Record<string, any>;

const CHECK = `id status requestedOn dueDate dueRule answeredOn incomeFigures assetCount version checkingOrganisation { id }`;

beforeAll(async () => {
  n = await startCasesWithNeighbours();
});
afterAll(() => n?.stop());

const today = shanghaiDate();
const lastMonth = (() => {
  const i = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 2;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
})();

/** A 新城镇 family applying for dibao at the township's window. */
async function application() {
  const household = ok(
    await n.households.query(
      `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id members { nodes { id } } } } }`,
      {
        input: {
          jurisdictionCode: '141023100000',
          members: [
            { name: '赵桂芝', sex: 'FEMALE', relationshipToHead: 'SELF', birthDate: '1968-02-01' },
            { name: '赵小军', sex: 'MALE', relationshipToHead: 'CHILD', birthDate: '2010-06-01' },
          ],
        },
      },
    ),
  ).createHousehold.household;
  const opened = ok(
    await n.query(
      mutation('openCase', 'case { id version }'),
      {
        input: {
          channel: 'WINDOW_APPLICATION',
          householdId: household.id,
          jurisdictionCode: '141023100000',
          leadOrganisationId: o.xinchengTownship.id,
          summary: '申请低保：户主无固定收入，子女在读',
        },
      },
      township,
    ),
  ).openCase.case;
  return { householdId: household.id as string, personId: household.members.nodes[0].id as string, caseId: opened.id };
}

const consent = (householdId: string, personId: string) =>
  n.households.query(`mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`, {
    input: { householdId, personId, purpose: 'DATA_SHARING', scope: '同意核对家庭收入和财产' },
  });

const request = (input: Data, principal = township) =>
  n.query(mutation('requestEconomicCheck', `economicCheck { ${CHECK} } case { id }`), { input }, principal);
const answer = (input: Data, principal = checker) =>
  n.query(mutation('recordEconomicCheckResult', `economicCheck { ${CHECK} }`), { input }, principal);

describe('the household economic check of a dibao application (家庭经济状况核对, 临社救办发〔2015〕3号 二(一)、三(三))', () => {
  it('is refused without the family’s DATA_SHARING consent on record, and asked once it is, due within ECONOMIC_CHECK working days in the checking organisation’s inbox', async () => {
    const app = await application();
    const refused = await request({ caseId: app.caseId, checkingOrganisationId: o.xiangfenCivilAffairs.id });
    expect(failure(refused)).toMatchObject({ code: 'INVALID_STATE', missingConsent: 'DATA_SHARING' });
    expect(
      ok(await n.query(`query($id: ID!) { case(id: $id) { economicChecks { id } } }`, { id: app.caseId }, township))
        .case.economicChecks,
    ).toEqual([]);

    ok(await consent(app.householdId, app.personId));
    const key = newId();
    const asked = ok(
      await request({ caseId: app.caseId, checkingOrganisationId: o.xiangfenCivilAffairs.id, idempotencyKey: key }),
    ).requestEconomicCheck.economicCheck;
    expect(asked).toMatchObject({
      status: 'REQUESTED',
      requestedOn: today,
      dueRule: 'ECONOMIC_CHECK',
      checkingOrganisation: { id: o.xiangfenCivilAffairs.id },
    });
    expect(asked.dueDate > today).toBe(true);

    // A retry with the same key answers the same check; another request while it is open is INVALID_STATE.
    const retried = ok(
      await request({ caseId: app.caseId, checkingOrganisationId: o.xiangfenCivilAffairs.id, idempotencyKey: key }),
    ).requestEconomicCheck.economicCheck;
    expect(retried.id).toBe(asked.id);
    const second = await request({ caseId: app.caseId, checkingOrganisationId: o.xiangfenCivilAffairs.id });
    expect(failure(second).code).toBe('INVALID_STATE');

    const inbox = ok(
      await n.query(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organisation {
          inbox(first: 100) { nodes { kind dueDate case { id } } } } } }`,
        { reps: [{ __typename: 'Organisation', id: o.xiangfenCivilAffairs.id }] },
        checker,
      ),
    )._entities[0].inbox.nodes;
    expect(inbox).toContainEqual({ kind: 'TASK', case: { id: app.caseId }, dueDate: asked.dueDate });
  });

  it('the checking organisation’s answer goes into the household’s facts with its source and date, the check is ANSWERED, its task done, and programmes is told to screen the household again', async () => {
    const app = await application();
    ok(await consent(app.householdId, app.personId));
    const asked = ok(await request({ caseId: app.caseId, checkingOrganisationId: o.xiangfenCivilAffairs.id }))
      .requestEconomicCheck.economicCheck;
    const input = {
      checkId: asked.id,
      version: asked.version,
      incomes: [
        { month: lastMonth, category: 'WAGES', amount: '900' },
        { month: lastMonth, category: 'TRANSFER', amount: '150.50' },
      ],
      assets: [{ kind: 'DEPOSIT', description: '农商行活期存款', value: '3000' }],
      note: '经核对平台比对，无车辆、无商品房',
    };

    // Only the checking organisation answers.
    expect(failure(await answer(input, township)).code).toBe('FORBIDDEN');

    const answered = ok(await answer(input)).recordEconomicCheckResult.economicCheck;
    expect(answered).toMatchObject({ status: 'ANSWERED', answeredOn: today, incomeFigures: 2, assetCount: 1 });

    const facts = ok(
      await n.households.query(
        `query($id: ID!) { household(id: $id) { incomes { month category amount source } assets { kind value assessedOn source }
          perCapitaMonthlyIncome(month: "${lastMonth}") } }`,
        { id: app.householdId },
      ),
    ).household;
    expect(facts.incomes).toEqual([
      { month: lastMonth, category: 'TRANSFER', amount: '150.50', source: '家庭经济状况核对' },
      { month: lastMonth, category: 'WAGES', amount: '900.00', source: '家庭经济状况核对' },
    ]);
    expect(facts.assets).toEqual([
      { kind: 'DEPOSIT', value: '3000.00', assessedOn: today, source: '家庭经济状况核对' },
    ]);
    expect(facts.perCapitaMonthlyIncome).toBe('525.25');
    const history = ok(
      await n.households.query(
        `query($id: ID!) { householdHistory(id: $id) { source asOf changedByOrganisationId } }`,
        {
          id: app.householdId,
        },
      ),
    ).householdHistory;
    expect(history).toContainEqual({
      source: '家庭经济状况核对',
      asOf: today,
      changedByOrganisationId: o.xiangfenCivilAffairs.id,
    });
    const told = await n.households.orm.em.fork().find(OutboxMessage, { type: 'household.facts.changed' });
    expect(told.filter((m) => (m.payload.householdIds as string[]).includes(app.householdId))).toHaveLength(1);

    const found = ok(
      await n.query(
        `query($id: ID!) { case(id: $id) { tasks { kind status completedOn } timeline { kind } economicChecks { id status } } }`,
        { id: app.caseId },
        township,
      ),
    ).case;
    expect(found.tasks).toContainEqual({ kind: 'ECONOMIC_CHECK', status: 'DONE', completedOn: today });
    expect(found.economicChecks).toEqual([{ id: asked.id, status: 'ANSWERED' }]);
    expect(found.timeline.map((e: Data) => e.kind)).toEqual(
      expect.arrayContaining(['ECONOMIC_CHECK_REQUESTED', 'ECONOMIC_CHECK_ANSWERED']),
    );

    // Answering again is out of order, and writes nothing twice.
    expect(failure(await answer({ ...input, version: answered.version })).code).toBe('INVALID_STATE');
  });

  it('refuses an unknown checking organisation and an unknown income heading, naming the field', async () => {
    const app = await application();
    ok(await consent(app.householdId, app.personId));
    const unknownOrg = await request({ caseId: app.caseId, checkingOrganisationId: newId() });
    expect(failure(unknownOrg)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.checkingOrganisationId' });
    const asked = ok(await request({ caseId: app.caseId, checkingOrganisationId: o.xiangfenCivilAffairs.id }))
      .requestEconomicCheck.economicCheck;
    const wrong = await answer({
      checkId: asked.id,
      incomes: [{ month: lastMonth, category: 'SALARY', amount: '1' }],
      assets: [],
    });
    expect(failure(wrong)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.incomes.0.category' });
  });
});
