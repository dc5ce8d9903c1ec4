import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from '../support/system.js';
import { createHousehold, must, step, type Data } from '../support/steps.js';
import { clientToken, createClient } from '../support/two-counties.js';

/**
 * 河鱼府发【2021】39号 二(四) and 临社救办发〔2015〕3号 二(一)(二) through the gateway: the disabled persons' federation
 * pushes its data, a family's monthly income changes, and the screening of every household in 襄汾县 turns what
 * changed into one data-comparison lead per situation (应保尽保) — while relief whose household rose above the line
 * is flagged for review (动态管理).
 */
let system: System;
const tokens: Record<'caseworker' | 'admin' | 'federation', string> = {} as never;
const COUNTY = '141023000000';
const TOWNSHIP = '141023100000';
const dibao = demo.programmes[1];
const rehabilitation = demo.programmes[6];
const idNumber = (first17: string) => first17 + checkCharacter(first17);
const disabledChild = idNumber('14102320180305001');
let childFamily: string;
let earnerFamily: string;
let dibaoFamily: string;
let dibaoBenefit: string;

const income = (householdId: string, month: string, amount: string) =>
  step(system, tokens.caseworker, 'recordHouseholdIncome', 'household { id }', {
    householdId,
    month,
    source: '入户核查',
    amounts: [{ category: 'WAGES', amount }],
  });

/** Runs the county's screening now and lets its leads reach cases, as the subgraphs' queues would. */
async function screenCounty() {
  const { run } = await step(system, tokens.admin, 'runScreening', 'run { id status }', { jurisdictionCode: COUNTY });
  await settle();
  const runs = await must(
    system,
    tokens.admin,
    `{ screeningRuns(jurisdictionCode: "${COUNTY}", first: 1) {
    nodes { id status households leadsFound flagged } } }`,
  );
  expect(runs.screeningRuns.nodes[0]).toMatchObject({ id: run.id, status: 'SUCCEEDED' });
  return runs.screeningRuns.nodes[0] as Data;
}

/** Every queue runs until nothing is left: households' events, programmes' runs and events, cases' intake. */
async function settle() {
  for (let round = 0; round < 3; round += 1) {
    await system.subgraphs.households.drainOutbox();
    await system.subgraphs.programmes.runDueJobs();
    await system.subgraphs.programmes.drainOutbox();
    await system.subgraphs.cases.runDueJobs();
  }
}

