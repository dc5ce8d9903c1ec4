import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
});
afterAll(() => subgraph?.stop());

const CREATE = `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }`;
const PUBLISH = `mutation($input: PublishProgrammeVersionInput!) { publishProgrammeVersion(input: $input) { version { number effectiveFrom locks settings { sets eligibilityRule caps { perPersonPerYear perHouseholdPerYear perGrant } publicNoticeDays } } } }`;
const CONFIG = `query($id: ID!, $on: Date) { programme(id: $id) { versions { number } configuration(on: $on) { version { number } settings { eligibilityRule caps { perPersonPerYear perHouseholdPerYear } publicNoticeDays approvalTiers { level } } origins { setting lockedBy { id } } } } }`;

async function create(input: Record<string, unknown>): Promise<string> {
  const result = await subgraph.query(CREATE, {
    input: { organisationId: demo.organisations.linfenCivilAffairs.id, ...input },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.createProgramme.programme.id;
}
const publish = (input: Record<string, unknown>) => subgraph.query(PUBLISH, { input });
const configuration = async (id: string, on: string) => (await subgraph.query(CONFIG, { id, on })).data!.programme;

describe('versioned programme configuration', () => {
  it('applies to each decision the version in force on its date, and keeps old versions readable', async () => {
    const id = await create({ name: '最低生活保障', kind: 'DIBAO', jurisdictionCode: '141023000000' });
    expect(
      (await publish({ programmeId: id, effectiveFrom: '2026-01-01', publicNoticeDays: 7 })).errors,
    ).toBeUndefined();
    expect(
      (await publish({ programmeId: id, effectiveFrom: '2026-07-01', publicNoticeDays: 5 })).errors,
    ).toBeUndefined();
    expect(await configuration(id, '2025-12-31')).toMatchObject({
      versions: [{ number: 1 }, { number: 2 }],
      configuration: null,
    });
    expect((await configuration(id, '2026-06-30')).configuration).toMatchObject({
      version: { number: 1 },
      settings: { publicNoticeDays: 7 },
    });
    expect((await configuration(id, '2026-07-01')).configuration).toMatchObject({
      version: { number: 2 },
      settings: { publicNoticeDays: 5 },
    });
  });

  it('refuses a version that does not start after the one in force', async () => {
    const id = await create({ name: '医疗救助', kind: 'MEDICAL', jurisdictionCode: '141023000000' });
    await publish({ programmeId: id, effectiveFrom: '2026-03-01' });
    const result = await publish({ programmeId: id, effectiveFrom: '2026-03-01' });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.effectiveFrom' });
  });

  it('refuses with CONFLICT a version based on an older latest version than the one published since', async () => {
    const id = await create({ name: '住房救助', kind: 'HOUSING', jurisdictionCode: '141023000000' });
    expect((await publish({ programmeId: id, effectiveFrom: '2026-03-01', basedOnVersion: 0 })).errors).toBeUndefined();
    // Two administrators opened the form on version 1; the first publishes, the second must not publish over it.
    expect((await publish({ programmeId: id, effectiveFrom: '2026-04-01', basedOnVersion: 1 })).errors).toBeUndefined();
    const stale = await publish({ programmeId: id, effectiveFrom: '2026-05-01', basedOnVersion: 1 });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', latestVersion: 2 });
    expect((await configuration(id, '2026-05-01')).versions).toEqual([{ number: 1 }, { number: 2 }]);
  });

  it('publishes once when the same request is retried with its idempotency key', async () => {
    const id = await create({ name: '教育救助', kind: 'EDUCATION', jurisdictionCode: '141023000000' });
    const input = { programmeId: id, effectiveFrom: '2026-02-01', idempotencyKey: 'publish-education-2026' };
    const [first, second] = await Promise.all([publish(input), publish(input)]);
    expect(first.data!.publishProgrammeVersion.version.number).toBe(1);
    expect(second.data!.publishProgrammeVersion.version.number).toBe(1);
    expect((await configuration(id, '2026-03-01')).versions).toHaveLength(1);
  });
});

describe('templates of a province or city', () => {
  let template: string;
  let county: string;
  beforeAll(async () => {
    template = await create({
      name: '临时救助（模板）',
      kind: 'TEMPORARY',
      jurisdictionCode: '141000000000',
      isTemplate: true,
    });
    await publish({
      programmeId: template,
      effectiveFrom: '2026-01-01',
      caps: { perPersonPerYear: '5000', perHouseholdPerYear: '10000' },
      publicNoticeDays: 3,
      locks: ['CAPS'],
    });
    county = await create({
      name: '临时救助',
      kind: 'TEMPORARY',
      jurisdictionCode: '141023000000',
      templateId: template,
    });
  });

  it('lets a county inherit the template and override what it does not lock', async () => {
    expect(
      (await publish({ programmeId: county, effectiveFrom: '2026-02-01', publicNoticeDays: 5 })).errors,
    ).toBeUndefined();
    const { configuration: config } = await configuration(county, '2026-03-01');
    expect(config.settings).toMatchObject({ caps: { perPersonPerYear: '5000.00' }, publicNoticeDays: 5 });
    expect(config.origins).toEqual([
      { setting: 'CAPS', lockedBy: { id: template } },
      { setting: 'PUBLIC_NOTICE', lockedBy: null },
    ]);
  });

  it('refuses a county’s change to a locked setting, naming the template', async () => {
    const result = await publish({
      programmeId: county,
      effectiveFrom: '2026-04-01',
      caps: { perPersonPerYear: '8000' },
    });
    expect(result.errors?.[0].message).toMatch(/CAPS is locked by the template “临时救助（模板）”/);
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.caps',
      lockedBy: template,
    });
  });

  it('is adopted only by divisions below it, for the same kind of programme', async () => {
    const elsewhere = await subgraph.query(CREATE, {
      input: {
        name: '临时救助',
        kind: 'TEMPORARY',
        jurisdictionCode: '350582000000',
        templateId: template,
        organisationId: demo.organisations.jinjiangCivilAffairs.id,
      },
    });
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.templateId' });
    const otherKind = await subgraph.query(CREATE, {
      input: {
        name: '医疗救助',
        kind: 'MEDICAL',
        jurisdictionCode: '141023000000',
        templateId: template,
        organisationId: demo.organisations.xiangfenCivilAffairs.id,
      },
    });
    expect(otherKind.errors?.[0].message).toMatch(/template is for TEMPORARY/);
  });

  it('lets only templates lock settings', async () => {
    const result = await publish({ programmeId: county, effectiveFrom: '2026-05-01', locks: ['APPROVAL'] });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.locks' });
  });
});

