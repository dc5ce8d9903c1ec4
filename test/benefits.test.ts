import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';

/**
 * The benefits ledger through the gateway, with the demo configuration: 襄汾县's temporary assistance
 * under 临汾市's template (临社救办发〔2015〕3号 二(八)) and 襄汾县's dibao with public notice (临社救办发〔2015〕3号 二(一)).
 */
let system: System;
const tokens: Record<'caseworker' | 'approver' | 'admin' | 'police', string> = {} as never;
const [, dibao, , , , temporary] = demo.programmes;

const CREATE_HOUSEHOLD = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id members { nodes { id } } } } }`;
const GRANT = `mutation($input: GrantBenefitInput!) { grantBenefit(input: $input) { benefit { id version status amount amountSource approvalLevel collectiveReviewRequired filingRequired } } }`;
const STEP = (name: string, input: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { benefit { id version status noticeEndsOn activeFrom } } }`;
const APPROVE = STEP('approveBenefit', 'DecideBenefitInput');
const ACTIVATE = STEP('activateBenefit', 'ActivateBenefitInput');
const END = STEP('endBenefit', 'EndBenefitInput');

async function household(memberCount = 2, extra: Record<string, unknown> = {}) {
  const members = Array.from({ length: memberCount }, (_, i) => ({
    name: `成员${i + 1}`,
    sex: i === 0 ? 'FEMALE' : 'MALE',
    birthDate: i === 0 ? '1980-05-01' : '2012-03-01',
    relationshipToHead: i === 0 ? 'SELF' : 'CHILD',
  }));
  const result = await system.queryAs(tokens.caseworker, CREATE_HOUSEHOLD, {
    input: { jurisdictionCode: '141023100000', hukouType: 'RURAL', members, ...extra },
  });
  expect(result.errors).toBeUndefined();
  const created = result.data!.createHousehold.household;
  return { id: created.id as string, members: created.members.nodes.map((m: { id: string }) => m.id) as string[] };
}

const grant = (input: Record<string, unknown>, token = tokens.caseworker) =>
  system.queryAs(token, GRANT, { input: { programmeId: temporary.id, grantedOn: '2026-10-09', ...input } });

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.approver = await system.signIn('xincheng.approver', demo.DEMO_PASSWORD);
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  tokens.police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
});
afterAll(() => system?.stop());

describe('caps across the ledger (临社救办发〔2015〕3号 二(八): 5,000 yuan per person, 10,000 per household a year)', () => {
  it('refuses a grant that would pass a person’s 5,000 yuan, saying the room left', async () => {
    const family = await household();
    const first = await grant({ householdId: family.id, personId: family.members[0], amount: '3000' });
    expect(first.data!.grantBenefit.benefit).toMatchObject({
      status: 'PROPOSED',
      amount: '3000.00',
      amountSource: 'ENTERED',
    });
    const over = await grant({ householdId: family.id, personId: family.members[0], amount: '2500' });
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      cap: 'PER_PERSON_PER_YEAR',
      roomLeft: '2000.00',
    });
    const nextYear = await grant({
      householdId: family.id,
      personId: family.members[0],
      amount: '100',
      grantedOn: '2027-01-04',
    });
    expect(nextYear.errors, 'a new year starts afresh').toBeUndefined();
  });

  it('never lets grants made at the same moment together pass the household’s 10,000 yuan', async () => {
    const family = await household(5);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        grant({ householdId: family.id, personId: family.members[i % 5], amount: '1500' }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(6);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'LIMIT_EXCEEDED')).toHaveLength(4);
  });

  it('refuses a person who is not a member, a period that ends before it starts, and a template', async () => {
    const family = await household(1);
    const stranger = await grant({ householdId: family.id, personId: demo.households[0].members[0].id, amount: '100' });
    expect(stranger.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
    const backwards = await grant({
      householdId: family.id,
      amount: '100',
      periodStart: '2026-11-01',
      periodEnd: '2026-10-31',
    });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.periodEnd' });
    const template = await grant({ programmeId: demo.programmes[0].id, householdId: family.id, amount: '100' });
    expect(template.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.programmeId' });
  });
});