const leadsOf = async (householdId: string) =>
  (
    await must(
      system,
      tokens.admin,
      `query($id: ID!) { household(id: $id) { cases { nodes { id channel stage
        screening { keyGroups matches { programmeId programmeName clause facts { path value } } } } } } }`,
      { id: householdId },
    )
  ).household.cases.nodes.filter((c: Data) => c.channel === 'DATA_COMPARISON') as Data[];

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
  tokens.federation = await clientToken(
    system,
    await createClient(system, {
      organisationId: demo.organisations.xiangfenDisabledFederation.id,
      name: '襄汾县残联残疾人数据系统',
      scopes: ['ORGANISATIONS_READ', 'HOUSEHOLDS_READ', 'HOUSEHOLDS_WRITE', 'HOUSEHOLDS_READ_SENSITIVE'],
    }),
  );
  const family = (name: string, members: Data[]) =>
    createHousehold(system, tokens.caseworker, { jurisdictionCode: TOWNSHIP, hukouType: 'RURAL', members }).then(
      (h) => h.id,
    );
  childFamily = await family('child', [
    { name: '李春花', sex: 'FEMALE', birthDate: '1990-04-02', relationshipToHead: 'SELF' },
    { name: '李小宝', sex: 'MALE', relationshipToHead: 'CHILD', idNumber: disabledChild },
  ]);
  earnerFamily = await family('earner', [
    { name: '周建国', sex: 'MALE', birthDate: '1975-06-01', relationshipToHead: 'SELF' },
    { name: '周丽', sex: 'FEMALE', birthDate: '1978-03-09', relationshipToHead: 'SPOUSE' },
  ]);
  dibaoFamily = await family('dibao', [
    { name: '孙秀英', sex: 'FEMALE', birthDate: '1968-11-20', relationshipToHead: 'SELF' },
    { name: '孙强', sex: 'MALE', birthDate: '2008-08-08', relationshipToHead: 'CHILD' },
  ]);
  // 1,000 yuan a person a month: above 1.5 × the rural dibao line of 600 yuan (demo 临汾市 2026).
  await income(childFamily, '2026-09', '2000');
  await income(earnerFamily, '2026-09', '2000');
  // 300 yuan a person: under the line, and on dibao since 16 November.
  await income(dibaoFamily, '2026-09', '600');
  const granted = await step(system, tokens.caseworker, 'grantBenefit', 'benefit { id version }', {
    programmeId: dibao.id,
    householdId: dibaoFamily,
    grantedOn: '2026-11-02',
    periodStart: '2026-11-01',
  });
  const approved = await step(system, tokens.admin, 'approveBenefit', 'benefit { id version }', {
    benefitId: granted.benefit.id,
    version: granted.benefit.version,
    decidedOn: '2026-11-03',
  });
  const active = await step(system, tokens.admin, 'activateBenefit', 'benefit { id status }', {
    benefitId: approved.benefit.id,
    version: approved.benefit.version,
    activeFrom: '2026-11-16',
  });
  expect(active.benefit.status).toBe('ACTIVE');
  dibaoBenefit = active.benefit.id;
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe(
  '河鱼府发【2021】39号 二(四): departments’ data and income changes become one lead each, relief above the line is reviewed',
  { shuffle: false },
  () => {
    it('finds nothing to report for the three families before anything changes', async () => {
      const run = await screenCounty();
      expect(run.households).toBeGreaterThanOrEqual(3);
      for (const id of [childFamily, earnerFamily, dibaoFamily]) expect(await leadsOf(id)).toEqual([]);
      const { benefit } = await must(
        system,
        tokens.admin,
        `{ benefit(id: "${dibaoBenefit}") { reviewFlag { reason } } }`,
      );
      expect(benefit.reviewFlag).toBeNull();
    });

    it('takes the federation’s disability list from its data system: a dry run first, then the push itself', async () => {
      const push = (dryRun: boolean) =>
        step(system, tokens.federation, 'pushDepartmentData', 'matched unmatched results { outcome }', {
          kind: 'DISABILITY',
          sourceOrganisationId: demo.organisations.xiangfenDisabledFederation.id,
          asOf: '2026-11-20',
          dryRun,
          idempotencyKey: `disability-2026-11-${dryRun}`,
          rows: [
            { idNumber: disabledChild, disabilityGrade: 2, disabilityCategory: 'INTELLECTUAL' },
            { idNumber: idNumber('14102320150101002'), disabilityGrade: 1, disabilityCategory: 'VISUAL' },
          ],
        });
      const dry = await push(true);
      expect(dry).toMatchObject({ matched: 1, unmatched: 1 });
      expect(dry.results.map((r: Data) => r.outcome)).toEqual(['MATCHED', 'UNMATCHED']);
      expect(await push(false)).toMatchObject({ matched: 1, unmatched: 1 });
    });

    it('makes one lead for the disabled child, from the screening that follows the push', async () => {
      await settle();
      const leads = await leadsOf(childFamily);
      expect(leads).toHaveLength(1);
      expect(leads[0].stage).toBe('LEAD');
      expect(leads[0].screening.matches).toEqual([
        expect.objectContaining({ programmeId: rehabilitation.id, programmeName: rehabilitation.name }),
      ]);
    });

    it('makes one lead for the family whose income fell into the low-income band, and flags the dibao above the line', async () => {
      // (2,000 + 1,000) / 2 months / 2 people = 750 yuan: between the line (600) and 1.5 × it (900).
      await income(earnerFamily, '2026-10', '1000');
      // (600 + 3,400) / 2 / 2 = 1,000 yuan: above the dibao line.
      await income(dibaoFamily, '2026-10', '3400');
      const run = await screenCounty();
      expect(run.flagged).toBeGreaterThanOrEqual(1);
      const leads = await leadsOf(earnerFamily);
      expect(leads).toHaveLength(1);
      expect(leads[0].screening.keyGroups).toContain('LOW_INCOME');
      expect(await leadsOf(dibaoFamily)).toEqual([]);
      const { benefit } = await must(
        system,
        tokens.admin,
        `{ benefit(id: "${dibaoBenefit}") { status reviewFlag { source reason } } }`,
      );
      expect(benefit).toMatchObject({ status: 'ACTIVE', reviewFlag: { source: 'SCREENING' } });
      expect(benefit.reviewFlag.reason).toContain(dibao.name);
    });

    it('makes no second lead and no second flag when the county is screened again', async () => {
      const run = await screenCounty();
      expect(run).toMatchObject({ leadsFound: 0, flagged: 0 });
      expect(await leadsOf(childFamily)).toHaveLength(1);
      expect(await leadsOf(earnerFamily)).toHaveLength(1);
    });
  },
);