describe('rules and settings checked on save', () => {
  let id: string;
  beforeAll(async () => {
    id = await create({ name: '特困人员救助供养', kind: 'TEKUN', jurisdictionCode: '141023000000' });
  });

  it('refuses a rule that does not compile, saying the line and column', async () => {
    const result = await publish({
      programmeId: id,
      effectiveFrom: '2026-01-01',
      eligibilityRule: 'household.size >= 1\n&& && members.exists(m, m.age < 16)',
    });
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.eligibilityRule',
      position: { line: 2, column: 4 },
    });
    expect(result.errors?.[0].message).toMatch(/line 2, column 4/);
  });

  it('refuses a rule that names a fact the model does not have', async () => {
    const result = await publish({
      programmeId: id,
      effectiveFrom: '2026-01-01',
      eligibilityRule: 'household.income < 500.0',
    });
    expect(result.errors?.[0].message).toMatch(/household\.income/);
    expect(result.errors?.[0].extensions).toMatchObject({
      field: 'input.eligibilityRule',
      position: { line: 1, column: 11 },
    });
  });

  it('refuses approval tiers out of order and an open-ended tier before the last', async () => {
    const reversed = await publish({
      programmeId: id,
      effectiveFrom: '2026-01-01',
      approvalTiers: [{ upTo: '1000', level: 'COUNTY' }, { level: 'TOWNSHIP' }],
    });
    expect(reversed.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.approvalTiers.1.level',
    });
    const open = await publish({
      programmeId: id,
      effectiveFrom: '2026-01-01',
      approvalTiers: [{ level: 'TOWNSHIP' }, { level: 'COUNTY' }],
    });
    expect(open.errors?.[0].extensions).toMatchObject({ field: 'input.approvalTiers.0.upTo' });
  });

  it('refuses a fixed amount and a formula together', async () => {
    const result = await publish({
      programmeId: id,
      effectiveFrom: '2026-01-01',
      amount: { fixedAmount: '500', formula: 'standards.tekun' },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ field: 'input.amount' });
  });
});
