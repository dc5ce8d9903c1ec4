import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo, newId, type Principal } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
let programmeId: string;
beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
  const created = await subgraph.query(
    `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id version } } }`,
    {
      input: {
        name: '临时救助',
        kind: 'TEMPORARY',
        jurisdictionCode: '141000000000',
        organisationId: demo.organisations.linfenCivilAffairs.id,
      },
    },
  );
  programmeId = created.data!.createProgramme.programme.id;
  // Seed 003 二(八): at most 5,000 yuan per person and 10,000 yuan per household a year.
  const caps = await subgraph.query(
    `mutation($input: SetProgrammeCapsInput!) { setProgrammeCaps(input: $input) { programme { capPerPersonPerYear capPerHouseholdPerYear capPerGrant } } }`,
    {
      input: { programmeId, version: 1, perPersonPerYear: '5000', perHouseholdPerYear: '10000' },
    },
  );
  expect(caps.data!.setProgrammeCaps.programme).toEqual({
    capPerPersonPerYear: '5000.00',
    capPerHouseholdPerYear: '10000.00',
    capPerGrant: null,
  });
});
afterAll(() => subgraph?.stop());

const GRANT = `mutation($input: GrantBenefitInput!) { grantBenefit(input: $input) { benefit { amount year } } }`;
const grant = (
  householdId: string,
  amount: string,
  personId?: string,
  grantedOn = '2026-10-09',
  principal?: Principal,
) => subgraph.query(GRANT, { input: { programmeId, householdId, personId, amount, grantedOn } }, principal);

describe('the benefits ledger (seed 003 二(八) temporary assistance caps)', () => {
  it('refuses a grant that would pass 5,000 yuan for one person in a year, saying the room left', async () => {
    const household = newId();
    const person = newId();
    expect((await grant(household, '3000', person)).data!.grantBenefit.benefit).toEqual({
      amount: '3000.00',
      year: 2026,
    });
    const over = await grant(household, '2500', person);
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      cap: 'PER_PERSON_PER_YEAR',
      roomLeft: '2000.00',
    });
    expect((await grant(household, '2000', person)).errors).toBeUndefined();
    expect((await grant(household, '100', person, '2027-01-04')).errors, 'a new year starts afresh').toBeUndefined();
  });

  it('refuses a grant that would pass 10,000 yuan for one household in a year', async () => {
    const household = newId();
    for (const amount of ['4000', '4000']) expect((await grant(household, amount, newId())).errors).toBeUndefined();
    const over = await grant(household, '2500', newId());
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'LIMIT_EXCEEDED',
      cap: 'PER_HOUSEHOLD_PER_YEAR',
      used: '8000.00',
      roomLeft: '2000.00',
    });
  });

  it('never lets grants made at the same moment together pass the household cap', async () => {
    const household = newId();
    const results = await Promise.all(Array.from({ length: 10 }, () => grant(household, '1500', newId())));
    const granted = results.filter((r) => !r.errors).length;
    expect(granted).toBe(6);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'LIMIT_EXCEEDED')).toHaveLength(4);
  });

  it('refuses a zero or malformed amount, and a caseworker of another city', async () => {
    expect((await grant(newId(), '0')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.amount',
    });
    expect((await grant(newId(), '10.001')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.amount',
    });
    const elsewhere: Principal = {
      kind: 'STAFF',
      id: newId(),
      organisationId: null,
      jurisdictionCode: '350582000000',
      roles: ['CASEWORKER'],
      scopes: [],
    };
    expect((await grant(newId(), '100', undefined, '2026-10-09', elsewhere)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
  });
});
