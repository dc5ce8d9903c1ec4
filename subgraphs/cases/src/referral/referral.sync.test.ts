import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_CLOCK_MARGIN_MS, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import {
  REFERRAL,
  SIX_AREAS,
  failure,
  mutation,
  ok,
  people,
  startCasesWithNeighbours,
  type Neighbourhood,
} from '../test-support.js';

/**
 * Incremental sync of cases and referrals (docs/sync.md): an agency's app reads what changed since its last sync, in
 * (updatedAt, id) order, never more than it may read, and misses nothing that commits while it reads.
 */
let n: Neighbourhood;
const o = demo.organisations;
type Data = Record<string, any>;
const START = '2026-01-01T00:00:00+08:00';
let caseId: string;
let toCivilAffairs: Data;
let toAgriculture: Data;
let judicialCaseId: string;

const SYNC_REFERRALS = `query($filter: ReferralFilter, $first: Int, $after: String) {
  referrals(filter: $filter, first: $first, after: $after) {
    nodes { id status updatedAt } totalCount syncedUntil pageInfo { hasNextPage endCursor }
  }
}`;
const SYNC_CASES = `query($filter: CaseFilter, $first: Int, $after: String) {
  cases(filter: $filter, first: $first, after: $after) {
    nodes { id status stage updatedAt } totalCount syncedUntil pageInfo { hasNextPage endCursor }
  }
}`;

async function syncReferrals(principal: Principal, filter: Data, page: Data = {}) {
  return ok(await n.query(SYNC_REFERRALS, { filter, ...page }, principal)).referrals;
}
/** Every page of one sync pass, as an app reads it. */
async function syncAll(principal: Principal, filter: Data, first = 1) {
  const nodes: Data[] = [];
  const untils = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const page = await syncReferrals(principal, filter, { first, after });
    nodes.push(...page.nodes);
    untils.add(page.syncedUntil);
    if (!page.pageInfo.hasNextPage) return { nodes, untils: [...untils] };
    after = page.pageInfo.endCursor;
  }
}
async function send(to: string, extra: Data = {}) {
  const result = await n.query(
    mutation('createReferral', `referral { ${REFERRAL} }`),
    {
      input: {
        caseId,
        fromOrganisationId: o.xiangfenPolice.id,
        toOrganisationId: to,
        kind: 'SOCIAL_ASSISTANCE',
        requestedMeasures: ['核实家庭情况，按政策给予救助'],
        sentOn: '2026-10-20',
        ...extra,
      },
    },
    people.police,
  );
  return ok(result).createReferral.referral;
}

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  const opened = await n.query(
    mutation('openCase', 'case { id }'),
    {
      input: {
        channel: 'NON_NATURAL_DEATH',
        householdId: demo.households[0].id,
        jurisdictionCode: '141023000000',
        leadOrganisationId: o.xiangfenPolice.id,
        summary: '户主交通事故死亡',
        receivedOn: '2026-09-30',
      },
    },
    people.police,
  );
  caseId = ok(opened).openCase.case.id;
  ok(
    await n.query(
      mutation('recordVisit', 'visit { id }'),
      {
        input: {
          caseId,
          visitedOn: '2026-10-09',
          visitorOrganisationIds: [o.xiangfenPolice.id],
          findings: SIX_AREAS,
          referralRequested: true,
        },
      },
      people.police,
    ),
  );
  toCivilAffairs = await send(o.xiangfenCivilAffairs.id);
  toAgriculture = await send(o.xiangfenAgriculture.id, { kind: 'RURAL_SUPPORT' });
  const judicial = await n.query(
    mutation('openCase', 'case { id }'),
    {
      input: {
        channel: 'JUDICIAL_ASSISTANCE',
        householdId: demo.households.find((h) => h.jurisdictionCode.startsWith('350582'))!.id,
        jurisdictionCode: '350582000000',
        leadOrganisationId: o.jinjiangProcuratorate.id,
        summary: '被害人家庭生活困难',
        receivedOn: '2026-09-30',
      },
    },
    people.procurator,
  );
  judicialCaseId = ok(judicial).openCase.case.id;
});
afterAll(() => n?.stop());

