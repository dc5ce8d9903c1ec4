import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '@doudi/shared';
import { graphql } from '@doudi/shared/testing';
import { startSystem, type System } from './support/system.js';
import { must } from './support/steps.js';
import { clientToken, createClient, twoCounties, type CountyFixture } from './support/two-counties.js';

const idNumber = (first17: string) => first17 + checkCharacter(first17);
const PUSH = `mutation($input: PushDepartmentDataInput!) { pushDepartmentData(input: $input) {
  dryRun written repeated matched unchanged unmatched invalid
  push { id kind asOf sourceOrganisationId sourceName }
  results { row idNumber outcome column problem changes { field to } } } }`;

/** A file travels on the gateway's import route, the one that takes a large body. */
const pushFileAs = (token: string, variables: Record<string, unknown>) =>
  graphql(system.gateway.url.replace(/\/graphql$/, '/graphql/import'), PUSH, variables, {
    authorization: `Bearer ${token}`,
  });

let system: System;
let xiangfen: CountyFixture;
let jinjiang: CountyFixture;
let federationId: string;
let federation: string;
let jinjiangFederation: string;
let jinjiangFederationId: string;
const registered = idNumber('14102319650304002');

/** A county's disabled persons' federation (河鱼府发【2021】39号 二(四): 残联) and its data system's API client. */
async function federationOf(county: CountyFixture, name: string) {
  const id = (
    await must(
      system,
      null,
      `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`,
      { input: { name, kind: 'DISABLED_PERSONS_FEDERATION', jurisdictionCode: county.county } },
    )
  ).createOrganisation.organisation.id as string;
  const client = await createClient(system, {
    organisationId: id,
    name: `${name}残疾人数据系统`,
    scopes: ['ORGANISATIONS_READ', 'HOUSEHOLDS_READ', 'HOUSEHOLDS_WRITE', 'HOUSEHOLDS_READ_SENSITIVE'],
  });
  return { id, token: await clientToken(system, client) };
}

