import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes, { demoData: true });
});
afterAll(() => subgraph?.stop());

describe('the programme catalogue', () => {
  it('knows each programme’s kind and lists a county’s by kind', async () => {
    const created = await subgraph.query(
      `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { kind name } } }`,
      {
        input: {
          name: '医疗救助',
          kind: 'MEDICAL',
          jurisdictionCode: '141023000000',
          organisationId: demo.organisations.xiangfenCivilAffairs.id,
        },
      },
    );
    expect(created.data!.createProgramme.programme).toEqual({ kind: 'MEDICAL', name: '医疗救助' });
    const list = await subgraph.query(
      `{ programmes(filter: { jurisdictionCode: "141000000000", kinds: [DIBAO, MEDICAL] }) { nodes { name kind } } }`,
    );
    expect(list.data!.programmes.nodes.map((p: { kind: string }) => p.kind).sort()).toEqual(['DIBAO', 'MEDICAL']);
  });

  it('carries 临汾市’s temporary-assistance caps in the demo (seed 003 二(八))', async () => {
    const result = await subgraph.query(
      `query($id: ID!) { programme(id: $id) { capPerPersonPerYear capPerHouseholdPerYear } }`,
      { id: demo.programmes[0].id },
    );
    expect(result.data!.programme).toEqual({ capPerPersonPerYear: '5000.00', capPerHouseholdPerYear: '10000.00' });
  });

  it('needs a kind', async () => {
    const result = await subgraph.query(
      `mutation { createProgramme(input: { name: "无类别", jurisdictionCode: "141023000000", organisationId: "${demo.organisations.xiangfenCivilAffairs.id}" }) { programme { id } } }`,
    );
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
