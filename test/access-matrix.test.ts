import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './support/system.js';
import { clientToken, createClient, createStaff, twoCounties, type CountyFixture } from './support/two-counties.js';

/**
 * Issue 3 point 4: every caller × own county and another × reading and writing each domain, through the
 * gateway, with every cell's answer stated. OK = data returned; otherwise the error code.
 */
type Answer = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN';
const OPERATIONS = [
  'readOrganisation',
  'writeOrganisation',
  'readHousehold',
  'writeHousehold',
  'readProgramme',
  'writeProgramme',
  'readCase',
  'writeCase',
] as const;
type Operation = (typeof OPERATIONS)[number];
const U: Answer = 'UNAUTHENTICATED';
const F: Answer = 'FORBIDDEN';

// prettier-ignore
const EXPECTED: Record<string, { own: Answer[]; other: Answer[] }> = {
  //                                  read org, write org, read hh, write hh, read prog, write prog, read case, write case
  'anonymous caller':                  { own: [U, U, U, U, U, U, U, U],                         other: [U, U, U, U, U, U, U, U] },
  'county civil-affairs administrator':{ own: ['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK'], other: ['OK', F, F, F, 'OK', F, F, F] },
  'township caseworker':               { own: ['OK', F, 'OK', 'OK', 'OK', F, 'OK', 'OK'],       other: ['OK', F, F, F, 'OK', F, F, F] },
  'police API client':                 { own: ['OK', F, 'OK', 'OK', F, F, 'OK', 'OK'],          other: ['OK', F, F, F, F, F, F, F] },
  'reporting client':                  { own: ['OK', F, F, F, 'OK', F, F, F],                   other: ['OK', F, F, F, 'OK', F, F, F] },
};

let system: System;
let counties: { xiangfen: CountyFixture; jinjiang: CountyFixture };
const tokens: Record<string, string | null> = {};

beforeAll(async () => {
  system = await startSystem();
  counties = await twoCounties(system);
  const { xiangfen } = counties;
  await createStaff(system, {
    organisationId: xiangfen.civilAffairsId,
    username: 'xf.admin',
    displayName: '县民政局管理员',
    password: 'county-admin-pass',
    roles: ['JURISDICTION_ADMIN'],
  });
  await createStaff(system, {
    organisationId: xiangfen.townshipGovernmentId,
    username: 'xf.caseworker',
    displayName: '镇社会救助经办人',
    password: 'caseworker-pass',
    roles: ['CASEWORKER'],
  });
  const police = await createClient(system, {
    organisationId: xiangfen.policeId,
    name: '公安非正常死亡案件系统',
    scopes: [
      'JURISDICTIONS_READ',
      'ORGANISATIONS_READ',
      'HOUSEHOLDS_READ',
      'HOUSEHOLDS_WRITE',
      'CASES_READ',
      'CASES_WRITE',
    ],
  });
  const reporting = await createClient(system, {
    organisationId: xiangfen.civilAffairsId,
    name: '县社会救助数据看板',
    scopes: ['JURISDICTIONS_READ', 'ORGANISATIONS_READ', 'PROGRAMMES_READ', 'REPORTS_READ'],
  });
  tokens['anonymous caller'] = null;
  tokens['county civil-affairs administrator'] = await system.signIn('xf.admin', 'county-admin-pass');
  tokens['township caseworker'] = await system.signIn('xf.caseworker', 'caseworker-pass');
  tokens['police API client'] = await clientToken(system, police);
  tokens['reporting client'] = await clientToken(system, reporting);
});
afterAll(() => system?.stop());

let unique = 0;
function operation(op: Operation, target: CountyFixture, caller: string): [string, Record<string, unknown>] {
  unique++;
  // An agency opens its own cases; the others name the target county's police as the lead.
  const lead = caller === 'police API client' ? counties.xiangfen.policeId : target.policeId;
  switch (op) {
    case 'readOrganisation':
      return [`query($id: ID!) { organisation(id: $id) { id } }`, { id: target.civilAffairsId }];
    case 'writeOrganisation':
      return [
        `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`,
        { input: { name: `某单位${unique}`, kind: 'CHARITY', jurisdictionCode: target.township } },
      ];
    case 'readHousehold':
      return [`query($id: ID!) { household(id: $id) { id } }`, { id: target.householdId }];
    case 'writeHousehold':
      return [
        `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
        {
          input: {
            jurisdictionCode: target.township,
            members: [{ name: '户主', sex: 'MALE', relationshipToHead: 'SELF' }],
          },
        },
      ];
    case 'readProgramme':
      return [`query($id: ID!) { programme(id: $id) { id } }`, { id: target.programmeId }];
    case 'writeProgramme':
      return [
        `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }`,
        {
          input: {
            name: `项目${unique}`,
            kind: 'OTHER',
            jurisdictionCode: target.township,
            organisationId: target.civilAffairsId,
          },
        },
      ];
    case 'readCase':
      return [`query($id: ID!) { case(id: $id) { id } }`, { id: target.caseId }];
    case 'writeCase':
      return [
        `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
        {
          input: {
            householdId: target.householdId,
            channel: 'HOTLINE',
            summary: '来电求助',
            jurisdictionCode: target.township,
            leadOrganisationId: lead,
          },
        },
      ];
  }
}

const cells = Object.entries(EXPECTED).flatMap(([caller, rows]) =>
  (['own', 'other'] as const).flatMap((where) =>
    OPERATIONS.map((op, i) => ({ caller, where, op, expected: rows[where][i] })),
  ),
);

describe('who may read and write what, through the gateway', () => {
  it.each(cells)('$caller: $op in $where county → $expected', async ({ caller, where, op, expected }) => {
    const target = where === 'own' ? counties.xiangfen : counties.jinjiang;
    const [query, variables] = operation(op, target, caller);
    const result = await system.queryAs(tokens[caller], query, variables);
    const answer = result.errors?.length ? result.errors[0].extensions?.code : 'OK';
    expect(answer, JSON.stringify(result.errors?.[0]?.message)).toBe(expected);
  });
});