beforeAll(async () => {
  system = await startSystem();
  ({ xiangfen, jinjiang } = await twoCounties(system));
  ({ id: federationId, token: federation } = await federationOf(xiangfen, '襄汾县残联'));
  ({ id: jinjiangFederationId, token: jinjiangFederation } = await federationOf(jinjiang, '晋江市残联'));
  await must(
    system,
    null,
    `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
    {
      input: {
        jurisdictionCode: xiangfen.township,
        members: [{ name: '张桂兰', sex: 'FEMALE', relationshipToHead: 'SELF', idNumber: registered }],
      },
    },
  );
});
afterAll(() => system?.stop());

const csv = (rows: string[][]) =>
  Buffer.from(
    `\uFEFF${[['身份证号', '姓名', '残疾等级', '残疾类别'], ...rows].map((r) => r.join(',')).join('\r\n')}`,
  ).toString('base64');

describe('a department pushes its data through the gateway (河鱼府发【2021】39号 二(四))', () => {
  it('the county federation’s app dry-runs a CSV on the import route, then pushes it: facts change with its name and date', async () => {
    const stranger = idNumber('14102319900101003');
    const input = {
      kind: 'DISABILITY',
      sourceOrganisationId: federationId,
      asOf: '2026-11-01',
      file: {
        format: 'CSV',
        contentBase64: csv([
          [registered, '张桂兰', '二级', '肢体'],
          [stranger, '', '一级', '视力'],
        ]),
      },
      dryRun: true,
    };
    const dry = await pushFileAs(federation, { input });
    expect(dry.errors).toBeUndefined();
    expect(dry.data!.pushDepartmentData).toMatchObject({ dryRun: true, written: false, matched: 1, unmatched: 1 });
    expect(dry.data!.pushDepartmentData.results[0].changes.map((c: { field: string }) => c.field).sort()).toEqual([
      'disabilityCategory',
      'disabilityGrade',
      'hasDisabilityCertificate',
    ]);

    const real = await pushFileAs(federation, {
      input: { ...input, dryRun: false, idempotencyKey: 'xf-canlian-2026-11' },
    });
    expect(real.errors).toBeUndefined();
    expect(real.data!.pushDepartmentData).toMatchObject({
      written: true,
      repeated: false,
      push: { kind: 'DISABILITY', asOf: '2026-11-01', sourceOrganisationId: federationId, sourceName: '襄汾县残联' },
    });

    const history = await must(
      system,
      null,
      `query($id: ID!) { householdHistory(id: $id) { entityType source asOf changedByOrganisationId dataPushId changes { field to } } }`,
      { id: await householdOf(registered) },
    );
    expect(history.householdHistory.at(-1)).toMatchObject({
      entityType: 'Person',
      source: '襄汾县残联：残联推送残疾人（2026-11-01）',
      asOf: '2026-11-01',
      changedByOrganisationId: federationId,
      dataPushId: real.data!.pushDepartmentData.push.id,
    });

    // Sent again: the same batch, nothing new in the history.
    const again = await pushFileAs(federation, { input: { ...input, dryRun: false } });
    expect(again.data!.pushDepartmentData).toMatchObject({
      repeated: true,
      push: { id: real.data!.pushDepartmentData.push.id },
    });
    const after = await must(system, null, `query($id: ID!) { householdHistory(id: $id) { source } }`, {
      id: await householdOf(registered),
    });
    expect(after.householdHistory).toHaveLength(history.householdHistory.length);

    // The unmatched row waits for the township, masked.
    const waiting = await system.query(
      `{ dataPushUnmatchedRows(filter: { jurisdictionCode: "${xiangfen.county}" }) { nodes { idNumber kind status values { field to } } } }`,
    );
    expect(waiting.data!.dataPushUnmatchedRows.nodes).toContainEqual({
      idNumber: `${stranger.slice(0, 6)}********${stranger.slice(14)}`,
      kind: 'DISABILITY',
      status: 'PENDING',
      values: [
        { field: 'disabilityGrade', to: '1' },
        { field: 'disabilityCategory', to: '"VISUAL"' },
      ],
    });
    const pushes = await system.queryAs(federation, `{ dataPushes { totalCount nodes { kind matched unmatched } } }`);
    expect(pushes.data!.dataPushes).toMatchObject({
      totalCount: 1,
      nodes: [{ kind: 'DISABILITY', matched: 1, unmatched: 1 }],
    });
  });

  it('another county’s federation learns nothing of a registered number: its row reads UNMATCHED, like an unknown one', async () => {
    const result = await system.queryAs(jinjiangFederation, PUSH, {
      input: {
        kind: 'DISABILITY',
        sourceOrganisationId: jinjiangFederationId,
        asOf: '2026-11-01',
        rows: [
          { idNumber: registered, disabilityGrade: 3, disabilityCategory: 'HEARING' },
          { idNumber: idNumber('35058219700101005'), disabilityGrade: 3, disabilityCategory: 'HEARING' },
        ],
        dryRun: true,
      },
    });
    expect(result.errors).toBeUndefined();
    const [first, second] = result.data!.pushDepartmentData.results;
    expect(first).toMatchObject({ outcome: 'UNMATCHED', changes: [], problem: null });
    expect(second).toMatchObject({ outcome: 'UNMATCHED', changes: [], problem: null });
    // Nor may it push in another office's name.
    const forged = await system.queryAs(jinjiangFederation, PUSH, {
      input: {
        kind: 'TEKUN',
        sourceOrganisationId: federationId,
        asOf: '2026-11-01',
        rows: [{ idNumber: registered }],
        dryRun: true,
      },
    });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

async function householdOf(id: string): Promise<string> {
  const data = await must(system, null, `query($n: String!) { personByIdNumber(idNumber: $n) { household { id } } }`, {
    n: id,
  });
  return data.personByIdNumber.household.id as string;
}
