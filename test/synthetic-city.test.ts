import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdNumber } from '@doudi/shared';
import { createVault } from '@doudi/shared';
import { planCity } from '../scripts/generate/city.js';
import { CityExists, generateCity, subgraphUrls, type Counts } from '../scripts/generate/generate.js';
import { planHousehold } from '../scripts/generate/household.js';
import { parseArguments, UsageError } from '../scripts/generate/options.js';
import { planProgrammes } from '../scripts/generate/programmes.js';
import { planStory } from '../scripts/generate/story.js';
import { startSystem, type System } from './support/system.js';

/**
 * The synthetic city (issue 13 item 6): 200 generated households written into a running system's database by the
 * bulk path, then read back through the gateway as any client would.
 */
const OPTIONS = { households: 200, seed: 'test-city', city: '1408', asOf: '2026-11-20' };
const CITY = '140800000000';
let system: System;
let counts: Counts;

beforeAll(async () => {
  system = await startSystem();
  const vault = createVault(Buffer.from(system.env.PERSONAL_DATA_KEY, 'base64'));
  ({ counts } = await generateCity(OPTIONS, subgraphUrls(system.databaseUrl, system.env), vault));
}, 120_000);
afterAll(() => system?.stop());

/** Every node of a connection, 100 at a time. */
async function all<T>(field: string, args: string, selection: string): Promise<T[]> {
  const nodes: T[] = [];
  for (let offset = 0; ; offset += 100) {
    const result = await system.query(
      `{ ${field}(first: 100, offset: ${offset}${args}) { totalCount nodes { ${selection} } } }`,
    );
    expect(result.errors).toBeUndefined();
    nodes.push(...result.data![field].nodes);
    if (nodes.length >= result.data![field].totalCount) return nodes;
  }
}

describe('a generated city through the gateway', () => {
  it('has the households, people, cases and benefits the generator reports', async () => {
    expect(counts.households).toBe(200);
    expect(counts.persons).toBeGreaterThan(500);
    expect(counts.cases).toBeGreaterThan(80);
    expect(counts.benefits).toBeGreaterThan(100);
    const households = await system.query(
      `{ households(filter: { jurisdictionCode: "${CITY}" }) { totalCount } jurisdiction(code: "${CITY}") { name level } }`,
    );
    expect(households.data).toEqual({
      households: { totalCount: 200 },
      jurisdiction: { name: '运城市', level: 'CITY' },
    });
    const cases = await system.query(
      `{ cases { totalCount } benefits(filter: { jurisdictionCode: "${CITY}" }) { totalCount } }`,
    );
    expect(cases.data).toEqual({ cases: { totalCount: counts.cases }, benefits: { totalCount: counts.benefits } });
  });

  it('gives every person a masked ID number of the right form, whose full number is valid and agrees with the birth date and sex', async () => {
    const households = await all<{
      members: { nodes: { id: string; idNumber: string; birthDate: string; sex: string }[] };
    }>(
      'households',
      `, filter: { jurisdictionCode: "${CITY}" }`,
      'members(first: 30) { nodes { id idNumber birthDate sex } }',
    );
    const people = households.flatMap((h) => h.members.nodes);
    expect(people).toHaveLength(counts.persons);
    for (const person of people) expect(person.idNumber).toMatch(/^1408\d{2}\*{8}\d{3}[\dX]$/);
    for (const person of people.slice(0, 5)) {
      const revealed = await system.query(
        `mutation($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { value } }`,
        { input: { personId: person.id, field: 'ID_NUMBER', purpose: '核对合成数据' } },
      );
      const value = revealed.data!.revealPersonalData.value as string;
      const facts = parseIdNumber('idNumber', value);
      expect(facts).toMatchObject({ birthDate: person.birthDate, sex: person.sex });
      expect(`${value.slice(0, 6)}********${value.slice(14)}`).toBe(person.idNumber);
    }
  });

  it('links every case, referral and benefit to a household and organisations that exist', async () => {
    const cases = await all<{
      channel: string;
      stage: string;
      household: { id: string } | null;
      leadOrganisation: { name: string } | null;
    }>('cases', '', 'channel stage household { id } leadOrganisation { name }');
    expect(cases).toHaveLength(counts.cases);
    expect(cases.filter((c) => !c.household || !c.leadOrganisation)).toEqual([]);
    expect(new Set(cases.map((c) => c.channel)).size).toBe(6);
    expect(new Set(cases.map((c) => c.stage)).size).toBeGreaterThanOrEqual(8);

    const referrals = await all<{ status: string; toOrganisation: { name: string } | null; case: { id: string } }>(
      'referrals',
      '',
      'status toOrganisation { name } case { id }',
    );
    expect(referrals).toHaveLength(counts.referrals);
    expect(referrals.filter((r) => !r.toOrganisation)).toEqual([]);
    expect(new Set(referrals.map((r) => r.status))).toEqual(
      new Set(
        ['SENT', 'ACCEPTED', 'ANSWERED', 'RECEIPTED', 'DECLINED', 'FORWARDED'].filter((s) =>
          referrals.some((r) => r.status === s),
        ),
      ),
    );
    for (const status of ['ANSWERED', 'DECLINED', 'FORWARDED', 'RECEIPTED'])
      expect(referrals.map((r) => r.status)).toContain(status);

    const benefits = await all<{
      household: { id: string } | null;
      programme: { kind: string } | null;
      status: string;
    }>('benefits', `, filter: { jurisdictionCode: "${CITY}" }`, 'status household { id } programme { kind }');
    expect(benefits).toHaveLength(counts.benefits);
    expect(benefits.filter((b) => !b.household || !b.programme)).toEqual([]);
    expect(new Set(benefits.map((b) => b.programme!.kind)).size).toBeGreaterThanOrEqual(5);
  });

  it('keeps, in cases, the relief of each case as programmes granted it (the projection their events build)', async () => {
    const cases = await all<{ relief: { benefitId: string; status: string }[] }>(
      'cases',
      '',
      'relief { benefitId status }',
    );
    const relief = new Map(cases.flatMap((c) => c.relief.map((r) => [r.benefitId, r.status] as const)));
    const benefits = await all<{ id: string; caseId: string | null; status: string }>(
      'benefits',
      `, filter: { jurisdictionCode: "${CITY}" }`,
      'id caseId status',
    );
    const told = {
      APPROVED: 'APPROVED',
      IN_NOTICE: 'APPROVED',
      ACTIVE: 'ACTIVE',
      ENDED: 'ENDED',
      REJECTED: 'REJECTED',
    } as Record<string, string>;
    const expected = new Map(
      benefits.filter((b) => b.caseId && told[b.status]).map((b) => [b.id, told[b.status]] as const),
    );
    expect(expected.size).toBeGreaterThan(0);
    expect(relief).toEqual(expected);
  });

  it('refuses to write the same city twice', async () => {
    const vault = createVault(Buffer.from(system.env.PERSONAL_DATA_KEY, 'base64'));
    await expect(generateCity(OPTIONS, subgraphUrls(system.databaseUrl, system.env), vault)).rejects.toThrow(
      CityExists,
    );
  });
});

