import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { mutation, ok, people, startCasesWithNeighbours, type Neighbourhood } from '../test-support.js';
import { Referral } from './referral.entity.js';
import { createReferralLoaders } from './referral.loaders.js';

/** A case's referrals read as rows in a query (issue 16 item 2) must show what the entities show, oldest first. */
let n: Neighbourhood;
let caseId: string;
const caseworker = people.xinchengCaseworker;
const QUERY = { services: undefined, assertion: '', readOnly: () => true };

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  const opened = await n.query(
    mutation('openCase', 'case { id }'),
    {
      input: {
        channel: 'WINDOW_APPLICATION',
        householdId: demo.households[0].id,
        jurisdictionCode: '141023100000',
        leadOrganisationId: caseworker.organisationId,
        summary: '转介测试',
        receivedOn: '2026-03-02',
      },
    },
    caseworker,
  );
  caseId = ok(opened).openCase.case.id;
  for (const to of [demo.organisations.xiangfenEducation.id, demo.organisations.xiangfenCivilAffairs.id]) {
    ok(
      await n.query(
        mutation('createReferral', 'referral { id }'),
        {
          input: { caseId, fromOrganisationId: caseworker.organisationId, toOrganisationId: to, kind: 'EDUCATION_AID' },
        },
        caseworker,
      ),
    );
  }
});
afterAll(() => n?.stop());

describe('a case’s referrals', () => {
  it('read as rows in a query equal the entities, oldest first; in a mutation they are the managed entities', async () => {
    const em = n.cases.orm.em.fork();
    const entities = await em.find(Referral, { caseId }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(entities).toHaveLength(2);
    const rows = await createReferralLoaders(n.cases.orm.em.fork(), QUERY).referralsByCase.load(caseId);
    expect(rows.every((r) => r instanceof Referral)).toBe(true);
    expect(rows.map((r) => ({ ...r }))).toEqual(entities.map((r) => ({ ...r })));
    const writing = n.cases.orm.em.fork();
    const managed = await createReferralLoaders(writing, { ...QUERY, readOnly: () => false }).referralsByCase.load(
      caseId,
    );
    expect(managed[0]).toBe(await writing.findOneOrFail(Referral, entities[0].id));
  });
});
