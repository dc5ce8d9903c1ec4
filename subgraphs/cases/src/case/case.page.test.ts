import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import type { Principal } from '@doudi/shared';
import { mutation, ok, people, staffOf, startCasesWithNeighbours, type Neighbourhood } from '../test-support.js';

/**
 * An unfiltered case list is read by plain SQL (case.page.ts), a filtered one through the ORM's filter: both must
 * answer the same cases to the same caller — those it oversees, those its organisation is a party to, those
 * referred to or by it — in the same order, and nothing else.
 */
let n: Neighbourhood;
const o = demo.organisations;
type Data = Record<string, any>;
const caseworker = people.xinchengCaseworker;
const countyAdmin = staffOf(o.xiangfenCivilAffairs.id, '141023000000', 'JURISDICTION_ADMIN');
/** A filter that keeps every case: it sends the list down the ORM's path. */
const KEEPS_ALL = { receivedFrom: '2000-01-01' };

const LIST = `query($filter: CaseFilter, $first: Int) { cases(filter: $filter, first: $first) { totalCount
  pageInfo { hasNextPage endCursor } nodes { id summary } } }`;
const list = async (caller: Principal, filter?: Data, first = 100) =>
  ok(await n.query(LIST, { filter, first }, caller)).cases as Data;

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  const opened: string[] = [];
  for (const [summary, receivedOn] of [
    ['一号窗口申请', '2026-03-02'],
    ['二号窗口申请', '2026-03-03'],
    ['三号窗口申请', '2026-03-04'],
  ]) {
    const result = await n.query(
      mutation('openCase', 'case { id }'),
      {
        input: {
          channel: 'WINDOW_APPLICATION',
          householdId: demo.households[0].id,
          jurisdictionCode: '141023100000',
          leadOrganisationId: caseworker.organisationId,
          summary,
          receivedOn,
        },
      },
      caseworker,
    );
    opened.push(ok(result).openCase.case.id);
  }
  // The education bureau takes part in the second case only, through a referral.
  ok(
    await n.query(
      mutation('createReferral', 'referral { id }'),
      {
        input: {
          caseId: opened[1],
          fromOrganisationId: caseworker.organisationId,
          toOrganisationId: o.xiangfenEducation.id,
          kind: 'EDUCATION_AID',
        },
      },
      caseworker,
    ),
  );
});
afterAll(() => n?.stop());

describe('the unfiltered case list', () => {
  it('answers each caller the same cases, in the same order, as a filter keeping them all', async () => {
    const callers = { caseworker, countyAdmin, education: people.education, agriculture: people.agriculture };
    const seen: Record<string, string[]> = {};
    for (const [name, caller] of Object.entries(callers)) {
      const plain = await list(caller);
      const filtered = await list(caller, KEEPS_ALL);
      expect(plain, name).toEqual(filtered);
      seen[name] = (plain.nodes as Data[]).map((c) => c.summary);
    }
    // Overseers and the lead see all three, newest first; a referral's receiver only its case; others none.
    expect(seen).toEqual({
      caseworker: ['三号窗口申请', '二号窗口申请', '一号窗口申请'],
      countyAdmin: ['三号窗口申请', '二号窗口申请', '一号窗口申请'],
      education: ['二号窗口申请'],
      agriculture: [],
    });
  });

  it('pages with a total and a next page as the filtered list does', async () => {
    const plain = await list(caseworker, undefined, 2);
    expect(plain).toEqual(await list(caseworker, KEEPS_ALL, 2));
    expect(plain).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(plain.nodes).toHaveLength(2);
  });
});