describe('the generator', () => {
  it('draws the same city from the same seed', () => {
    const draw = () => {
      const at = new Date('2024-01-01T00:00:00Z');
      const city = planCity({ seed: 's', households: 50, cityCode: '1408', at });
      const programmes = planProgrammes(city, 's', at);
      return [7, 31].map((i) => {
        const household = planHousehold(city, 's', i, '2026-11-20', { urbanFen: 78_000, ruralFen: 60_000 });
        return {
          household,
          story: planStory(
            city,
            's',
            household,
            'h',
            household.members.map((_, n) => `p${n}`),
            '2026-11-20',
            programmes,
          ),
        };
      });
    };
    expect(draw()).toEqual(draw());
  });

  it('refuses bad arguments with a clear message', () => {
    const today = '2026-11-28';
    expect(parseArguments(['--households', '300_000'], today)).toMatchObject({
      households: 300_000,
      seed: 'doudi',
      asOf: today,
    });
    for (const [argv, message] of [
      [[], /--households is required/],
      [['--households', '0'], /whole number from 1/],
      [['--households', 'many'], /whole number from 1/],
      [['--households', '10', '--city', '9999'], /--city must be one of/],
      [['--households', '10', '--as-of', '2026-12-01'], /future/],
      [['--households', '10', '--as-of', '2026-13-01'], /a date/],
      [['--households', '10', '--colour', 'red'], /unknown option --colour/],
      [['--households'], /needs a value/],
    ] as const) {
      expect(() => parseArguments([...argv], today)).toThrow(UsageError);
      expect(() => parseArguments([...argv], today)).toThrow(message);
    }
  });

  it('exits non-zero with the usage on a bad argument', async () => {
    const run = promisify(execFile);
    const failure = await run(process.execPath, [
      '--import',
      'tsx',
      'scripts/generate/main.ts',
      '--households',
      'lots',
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('--households must be a whole number') });
  }, 30_000);
});
