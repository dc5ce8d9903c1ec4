import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, newId, type DeliveredEvent, type Permission, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { deliverEvent, startTestSubgraph } from '@doudi/shared/testing';
import { organisations } from '../index.js';

/** An agency's app keeps its organisation's notifications in step with updatedSince (docs/sync.md). */
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(organisations, { demoData: true });
});
afterAll(() => subgraph?.stop());

const orgs = demo.organisations;
const START = '2026-01-01T00:00:00+08:00';
type Node = Record<string, any>;

const appOf = (
  organisation: { id: string; jurisdictionCode: string },
  scopes: Permission[] = ['cases:read', 'organisations:read'],
) =>
  ({
    kind: 'API_CLIENT',
    id: newId(),
    organisationId: organisation.id,
    jurisdictionCode: organisation.jurisdictionCode,
    roles: [],
    scopes,
  }) satisfies Principal;
const civilAffairsApp = appOf(orgs.xiangfenCivilAffairs);

async function remind(organisation: { id: string; jurisdictionCode: string }) {
  const itemId = newId();
  const event: DeliveredEvent = {
    eventId: newId(),
    type: 'case.deadline.reminder',
    aggregateId: itemId,
    producer: 'cases',
    occurredAt: new Date().toISOString(),
    payload: {
      itemKind: 'REFERRAL',
      itemId,
      caseId: newId(),
      organisationId: organisation.id,
      jurisdictionCode: organisation.jurisdictionCode,
      dueDate: '2026-10-08',
      level: 'REMINDER',
    },
  };
  expect((await deliverEvent(subgraph, event)).status).toBe(200);
  return itemId;
}

const SYNC = `query($id: ID!, $since: DateTime, $first: Int, $after: String) {
  organisation(id: $id) { notifications(updatedSince: $since, first: $first, after: $after) {
    totalCount syncedUntil pageInfo { hasNextPage endCursor } nodes { id itemId readAt updatedAt } } } }`;

async function sync(principal: Principal, variables: Record<string, unknown>, id = orgs.xiangfenCivilAffairs.id) {
  const read = await subgraph.query(SYNC, { id, first: 100, ...variables }, principal);
  expect(read.errors).toBeUndefined();
  return read.data!.organisation.notifications;
}

describe('syncing notifications with updatedSince', () => {
  it('answers an app its organisation’s new notifications, then only the one marked read since', async () => {
    const first = await remind(orgs.xiangfenCivilAffairs);
    const second = await remind(orgs.xiangfenCivilAffairs);
    const elsewhere = await remind(orgs.jinjiangCivilAffairs);
    const all = await sync(civilAffairsApp, { since: START });
    expect(all.nodes.map((n: Node) => n.itemId)).toEqual([first, second]);
    expect(all.nodes.map((n: Node) => n.itemId)).not.toContain(elsewhere);

    const between = new Date().toISOString();
    const marked = await subgraph.query(
      `mutation($input: MarkNotificationReadInput!) { markNotificationRead(input: $input) { notification { id updatedAt } } }`,
      { input: { notificationId: all.nodes[0].id } },
      civilAffairsApp,
    );
    expect(marked.errors).toBeUndefined();
    const changed = await sync(civilAffairsApp, { since: between });
    expect(changed.nodes).toEqual([
      { id: all.nodes[0].id, itemId: first, readAt: expect.any(String), updatedAt: expect.any(String) },
    ]);
    expect(Date.parse(changed.nodes[0].updatedAt)).toBeGreaterThan(Date.parse(all.nodes[0].updatedAt));
  });

  it('pages with a cursor in (updatedAt, id) order, every page with the same syncedUntil', async () => {
    const seen: Node[] = [];
    let after: string | undefined;
    let until: string | undefined;
    for (;;) {
      const page = await sync(civilAffairsApp, { since: START, first: 1, after });
      seen.push(...page.nodes);
      until ??= page.syncedUntil;
      expect(page.syncedUntil).toBe(until);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(2);
    expect(Date.parse(seen[0].updatedAt)).toBeLessThanOrEqual(Date.parse(seen[1].updatedAt));
    expect(Date.parse(until!)).toBeLessThan(Date.now());
  });

  it('answers nothing after an instant in the future, and refuses a malformed one as BAD_USER_INPUT', async () => {
    const future = await sync(civilAffairsApp, { since: '2099-01-01T00:00:00+08:00' });
    expect(future).toMatchObject({ nodes: [], totalCount: 0 });
    const malformed = await subgraph.query(
      SYNC,
      { id: orgs.xiangfenCivilAffairs.id, since: 'yesterday' },
      civilAffairsApp,
    );
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is refused to another organisation’s app, as the list is', async () => {
    const read = await subgraph.query(
      SYNC,
      { id: orgs.xiangfenCivilAffairs.id, since: START },
      appOf(orgs.xiangfenPolice),
    );
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('costs the same SQL statements for a page of 2 organisations as for 10 (no N+1)', async () => {
    const PAGE = `query($first: Int!, $since: DateTime) { organisations(first: $first) { nodes { id
      notifications(updatedSince: $since, first: 3) { totalCount syncedUntil nodes { id } } } } }`;
    const statementsFor = async (first: number) => {
      const counted = countQueries(subgraph.orm);
      try {
        const result = await subgraph.query<{ organisations: { nodes: unknown[] } }>(PAGE, { first, since: START });
        expect(result.errors).toBeUndefined();
        expect(result.data!.organisations.nodes).toHaveLength(first);
        return counted.count;
      } finally {
        counted.stop();
      }
    };
    expect(await statementsFor(10)).toBe(await statementsFor(2));
  });
});