describe('approval delegated by amount (临社救办发〔2015〕3号 二(八): small amounts approved by the township)', () => {
  it('lets the township approve a small grant, then activates and ends it in order', async () => {
    const family = await household();
    const { benefit } = (await grant({ householdId: family.id, amount: '800' })).data!.grantBenefit;
    expect(benefit).toMatchObject({ approvalLevel: 'TOWNSHIP', collectiveReviewRequired: false });
    const early = await system.queryAs(tokens.approver, ACTIVATE, {
      input: { benefitId: benefit.id, version: benefit.version },
    });
    expect(early.errors?.[0].extensions?.code).toBe('INVALID_STATE');
    const approved = await system.queryAs(tokens.approver, APPROVE, {
      input: { benefitId: benefit.id, version: benefit.version, decidedOn: '2026-10-10' },
    });
    expect(approved.data!.approveBenefit.benefit).toMatchObject({ status: 'APPROVED', noticeEndsOn: null });
    const active = await system.queryAs(tokens.approver, ACTIVATE, {
      input: {
        benefitId: benefit.id,
        version: approved.data!.approveBenefit.benefit.version,
        activeFrom: '2026-10-11',
      },
    });
    expect(active.data!.activateBenefit.benefit).toMatchObject({ status: 'ACTIVE', activeFrom: '2026-10-11' });
    const end = {
      benefitId: benefit.id,
      version: active.data!.activateBenefit.benefit.version,
      endedOn: '2026-10-31',
      reason: '一次性救助已发放',
    };
    expect((await system.queryAs(tokens.approver, END, { input: end })).data!.endBenefit.benefit.status).toBe('ENDED');
    const again = await system.queryAs(tokens.approver, END, { input: { ...end, version: end.version + 1 } });
    expect(again.errors?.[0].extensions?.code).toBe('INVALID_STATE');
  });

  it('is due for its decision within the county’s time limit (临社救办发〔2015〕3号 二(八)), and once active is on the month’s payment roll', async () => {
    const family = await household();
    const { benefit } = (await grant({ householdId: family.id, amount: '650' })).data!.grantBenefit;
    const today = shanghaiDate();
    const due = await system.queryAs(
      tokens.approver,
      `query($id: ID!, $from: Date!) { benefit(id: $id) { decisionDueOn }
        addWorkingDays(jurisdictionCode: "141023100000", from: $from, days: 3) { date } }`,
      { id: benefit.id, from: today },
    );
    expect(due.errors).toBeUndefined();
    // Temporary assistance: Doudi's 3 working days where the county set none, in the county's calendar.
    expect(due.data!.benefit.decisionDueOn).toBe(due.data!.addWorkingDays.date);
    const approved = await system.queryAs(tokens.approver, APPROVE, {
      input: { benefitId: benefit.id, version: benefit.version, decidedOn: '2026-10-10' },
    });
    await system.queryAs(tokens.approver, ACTIVATE, {
      input: {
        benefitId: benefit.id,
        version: approved.data!.approveBenefit.benefit.version,
        activeFrom: '2026-10-12',
      },
    });
    const roll = await system.queryAs(
      tokens.approver,
      `query($id: ID!) { benefit(id: $id) { paymentFrequency payments { period amount status } }
        paymentRoll(jurisdictionCode: "141023100000", period: "2026-10") { payments(first: 100) { nodes { benefitId amount } } } }`,
      { id: benefit.id },
    );
    expect(roll.errors).toBeUndefined();
    expect(roll.data!.benefit).toEqual({
      paymentFrequency: 'ONCE',
      payments: [{ period: '2026-10', amount: '650.00', status: 'SCHEDULED' }],
    });
    expect(roll.data!.paymentRoll.payments.nodes).toContainEqual({ benefitId: benefit.id, amount: '650.00' });
  });

  it('sends a larger grant to the county, after a collective review', async () => {
    const family = await household();
    const { benefit } = (await grant({ householdId: family.id, amount: '3000' })).data!.grantBenefit;
    expect(benefit).toMatchObject({ approvalLevel: 'COUNTY', collectiveReviewRequired: true });
    const township = await system.queryAs(tokens.approver, APPROVE, {
      input: { benefitId: benefit.id, version: benefit.version },
    });
    expect(township.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', approvalLevel: 'COUNTY' });
    const unreviewed = await system.queryAs(tokens.admin, APPROVE, {
      input: { benefitId: benefit.id, version: benefit.version },
    });
    expect(unreviewed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.collectiveReviewOn',
    });
    const approved = await system.queryAs(tokens.admin, APPROVE, {
      input: {
        benefitId: benefit.id,
        version: benefit.version,
        decidedOn: '2026-10-15',
        collectiveReviewOn: '2026-10-14',
        collectiveReviewReference: '襄汾县民政局 2026 年第 12 次局务会纪要',
      },
    });
    expect(approved.data!.approveBenefit.benefit.status).toBe('APPROVED');
  });

  it('never lets the person who proposed a benefit approve it', async () => {
    const family = await household();
    const { benefit } = (await grant({ householdId: family.id, amount: '500' }, tokens.admin)).data!.grantBenefit;
    const own = await system.queryAs(tokens.admin, APPROVE, {
      input: { benefitId: benefit.id, version: benefit.version },
    });
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(own.errors?.[0].message).toMatch(/proposed/);
  });

  it('flags relief to staff and their close relatives for filing (备案, 临社救办发〔2015〕3号 二(一))', async () => {
    const family = await household();
    const { benefit } = (await grant({ householdId: family.id, amount: '300', staffRelation: 'CLOSE_RELATIVE' })).data!
      .grantBenefit;
    expect(benefit.filingRequired).toBe(true);
    const register = await system.queryAs(
      tokens.admin,
      `{ benefits(filter: { filingRequired: true }) { nodes { id } } }`,
    );
    expect(register.data!.benefits.nodes.map((b: { id: string }) => b.id)).toContain(benefit.id);
  });
});

