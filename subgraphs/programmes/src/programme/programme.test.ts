import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
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

  it('gives 襄汾县’s temporary assistance the caps of 临汾市’s template, locked (临社救办发〔2015〕3号 二(八))', async () => {
    const result = await subgraph.query(
      `query($id: ID!) { programme(id: $id) { template { name } configuration(on: "2026-10-09") {
        settings { caps { perPersonPerYear perHouseholdPerYear } approvalTiers { upTo level collectiveReview } }
        origins { setting programme { name } lockedBy { name } } } } }`,
      { id: demo.programmes[5].id },
    );
    const programme = result.data!.programme;
    expect(programme.template.name).toBe('临时救助（市级模板）');
    expect(programme.configuration.settings.caps).toEqual({
      perPersonPerYear: '5000.00',
      perHouseholdPerYear: '10000.00',
    });
    expect(programme.configuration.settings.approvalTiers).toEqual([
      { upTo: '1000.00', level: 'TOWNSHIP', collectiveReview: false },
      { upTo: null, level: 'COUNTY', collectiveReview: true },
    ]);
    expect(programme.configuration.origins).toEqual([
      { setting: 'CAPS', programme: { name: '临时救助（市级模板）' }, lockedBy: { name: '临时救助（市级模板）' } },
      { setting: 'APPROVAL', programme: { name: '临时救助' }, lockedBy: null },
    ]);
  });

  it('needs a kind', async () => {
    const result = await subgraph.query(
      `mutation { createProgramme(input: { name: "无类别", jurisdictionCode: "141023000000", organisationId: "${demo.organisations.xiangfenCivilAffairs.id}" }) { programme { id } } }`,
    );
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
