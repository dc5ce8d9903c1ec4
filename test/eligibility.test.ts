import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';

/**
 * Screening demo households against the demo configuration (subgraphs/programmes/src/demo-configuration.ts):
 * 城口县's 特困 rule (临社救办发〔2015〕3号 二(二)) and low-income rule (河鱼府发【2021】39号 一), 襄汾县's dibao (临社救办发〔2015〕3号 二(一))
 * and the disabled persons' federation's rehabilitation aid for children aged 0–15 (襄政办发〔2023〕26号 六(十一)).
 */
let system: System;
const tokens: Record<'heyu' | 'xincheng' | 'police', string> = {} as never;
const ON = '2026-10-09';
const SCREEN = `query($id: ID!, $on: Date) { screen(householdId: $id, on: $on) {
  programme { name kind } outcome missing clauses { expression result missing } } }`;

type Result = {
  programme: { kind: string };
  outcome: string;
  missing: string[];
  clauses: { expression: string; result: string; missing: string[] }[];
};
const byKind = (results: Result[], kind: string) => results.find((r) => r.programme.kind === kind)!;

async function household(token: string, input: Record<string, unknown>, income?: string) {
  const created = await system.queryAs(
    token,
    `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
    { input },
  );
  expect(created.errors).toBeUndefined();
  const id = created.data!.createHousehold.household.id as string;
  if (income) {
    const recorded = await system.queryAs(
      token,
      `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { household { id } } }`,
      {
        input: {
          householdId: id,
          month: '2026-09',
          source: '入户核查',
          amounts: [{ category: 'TRANSFER', amount: income }],
        },
      },
    );
    expect(recorded.errors).toBeUndefined();
  }
  return id;
}

const screen = async (token: string, id: string) => {
  const result = await system.queryAs<{ screen: Result[] }>(token, SCREEN, { id, on: ON });
  expect(result.errors).toBeUndefined();
  return result.data!.screen;
};

const elder = (name: string) => ({
  name,
  sex: 'MALE',
  birthDate: '1951-02-01',
  relationshipToHead: 'SELF',
  workAbility: 'NONE',
});

let alone: string;
let supported: string;
beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.heyu = await system.signIn('heyu.caseworker', demo.DEMO_PASSWORD);
  tokens.xincheng = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
  alone = await household(
    tokens.heyu,
    { jurisdictionCode: '500229218002', hukouType: 'RURAL', members: [elder('独居老人')] },
    '400',
  );
  supported = await household(
    tokens.heyu,
    { jurisdictionCode: '500229218003', hukouType: 'RURAL', members: [elder('有子女老人')] },
    '800',
  );
  const obligor = await system.queryAs(
    tokens.heyu,
    `mutation($input: AddSupportObligorInput!) { addSupportObligor(input: $input) { obligor { id } } }`,
    {
      input: { householdId: supported, name: '李某', relationship: '长子', duty: 'ELDER_SUPPORT', ableToSupport: true },
    },
  );
  expect(obligor.errors).toBeUndefined();
});
afterAll(() => system?.stop());

describe('screen(household): each programme in force where the family lives, explained', () => {
  it('finds an old man alone, unable to work and without income above the tekun standard, eligible for 特困 — every condition true', async () => {
    const tekun = byKind(await screen(tokens.heyu, alone), 'TEKUN');
    expect(tekun.outcome).toBe('ELIGIBLE');
    expect(tekun.clauses).toEqual([
      {
        expression: "members.exists(m, (m.age >= 60 || m.disabled || m.age < 16) && m.workAbility == 'NONE')",
        result: 'TRUE',
        missing: [],
      },
      { expression: 'household.perCapitaIncome < standards.tekun', result: 'TRUE', missing: [] },
      { expression: '!household.hasAbleObligor', result: 'TRUE', missing: [] },
    ]);
  });

  it('says which condition fails when a son is able to support him', async () => {
    const tekun = byKind(await screen(tokens.heyu, supported), 'TEKUN');
    expect(tekun.outcome).toBe('NOT_ELIGIBLE');
    expect(tekun.clauses.map((c) => c.result)).toEqual(['TRUE', 'TRUE', 'FALSE']);
  });

  it('places a household against the low-income band (河鱼府发【2021】39号 一: between the dibao line and 1.5 times it)', async () => {
    // 城口县 rural line 610 yuan (demo 2026): 400 is below the band, 800 inside it (≤ 915).
    expect(byKind(await screen(tokens.heyu, alone), 'RELAPSE_PREVENTION').outcome).toBe('NOT_ELIGIBLE');
    expect(byKind(await screen(tokens.heyu, supported), 'RELAPSE_PREVENTION').outcome).toBe('ELIGIBLE');
  });

  it('asks for the income and hukou type before deciding dibao, and marks temporary assistance as decided case by case', async () => {
    const results = await screen(tokens.xincheng, demo.households[0].id);
    // The demo family has no income recorded and no hukou type (which picks the urban or rural line).
    expect(byKind(results, 'DIBAO')).toMatchObject({
      outcome: 'MISSING_INFORMATION',
      missing: ['household.perCapitaIncome', 'standards.dibaoLine'],
    });
    expect(byKind(results, 'TEMPORARY').outcome).toBe('NO_RULE');
    expect(results.map((r) => r.programme.kind)).not.toContain('SPRING_BUD'); // 晋江's programme, not 襄汾's
  });

  it('finds a disabled child eligible for rehabilitation aid, and tells the police the disability is not theirs to see', async () => {
    const child = await household(tokens.xincheng, {
      jurisdictionCode: '141023100000',
      hukouType: 'RURAL',
      members: [
        { name: '母亲', sex: 'FEMALE', birthDate: '1985-04-01', relationshipToHead: 'SELF' },
        {
          name: '儿子',
          sex: 'MALE',
          birthDate: '2018-06-01',
          relationshipToHead: 'CHILD',
          hasDisabilityCertificate: true,
          disabilityCategory: 'INTELLECTUAL',
          disabilityGrade: 2,
        },
      ],
    });
    expect(byKind(await screen(tokens.xincheng, child), 'DISABLED_CHILD_REHABILITATION').outcome).toBe('ELIGIBLE');
    const police = byKind(await screen(tokens.police, child), 'DISABLED_CHILD_REHABILITATION');
    expect(police).toMatchObject({ outcome: 'MISSING_INFORMATION', missing: ['members.disabled'] });
    // Household.eligibility today reads households' facts projection: the same answers, the same facts hidden.
    const field = async (token: string) => {
      const result = await system.queryAs<{ household: { eligibility: Result[] } }>(
        token,
        `query($id: ID!) { household(id: $id) { eligibility { programme { kind } outcome missing } } }`,
        { id: child },
      );
      expect(result.errors).toBeUndefined();
      return byKind(result.data!.household.eligibility, 'DISABLED_CHILD_REHABILITATION');
    };
    expect(await field(tokens.xincheng)).toMatchObject({ outcome: 'ELIGIBLE' });
    expect(await field(tokens.police)).toMatchObject({ outcome: 'MISSING_INFORMATION', missing: ['members.disabled'] });
  });

  it('answers the same as Household.eligibility on a list of households', async () => {
    const list = await system.queryAs(
      tokens.heyu,
      `{ households(filter: { jurisdictionCode: "500229218000" }) { nodes { id eligibility(on: "${ON}") { programme { kind } outcome } } } }`,
    );
    expect(list.errors).toBeUndefined();
    const aloneRow = list.data!.households.nodes.find((h: { id: string }) => h.id === alone);
    expect(aloneRow.eligibility).toEqual(
      (await screen(tokens.heyu, alone)).map((r) => ({ programme: { kind: r.programme.kind }, outcome: r.outcome })),
    );
  });
});

describe('ruleMatchCount: how many households a draft rule would cover', () => {
  it('counts 河鱼乡’s households that are eligible, not eligible, or missing a fact', async () => {
    const count = await system.query(
      `{ ruleMatchCount(rule: "household.perCapitaIncome < 500.0", jurisdictionCode: "500229218000", on: "${ON}") {
        households eligible notEligible missingInformation } }`,
    );
    // The demo family (no income recorded), the old man alone (400) and the one with a son (800).
    expect(count.data!.ruleMatchCount).toEqual({ households: 3, eligible: 1, notEligible: 1, missingInformation: 1 });
  });

  it('refuses a draft rule that does not compile, with its position', async () => {
    const result = await system.query(
      `{ ruleMatchCount(rule: "members.exists(m, m.age <)", jurisdictionCode: "500229218000") { households } }`,
    );
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'rule',
      position: { line: 1 },
    });
  });
});

describe('explainRule: a draft rule explained on a household before it is published', () => {
  it('explains each condition of a draft on the old man alone, as screen does for rules in force', async () => {
    const result = await system.queryAs(
      tokens.heyu,
      `query($rule: String!, $id: ID!) { explainRule(rule: $rule, householdId: $id, on: "${ON}") {
        outcome missing clauses { expression result missing } } }`,
      { rule: 'household.perCapitaIncome < 500.0 && household.hasAbleObligor', id: alone },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.explainRule).toEqual({
      outcome: 'NOT_ELIGIBLE',
      missing: [],
      clauses: [
        { expression: 'household.perCapitaIncome < 500.0', result: 'TRUE', missing: [] },
        { expression: 'household.hasAbleObligor', result: 'FALSE', missing: [] },
      ],
    });
  });

  it('refuses a draft that does not compile with its position, and a household outside the caller’s reach', async () => {
    const broken = await system.queryAs(
      tokens.heyu,
      `query($id: ID!) { explainRule(rule: "m.age <", householdId: $id) { outcome } }`,
      {
        id: alone,
      },
    );
    expect(broken.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'rule',
      position: { line: 1 },
    });
    const elsewhere = await system.queryAs(
      tokens.xincheng,
      `query($id: ID!) { explainRule(rule: "household.size > 0", householdId: $id) { outcome } }`,
      { id: alone },
    );
    expect(elsewhere.data).toBeNull();
    expect(elsewhere.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('eligibilityFacts: the facts a rule may read, for the console’s completion', () => {
  it('lists every fact of FACTS.md with its type, and refuses a caller who may not read programmes', async () => {
    const facts = await system.queryAs(tokens.heyu, `{ eligibilityFacts { path type whenNull } }`);
    expect(facts.errors).toBeUndefined();
    expect(facts.data!.eligibilityFacts).toContainEqual({
      path: 'household.perCapitaIncome',
      type: 'double',
      whenNull: 'no income is recorded',
    });
    expect(facts.data!.eligibilityFacts).toContainEqual({
      path: 'members.age',
      type: 'int',
      whenNull: 'birth date unknown',
    });
    const anonymous = await system.queryAs(null, `{ eligibilityFacts { path } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
