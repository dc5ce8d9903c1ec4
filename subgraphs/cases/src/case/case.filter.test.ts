import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { shanghaiDate } from '@doudi/shared';
import {
  failure,
  mutation,
  ok,
  people,
  staffOf,
  startCasesWithNeighbours,
  type Neighbourhood,
} from '../test-support.js';

/** The case list's filters the console offers (issue 14 item 2): jurisdiction, period and overdue, on the server. */
let n: Neighbourhood;
const o = demo.organisations;
type Data = Record<string, any>;
const caseworker = people.xinchengCaseworker;
/** The county's own caseworker opens the county's case; the township's sees it too (the family lives there). */
const countyCaseworker = staffOf(o.xiangfenCivilAffairs.id, '141023000000', 'CASEWORKER');

const LIST = `query($filter: CaseFilter) { cases(filter: $filter, first: 100) { totalCount nodes { id summary
  tasks { overdue } referrals { nodes { overdue } } followUps { overdue } } } }`;
const list = async (filter: Data) => ok(await n.query(LIST, { filter }, caseworker)).cases;
const summaries = (connection: Data) => (connection.nodes as Data[]).map((c) => c.summary).sort();

async function open(summary: string, jurisdictionCode: string, receivedOn: string, by = caseworker) {
  const result = await n.query(
    mutation('openCase', 'case { id version }'),
    {
      input: {
        channel: 'WINDOW_APPLICATION',
        householdId: demo.households[0].id,
        jurisdictionCode,
        leadOrganisationId: by.organisationId,
        summary,
        receivedOn,
      },
    },
    by,
  );
  return ok(result).openCase.case as Data;
}

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  // A window application must be transferred within one working day (周政办字〔2017〕70号 四(二)): received in
  // January and never transferred, its TRANSFER task is overdue; received today, it is not yet.
  await open('一月的窗口申请', '141023100000', '2026-01-05');
  await open('二月的县级窗口申请', '141023000000', '2026-02-02', countyCaseworker);
  await open('今天的窗口申请', '141023100000', shanghaiDate());
});
afterAll(() => n?.stop());

describe('the case list’s filters', () => {
  it('keeps the cases of a division and those below it', async () => {
    expect(summaries(await list({ jurisdictionCode: '141023100000' }))).toEqual(['一月的窗口申请', '今天的窗口申请']);
    expect((await list({ jurisdictionCode: '141023000000' })).totalCount).toBe(3);
  });

  it('keeps the cases received within a period, both days included', async () => {
    const period = await list({ receivedFrom: '2026-01-05', receivedTo: '2026-02-02' });
    expect(summaries(period)).toEqual(['一月的窗口申请', '二月的县级窗口申请']);
    expect((await list({ receivedFrom: '2026-01-06' })).totalCount).toBe(2);
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const result = await n.query(
      LIST,
      { filter: { receivedFrom: '2026-03-01', receivedTo: '2026-02-01' } },
      caseworker,
    );
    expect(failure(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.receivedTo' });
  });

  it('keeps the cases with something overdue, as the rows’ own overdue fields say, and the others with false', async () => {
    const overdue = await list({ overdue: true });
    expect(summaries(overdue)).toEqual(['一月的窗口申请', '二月的县级窗口申请']);
    for (const found of overdue.nodes as Data[]) expect(found.tasks.some((t: Data) => t.overdue)).toBe(true);
    const onTime = await list({ overdue: false });
    expect(summaries(onTime)).toEqual(['今天的窗口申请']);
    expect((onTime.nodes as Data[])[0].tasks.some((t: Data) => t.overdue)).toBe(false);
  });

  it('combines with the other filters and pages on the server', async () => {
    const page = await n.query(
      `query { cases(filter: { overdue: true, jurisdictionCode: "141023100000" }, first: 1) { totalCount nodes { summary } } }`,
      {},
      caseworker,
    );
    expect(ok(page).cases).toEqual({ totalCount: 1, nodes: [{ summary: '一月的窗口申请' }] });
  });

  it('says whether another page follows when the query does not ask for the count, as it does when it does', async () => {
    const page = async (first: number, after: string | null, count: boolean) =>
      ok(
        await n.query(
          `query($first: Int!, $after: String) { cases(first: $first, after: $after) {
            ${count ? 'totalCount' : ''} ... on CaseConnection { pageInfo { hasNextPage endCursor } } nodes { id } } }`,
          { first, after },
          caseworker,
        ),
      ).cases;
    const all = await page(100, null, true);
    expect(all.totalCount).toBeGreaterThan(1);
    const first = await page(all.totalCount - 1, null, false);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.nodes).toEqual(all.nodes.slice(0, -1));
    const last = await page(all.totalCount - 1, first.pageInfo.endCursor, false);
    expect(last).toMatchObject({ pageInfo: { hasNextPage: false }, nodes: all.nodes.slice(-1) });
    expect((await page(all.totalCount, null, false)).pageInfo.hasNextPage).toBe(false);
  });
});
