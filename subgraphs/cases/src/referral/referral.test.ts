import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demo } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { cases } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
let caseId: string;
const { xiangfenPolice: police, xiangfenCivilAffairs: civil, xiangfenAgriculture: agriculture } = demo.organisations;
const REFER = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id status dueDate } } }`;

beforeAll(async () => {
  subgraph = await startTestSubgraph(cases);
  const opened = await subgraph.query(`mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`, {
    input: {
      householdId: demo.households[0].id,
      channel: 'NON_NATURAL_DEATH',
      summary: '走访',
      jurisdictionCode: '141023000000',
      leadOrganisationId: police.id,
    },
  });
  caseId = opened.data!.openCase.case.id;
});
afterAll(() => subgraph?.stop());

describe('referrals', () => {
  it('are refused when an organisation refers a case to itself', async () => {
    const result = await subgraph.query(REFER, {
      input: { caseId, fromOrganisationId: police.id, toOrganisationId: police.id, kind: 'OTHER' },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.toOrganisationId' });
  });

  it('answer NOT_FOUND naming the case when the case does not exist', async () => {
    const result = await subgraph.query(REFER, {
      input: {
        caseId: '019a0000-0000-7000-8000-0000000fffff',
        fromOrganisationId: police.id,
        toOrganisationId: civil.id,
        kind: 'OTHER',
      },
    });
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('list an organisation’s incoming referrals soonest due first when asked', async () => {
    for (const dueDate of ['2026-10-19', '2026-10-09']) {
      await subgraph.query(REFER, {
        input: {
          caseId,
          fromOrganisationId: police.id,
          toOrganisationId: agriculture.id,
          kind: 'RURAL_SUPPORT',
          dueDate,
        },
      });
    }
    const inbox = await subgraph.query<{ referrals: { nodes: { dueDate: string }[] } }>(
      `{ referrals(filter: { toOrganisationId: "${agriculture.id}" }, orderBy: [{ field: DUE_DATE, direction: ASC }]) { nodes { dueDate } } }`,
    );
    expect(inbox.data!.referrals.nodes.map((n) => n.dueDate)).toEqual(['2026-10-09', '2026-10-19']);
  });

  it('show on the case in the order they were made', async () => {
    const read = await subgraph.query<{ case: { referrals: { totalCount: number } } }>(
      `{ case(id: "${caseId}") { referrals { totalCount } } }`,
    );
    expect(read.data!.case.referrals.totalCount).toBe(2);
  });
});
