import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, newId, shanghaiDate, type Principal } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { ApprovalLevel } from '../version/programme-settings.js';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';

/** Incremental sync of the benefit ledger (docs/sync.md): decisions and endings read as changes, with their status. */
const XINCHENG = '141023100000';
const JINJIANG = '350582100000';
const START = '2026-01-01T00:00:00+08:00';
const today = shanghaiDate();
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
let programmeId: string;

const staff = (role: 'APPROVER' | 'CASEWORKER', jurisdictionCode = XINCHENG): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles: [role],
  scopes: [],
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
  const em = subgraph.orm.em.fork();
  const programme = Object.assign(new Programme(), {
    name: '襄汾县 低保',
    kind: ProgrammeKind.DIBAO,
    jurisdictionCode: '141023000000',
    organisationId: newId(),
  });
  await em.persist(programme).flush();
  programmeId = programme.id;
});
afterAll(() => subgraph?.stop());

async function active(jurisdictionCode = XINCHENG): Promise<Benefit> {
  const em = subgraph.orm.em.fork();
  const made = Object.assign(new Benefit(), {
    programmeId,
    householdId: newId(),
    jurisdictionCode,
    amountFen: 50_000,
    grantedOn: addCalendarDays(today, -200),
    year: Number(addCalendarDays(today, -200).slice(0, 4)),
    settings: { publicNoticeDays: 7 },
    approvalLevel: ApprovalLevel.TOWNSHIP,
    status: BenefitStatus.ACTIVE,
    decidedOn: addCalendarDays(today, -200),
    activeFrom: `${addCalendarDays(today, -60).slice(0, 7)}-01`,
  });
  await em.persist(made).flush();
  return made;
}

const SYNC = `query($filter: BenefitFilter, $first: Int, $after: String) {
  benefits(filter: $filter, first: $first, after: $after) {
    totalCount syncedUntil pageInfo { hasNextPage endCursor } nodes { id status updatedAt } } }`;
async function sync(principal: Principal, filter: Record<string, unknown>, page: Record<string, unknown> = {}) {
  const answer = await subgraph.query(SYNC, { filter, first: 100, ...page }, principal);
  expect(answer.errors).toBeUndefined();
  return answer.data!.benefits as { nodes: { id: string; status: string; updatedAt: string }[] } & Record<string, any>;
}

describe('syncing benefits with updatedSince', () => {
  it('answers an ended benefit with status ENDED on the next sync, and only it', async () => {
    const ending = await active();
    const staying = await active();
    const first = await sync(staff('CASEWORKER'), { updatedSince: START });
    expect(first.nodes.map((b) => b.id)).toEqual([ending.id, staying.id]);
    const between = new Date().toISOString();
    const ended = await subgraph.query(
      `mutation($input: EndBenefitInput!) { endBenefit(input: $input) { benefit { id status } } }`,
      {
        input: {
          benefitId: ending.id,
          version: ending.version,
          reason: '保障对象死亡',
          cause: 'DECEASED',
          endedOn: addCalendarDays(today, -1),
        },
      },
      staff('APPROVER'),
    );
    expect(ended.errors).toBeUndefined();
    const second = await sync(staff('CASEWORKER'), { updatedSince: between });
    expect(second.nodes.map((b) => [b.id, b.status])).toEqual([[ending.id, 'ENDED']]);
  });

  it('answers nothing of another county, and nothing to a caller who may not read benefits', async () => {
    const elsewhere = await active(JINJIANG);
    const xiangfen = await sync(staff('CASEWORKER'), { updatedSince: START });
    expect(xiangfen.nodes.map((b) => b.id)).not.toContain(elsewhere.id);
    const jinjiang = await sync(staff('CASEWORKER', JINJIANG), { updatedSince: START });
    expect(jinjiang.nodes.map((b) => b.id)).toEqual([elsewhere.id]);
    const reporting: Principal = { ...staff('CASEWORKER'), roles: ['REPORTING'] };
    expect((await sync(reporting, { updatedSince: START })).nodes).toEqual([]);
  });

  it('keeps a set-based write visible: an update that forgets updatedAt still moves it', async () => {
    const flagged = await active();
    const between = new Date().toISOString();
    await subgraph.orm.em
      .getKnex()
      .raw(`update benefit set review_flag_reason = '收入变化待核' where id = ?`, [flagged.id]);
    const changed = await sync(staff('CASEWORKER'), { updatedSince: between });
    expect(changed.nodes.map((b) => b.id)).toEqual([flagged.id]);
  });

  it('pages by cursor with the same syncedUntil, and answers nothing after an instant in the future', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let until: string | undefined;
    for (;;) {
      const page = await sync(staff('CASEWORKER'), { updatedSince: START }, { first: 1, after });
      seen.push(...page.nodes.map((b) => b.id));
      until ??= page.syncedUntil;
      expect(page.syncedUntil).toBe(until);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);
    const future = await sync(staff('CASEWORKER'), { updatedSince: '2099-01-01T00:00:00+08:00' });
    expect(future).toMatchObject({ nodes: [], totalCount: 0 });
  });

  it('refuses a malformed instant as BAD_USER_INPUT', async () => {
    const answer = await subgraph.query(SYNC, { filter: { updatedSince: 'not a time' } }, staff('CASEWORKER'));
    expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