describe('syncing referrals with updatedSince (docs/sync.md)', () => {
  it('answers a receiver its own referrals in (updatedAt, id) order, never another agency’s', async () => {
    const page = await syncReferrals(people.civilAffairs, { updatedSince: START });
    expect(page.nodes.map((r: Data) => r.id)).toEqual([toCivilAffairs.id]);
    const police = await syncAll(people.police, { updatedSince: START });
    expect(police.nodes.map((r: Data) => r.id)).toEqual([toCivilAffairs.id, toAgriculture.id]);
    const times = police.nodes.map((r: Data) => Date.parse(r.updatedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The procuratorate of another county reads none of Xiangfen's referrals.
    expect((await syncReferrals(people.procurator, { updatedSince: START })).nodes).toEqual([]);
  });

  it('synced twice answers only what changed in between, with its new status', async () => {
    const first = await syncAll(people.police, { updatedSince: START });
    expect(first.nodes).toHaveLength(2);
    const between = new Date().toISOString();
    const accepted = ok(
      await n.query(
        mutation('acceptReferral', `referral { ${REFERRAL} }`),
        { input: { referralId: toCivilAffairs.id, version: toCivilAffairs.version } },
        people.civilAffairs,
      ),
    ).acceptReferral.referral;
    toCivilAffairs = accepted;
    const second = await syncAll(people.police, { updatedSince: between });
    expect(second.nodes.map((r: Data) => [r.id, r.status])).toEqual([[toCivilAffairs.id, 'ACCEPTED']]);
  });

  it('answers a declined referral with its status: a withdrawal is seen, not lost', async () => {
    const before = new Date().toISOString();
    ok(
      await n.query(
        mutation('declineReferral', `referral { ${REFERRAL} }`),
        {
          input: {
            referralId: toAgriculture.id,
            version: toAgriculture.version,
            reason: 'NOT_OUR_RESPONSIBILITY',
            explanation: '该户不属于农业农村部门帮扶范围',
          },
        },
        people.agriculture,
      ),
    );
    const page = await syncReferrals(people.police, { updatedSince: before });
    expect(page.nodes.map((r: Data) => [r.id, r.status])).toEqual([[toAgriculture.id, 'DECLINED']]);
  });

  it('pages by cursor without a gap or a repeat while another change lands between pages', async () => {
    const extra = await send(o.xiangfenEducation.id, { kind: 'EDUCATION_AID' });
    const firstPage = await syncReferrals(people.police, { updatedSince: START }, { first: 1 });
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    // Between the pages the first record changes again: it moves to the end, behind the cursor's records.
    const moved = ok(
      await n.query(
        mutation('answerReferral', `referral { ${REFERRAL} }`),
        {
          input: {
            referralId: toCivilAffairs.id,
            version: toCivilAffairs.version,
            measuresTaken: ['已纳入临时救助'],
          },
        },
        people.civilAffairs,
      ),
    ).answerReferral.referral;
    const seen = [...firstPage.nodes];
    let page = firstPage;
    while (page.pageInfo.hasNextPage) {
      page = await syncReferrals(people.police, { updatedSince: START }, { first: 1, after: page.pageInfo.endCursor });
      expect(page.syncedUntil).toBe(firstPage.syncedUntil);
      seen.push(...page.nodes);
    }
    const ids = seen.map((r: Data) => r.id);
    expect(new Set(ids).size).toBe(ids.length - 1); // only the moved record comes twice: once per change
    expect(ids).toEqual(expect.arrayContaining([toCivilAffairs.id, toAgriculture.id, extra.id]));
    expect(seen[seen.length - 1]).toMatchObject({ id: moved.id, status: 'ANSWERED' });
  });

  it('answers nothing after an instant in the future', async () => {
    const page = await syncReferrals(people.police, { updatedSince: '2099-01-01T00:00:00+08:00' });
    expect(page).toMatchObject({ nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('refuses a malformed instant, an orderBy, an offset and a cursor of another kind as BAD_USER_INPUT', async () => {
    const malformed = await n.query(SYNC_REFERRALS, { filter: { updatedSince: '2026-13-45' } }, people.police);
    expect(failure(malformed).code).toBe('BAD_USER_INPUT');
    const ordered = await n.query(
      `{ referrals(filter: { updatedSince: "${START}" }, orderBy: [{ field: DUE_DATE }]) { totalCount } }`,
      {},
      people.police,
    );
    expect(failure(ordered)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'orderBy' });
    const offset = await n.query(
      `{ referrals(filter: { updatedSince: "${START}" }, offset: 1) { totalCount } }`,
      {},
      people.police,
    );
    expect(failure(offset)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'offset' });
    const plain = ok(await n.query(`{ referrals(first: 1) { pageInfo { endCursor } } }`, {}, people.police));
    const mixed = await n.query(
      SYNC_REFERRALS,
      { filter: { updatedSince: START }, after: plain.referrals.pageInfo.endCursor },
      people.police,
    );
    expect(failure(mixed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers, on the next sync from syncedUntil, a change whose transaction began before the read and committed after it', async () => {
    const knex = n.cases.orm.em.getKnex();
    const trx = await knex.transaction();
    try {
      // A write in progress: it stamps updated_at now, but nobody sees it until it commits.
      await trx.raw(`update referral set note = '补充说明' where id = ?`, [toAgriculture.id]);
      const [{ started }] = (await trx.raw('select now() as started')).rows;
      const read = await syncReferrals(people.police, { updatedSince: START });
      expect(read.nodes.find((r: Data) => r.id === toAgriculture.id)?.updatedAt).not.toBe(undefined);
      expect(Date.parse(read.syncedUntil)).toBeLessThanOrEqual(new Date(started).getTime() - SYNC_CLOCK_MARGIN_MS);
      await trx.commit();
      const next = await syncReferrals(people.police, { updatedSince: read.syncedUntil });
      const late = next.nodes.find((r: Data) => r.id === toAgriculture.id);
      expect(late).toBeDefined();
      const before = read.nodes.find((r: Data) => r.id === toAgriculture.id);
      expect(Date.parse(late.updatedAt)).toBeGreaterThan(Date.parse(before.updatedAt));
    } finally {
      if (!trx.isCompleted()) await trx.rollback();
    }
  });
});

describe('syncing cases with updatedSince', () => {
  it('answers the cases the caller sees that changed, a stage change among them, and none out of reach', async () => {
    const xiangfen = ok(await n.query(SYNC_CASES, { filter: { updatedSince: START } }, people.police)).cases;
    expect(xiangfen.nodes.map((c: Data) => c.id)).toEqual([caseId]);
    const jinjiang = ok(await n.query(SYNC_CASES, { filter: { updatedSince: START } }, people.procurator)).cases;
    expect(jinjiang.nodes.map((c: Data) => [c.id, c.stage])).toEqual([[judicialCaseId, 'INVESTIGATING']]);
    const between = new Date().toISOString();
    const version = ok(await n.query(`{ case(id: "${judicialCaseId}") { version } }`, {}, people.procurator)).case
      .version;
    ok(
      await n.query(
        mutation('concludeInvestigation', 'case { id stage }'),
        { input: { caseId: judicialCaseId, version } },
        people.procurator,
      ),
    );
    const changed = ok(await n.query(SYNC_CASES, { filter: { updatedSince: between } }, people.procurator)).cases;
    expect(changed.nodes).toHaveLength(1);
    expect(changed.nodes[0].stage).not.toBe('INVESTIGATING');
    // Xiangfen's police neither see Jinjiang's case nor anything changed since.
    expect(ok(await n.query(SYNC_CASES, { filter: { updatedSince: between } }, people.police)).cases.nodes).toEqual([]);
  });
});

describe('syncing Organisation.inbox with updatedSince', () => {
  const INBOX = `query($reps: [_Any!]!, $since: DateTime, $after: String) {
    _entities(representations: $reps) { ... on Organisation {
      inbox(updatedSince: $since, first: 10, after: $after) {
        totalCount syncedUntil pageInfo { hasNextPage endCursor } nodes { kind open updatedAt referral { id status } }
      } } } }`;
  const civilAffairs = [{ __typename: 'Organisation', id: o.xiangfenCivilAffairs.id }];
  const inbox = async (principal: Principal, since: string) =>
    ok(await n.query(INBOX, { reps: civilAffairs, since }, principal))._entities[0].inbox;

  it('answers what arrived, then the same referral with open: false once it is answered', async () => {
    const between = new Date().toISOString();
    const arrived = await send(o.xiangfenCivilAffairs.id, { kind: 'MEDICAL_AID' });
    const first = await inbox(people.civilAffairs, between);
    expect(first.nodes.map((i: Data) => [i.kind, i.referral?.id, i.open])).toEqual([['REFERRAL', arrived.id, true]]);
    const later = new Date().toISOString();
    ok(
      await n.query(
        mutation('answerReferral', `referral { ${REFERRAL} }`),
        { input: { referralId: arrived.id, version: arrived.version, measuresTaken: ['已办理医疗救助'] } },
        people.civilAffairs,
      ),
    );
    const second = await inbox(people.civilAffairs, later);
    expect(second.nodes.map((i: Data) => [i.referral?.id, i.referral?.status, i.open])).toEqual([
      [arrived.id, 'ANSWERED', false],
    ]);
    // The ordinary inbox no longer lists it.
    const open = ok(
      await n.query(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organisation {
          inbox(first: 100) { nodes { open referral { id } } } } } }`,
        { reps: civilAffairs },
        people.civilAffairs,
      ),
    )._entities[0].inbox.nodes;
    expect(open.map((i: Data) => i.referral?.id)).not.toContain(arrived.id);
    expect(open.every((i: Data) => i.open)).toBe(true);
  });

  it('is refused to another agency, as the inbox is', async () => {
    const answer = await n.query(INBOX, { reps: civilAffairs, since: START }, people.agriculture);
    expect(failure(answer).code).toBe('FORBIDDEN');
  });
});