describe('dibao: amount by formula, public notice and objections (临社救办发〔2015〕3号 二(一), 河鱼府发【2021】39号 二(五))', () => {
  it('computes the top-up, holds it under notice, and activates it only once objections are resolved', async () => {
    const family = await household(2);
    const income = await system.queryAs(
      tokens.caseworker,
      `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { household { id } } }`,
      {
        input: {
          householdId: family.id,
          month: '2026-09',
          source: '入户核查',
          amounts: [{ category: 'AGRICULTURE', amount: '600' }],
        },
      },
    );
    expect(income.errors).toBeUndefined();
    // Rural line 600 yuan (demo 临汾市 2026), 300 yuan per person: (600 − 300) × 2 = 600 yuan a month.
    const { benefit } = (await grant({ programmeId: dibao.id, householdId: family.id, periodStart: '2026-11-01' }))
      .data!.grantBenefit;
    expect(benefit).toMatchObject({ amount: '600.00', amountSource: 'FORMULA', approvalLevel: 'COUNTY' });
    const approved = (
      await system.queryAs(tokens.admin, APPROVE, {
        input: { benefitId: benefit.id, version: benefit.version, decidedOn: '2026-10-12' },
      })
    ).data!.approveBenefit.benefit;
    expect(approved).toMatchObject({ status: 'IN_NOTICE', noticeEndsOn: '2026-10-18' });
    const during = await system.queryAs(tokens.admin, ACTIVATE, {
      input: { benefitId: benefit.id, version: approved.version, activeFrom: '2026-10-15' },
    });
    expect(during.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', noticeEndsOn: '2026-10-18' });
    const objection = await system.queryAs(
      tokens.caseworker,
      `mutation($input: ObjectToBenefitInput!) { objectToBenefit(input: $input) { objection { id upheld } } }`,
      { input: { benefitId: benefit.id, receivedOn: '2026-10-14', objection: '反映该户有子女在外务工收入' } },
    );
    const objectionId = objection.data!.objectToBenefit.objection.id;
    const open = await system.queryAs(tokens.admin, ACTIVATE, {
      input: { benefitId: benefit.id, version: approved.version, activeFrom: '2026-10-19' },
    });
    expect(open.errors?.[0].message).toMatch(/objection/);
    await system.queryAs(
      tokens.admin,
      `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { benefit { status } } }`,
      { input: { objectionId, upheld: false, resolution: '经核查子女已分户，无赡养能力', resolvedOn: '2026-10-16' } },
    );
    const active = await system.queryAs(tokens.admin, ACTIVATE, {
      input: { benefitId: benefit.id, version: approved.version, activeFrom: '2026-10-19' },
    });
    expect(active.data!.activateBenefit.benefit.status).toBe('ACTIVE');
  });
});

describe('who reads the ledger', () => {
  it('shows a household’s and a person’s benefits to its caseworker, and none to the police', async () => {
    const family = await household();
    await grant({ householdId: family.id, personId: family.members[1], amount: '200' });
    const read = (token: string) =>
      system.queryAs(
        token,
        `query($id: ID!) { household(id: $id) { benefits { amount } members { nodes { benefits { amount } } } } }`,
        { id: family.id },
      );
    const answer = await read(tokens.caseworker);
    expect(answer.errors).toBeUndefined();
    const caseworker = answer.data!.household;
    expect(caseworker.benefits).toEqual([{ amount: '200.00' }]);
    expect(caseworker.members.nodes.map((m: { benefits: unknown[] }) => m.benefits.length)).toEqual([0, 1]);
    expect((await read(tokens.police)).data!.household.benefits).toEqual([]);
  });
});

describe('events to the cases subgraph (transactional outbox)', () => {
  it('shows on the case the relief approved for it', async () => {
    const caseRecord = demo.cases[0];
    const { benefit } = (
      await grant({ householdId: caseRecord.householdId, amount: '500', caseId: caseRecord.id }, tokens.caseworker)
    ).data!.grantBenefit;
    await system.queryAs(tokens.approver, APPROVE, { input: { benefitId: benefit.id, version: benefit.version } });
    let relief: { status: string; amount: string }[] = [];
    for (let attempt = 0; attempt < 50 && relief.length === 0; attempt++) {
      await new Promise((r) => setTimeout(r, 200));
      const result = await system.query(
        `query($id: ID!) { case(id: $id) { relief { benefitId status amount programmeName } } }`,
        { id: caseRecord.id },
      );
      relief = result.data!.case.relief;
    }
    expect(relief).toEqual([
      { benefitId: benefit.id, status: 'APPROVED', amount: '500.00', programmeName: '临时救助' },
    ]);
  });
});

describe('what an approver sees waiting (the console’s approvals, issue 14 item 4)', () => {
  const WAITING = `query { benefits(first: 100, filter: { awaitingMyDecision: true }) { nodes { id approvalLevel status capsLeft { perHouseholdPerYear perPersonPerYear } } } }`;
  const waitingFor = async (token: string) => {
    const answer = await system.queryAs(token, WAITING);
    expect(answer.errors).toBeUndefined();
    return answer.data!.benefits.nodes as { id: string; approvalLevel: string; status: string; capsLeft: unknown }[];
  };

  it('lists to the township the proposals at its level, to the county those above it too, and nothing to the proposer', async () => {
    const family = await household();
    const small = (await grant({ householdId: family.id, amount: '800' })).data!.grantBenefit.benefit;
    const large = (await grant({ householdId: family.id, amount: '3000' })).data!.grantBenefit.benefit;
    expect(large.approvalLevel).not.toBe('TOWNSHIP');
    const township = (await waitingFor(tokens.approver)).map((b) => b.id);
    expect(township).toContain(small.id);
    expect(township).not.toContain(large.id);
    const county = (await waitingFor(tokens.admin)).map((b) => b.id);
    expect(county).toEqual(expect.arrayContaining([small.id, large.id]));
    // Separation of duties: a proposal is never waiting for the person who made it.
    const own = (await grant({ householdId: family.id, amount: '100' }, tokens.admin)).data!.grantBenefit.benefit;
    expect((await waitingFor(tokens.admin)).map((b) => b.id)).not.toContain(own.id);
    expect(await waitingFor(tokens.caseworker)).toEqual([]);
  });

  it('says the room left under the yearly caps, every grant not rejected counted', async () => {
    const family = await household();
    await grant({ householdId: family.id, personId: family.members[0], amount: '3000' });
    const second = (await grant({ householdId: family.id, personId: family.members[1], amount: '1500' })).data!
      .grantBenefit.benefit;
    const row = (await waitingFor(tokens.admin)).find((b) => b.id === second.id);
    expect(row?.capsLeft).toEqual({ perHouseholdPerYear: '5500.00', perPersonPerYear: '3500.00' });
  });
});
