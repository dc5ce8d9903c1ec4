import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './support/system.js';

let system: System;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system?.stop());

const HOUSEHOLD = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`;
const ORGANISATION = `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`;

describe('a case read back through the gateway', () => {
  it('joins households, organisations, programmes and cases in one query', async () => {
    const j =
      await system.query(`mutation { province: createJurisdiction(input: { code: "140000000000", name: "山西省" }) { jurisdiction { code } }
      city: createJurisdiction(input: { code: "141000000000", name: "临汾市", parentCode: "140000000000" }) { jurisdiction { code } }
      county: createJurisdiction(input: { code: "141023000000", name: "襄汾县", parentCode: "141000000000" }) { jurisdiction { code } } }`);
    expect(j.errors).toBeUndefined();
    const police = await system.query(ORGANISATION, {
      input: { name: '襄汾县公安局', kind: 'PUBLIC_SECURITY', jurisdictionCode: '141023000000' },
    });
    const civil = await system.query(ORGANISATION, {
      input: { name: '襄汾县民政局', kind: 'CIVIL_AFFAIRS', jurisdictionCode: '141023000000' },
    });
    const policeId = police.data!.createOrganisation.organisation.id;
    const civilId = civil.data!.createOrganisation.organisation.id;
    const programme = await system.query(
      `mutation($input: CreateProgrammeInput!) { createProgramme(input: $input) { programme { id } } }`,
      {
        input: { name: '临时救助', kind: 'TEMPORARY', jurisdictionCode: '141023000000', organisationId: civilId },
      },
    );
    expect(programme.errors).toBeUndefined();

    const household = await system.query(HOUSEHOLD, {
      input: {
        jurisdictionCode: '141023000000',
        address: '襄汾县新城镇',
        members: [
          { name: '王秀兰', sex: 'FEMALE', birthDate: '1979-03-14', relationshipToHead: 'SELF' },
          { name: '李明', sex: 'MALE', birthDate: '2012-09-02', relationshipToHead: 'CHILD' },
        ],
      },
    });
    const householdId = household.data!.createHousehold.household.id;
    const opened = await system.query(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id status } } }`,
      {
        input: {
          householdId,
          channel: 'NON_NATURAL_DEATH',
          summary: '家庭主要劳动力非正常死亡',
          jurisdictionCode: '141023000000',
          leadOrganisationId: policeId,
        },
      },
    );
    const caseId = opened.data!.openCase.case.id;
    expect(opened.data!.openCase.case.status).toBe('OPEN');
    const referral = await system.query(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { id status } } }`,
      {
        input: {
          caseId,
          fromOrganisationId: policeId,
          toOrganisationId: civilId,
          kind: 'SOCIAL_ASSISTANCE',
          dueDate: '2026-10-09',
        },
      },
    );
    expect(referral.errors).toBeUndefined();

    const read = await system.query(
      `query($id: ID!) { case(id: $id) {
          channel summary
          household { address jurisdiction { name level parent { name } }
            members { totalCount nodes { name relationshipToHead birthDate } }
            cases { totalCount nodes { id } } }
          leadOrganisation { name kind }
          referrals { nodes { kind status dueDate fromOrganisation { name } toOrganisation { name programmes { nodes { name jurisdiction { name } } } } } } } }`,
      { id: caseId },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.case).toEqual({
      channel: 'NON_NATURAL_DEATH',
      summary: '家庭主要劳动力非正常死亡',
      household: {
        address: '襄汾县新城镇',
        jurisdiction: { name: '襄汾县', level: 'COUNTY', parent: { name: '临汾市' } },
        members: {
          totalCount: 2,
          nodes: [
            { name: '王秀兰', relationshipToHead: 'SELF', birthDate: '1979-03-14' },
            { name: '李明', relationshipToHead: 'CHILD', birthDate: '2012-09-02' },
          ],
        },
        cases: { totalCount: 1, nodes: [{ id: caseId }] },
      },
      leadOrganisation: { name: '襄汾县公安局', kind: 'PUBLIC_SECURITY' },
      referrals: {
        nodes: [
          {
            kind: 'SOCIAL_ASSISTANCE',
            status: 'SENT',
            dueDate: '2026-10-09',
            fromOrganisation: { name: '襄汾县公安局' },
            toOrganisation: {
              name: '襄汾县民政局',
              programmes: { nodes: [{ name: '临时救助', jurisdiction: { name: '襄汾县' } }] },
            },
          },
        ],
      },
    });
  });
});
