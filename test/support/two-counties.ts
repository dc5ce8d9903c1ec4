import type { System } from './system.js';
import { must } from './steps.js';

/**
 * Two counties of the seeds with what the access tests read and write: 襄汾县 (with 新城镇) and 晋江市
 * (with 安海镇), each with its agencies, a household, a programme and a police-led case.
 */
export const COUNTIES = {
  xiangfen: { county: '141023000000', township: '141023100000' },
  jinjiang: { county: '350582000000', township: '350582100000' },
} as const;
export type CountyName = keyof typeof COUNTIES;

export interface CountyFixture {
  county: string;
  township: string;
  civilAffairsId: string;
  townshipGovernmentId: string;
  policeId: string;
  householdId: string;
  programmeId: string;
  caseId: string;
}

const TREE = `mutation {
  a: createJurisdiction(input: { code: "140000000000", name: "山西省" }) { jurisdiction { code } }
  b: createJurisdiction(input: { code: "141000000000", name: "临汾市", parentCode: "140000000000" }) { jurisdiction { code } }
  c: createJurisdiction(input: { code: "141023000000", name: "襄汾县", parentCode: "141000000000" }) { jurisdiction { code } }
  d: createJurisdiction(input: { code: "141023100000", name: "新城镇", parentCode: "141023000000" }) { jurisdiction { code } }
  e: createJurisdiction(input: { code: "350000000000", name: "福建省" }) { jurisdiction { code } }
  f: createJurisdiction(input: { code: "350500000000", name: "泉州市", parentCode: "350000000000" }) { jurisdiction { code } }
  g: createJurisdiction(input: { code: "350582000000", name: "晋江市", parentCode: "350500000000" }) { jurisdiction { code } }
  h: createJurisdiction(input: { code: "350582100000", name: "安海镇", parentCode: "350582000000" }) { jurisdiction { code } }
}`;

/** Runs `query` as the system operator (it must succeed) and answers the part `pick` takes from its data. */
async function picked<T>(
  system: System,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: any) => T,
): Promise<T> {
  return pick(await must(system, null, query, variables));
}

const ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`;

async function county(system: System, name: CountyName, label: string): Promise<CountyFixture> {
  const { county: code, township } = COUNTIES[name];
  const org = (input: Record<string, unknown>) =>
    picked(system, ORGANISATION, { input }, (d) => d.createOrganisation.organisation.id as string);
  const civilAffairsId = await org({ name: `${label}民政局`, kind: 'CIVIL_AFFAIRS', jurisdictionCode: code });
  const townshipGovernmentId = await org({
    name: `${label}某镇人民政府`,
    kind: 'TOWNSHIP_GOVERNMENT',
    jurisdictionCode: township,
  });
  const policeId = await org({ name: `${label}公安局`, kind: 'PUBLIC_SECURITY', jurisdictionCode: code });
  const householdId = await picked(
    system,
    `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
    { input: { jurisdictionCode: township, members: [{ name: '户主', sex: 'FEMALE', relationshipToHead: 'SELF' }] } },
    (d) => d.createHousehold.household.id as string,
  );
  const programmeId = await picked(
    system,
    `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }`,
    { input: { name: '临时救助', kind: 'TEMPORARY', jurisdictionCode: code, organisationId: civilAffairsId } },
    (d) => d.createProgramme.programme.id as string,
  );
  const caseId = await picked(
    system,
    `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
    {
      input: {
        householdId,
        channel: 'NON_NATURAL_DEATH',
        summary: '走访',
        jurisdictionCode: township,
        leadOrganisationId: policeId,
      },
    },
    (d) => d.openCase.case.id as string,
  );
  return { county: code, township, civilAffairsId, townshipGovernmentId, policeId, householdId, programmeId, caseId };
}

export async function twoCounties(system: System) {
  await picked(system, TREE, {}, (d) => d);
  return { xiangfen: await county(system, 'xiangfen', '襄汾县'), jinjiang: await county(system, 'jinjiang', '晋江市') };
}

export async function createStaff(system: System, input: Record<string, unknown>) {
  return picked(
    system,
    `mutation($input: CreateStaffAccountInput!) { createStaffAccount(input: $input) { account { id } } }`,
    { input },
    (d) => d.createStaffAccount.account.id as string,
  );
}

/** A caseworker of the county's township government, signed in: the token a village list's importer holds. */
export async function townshipCaseworker(system: System, county: CountyFixture, username = 'xf.worker') {
  await createStaff(system, {
    organisationId: county.townshipGovernmentId,
    username,
    displayName: '经办人',
    password: 'caseworker-pass',
    roles: ['CASEWORKER'],
  });
  return system.signIn(username, 'caseworker-pass');
}

export async function createClient(system: System, input: Record<string, unknown>) {
  return picked(
    system,
    `mutation($input: CreateApiClientInput!) { createApiClient(input: $input) { client { id } clientSecret } }`,
    { input },
    (d) => ({
      clientId: d.createApiClient.client.id as string,
      clientSecret: d.createApiClient.clientSecret as string,
    }),
  );
}

export async function clientToken(system: System, credentials: { clientId: string; clientSecret: string }) {
  const result = await system.queryAs<{ issueClientToken: { accessToken: string } }>(
    null,
    `mutation($input: ClientCredentialsInput!) { issueClientToken(input: $input) { accessToken } }`,
    { input: credentials },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.issueClientToken.accessToken;
}
