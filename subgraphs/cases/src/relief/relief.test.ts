import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type DeliveredEvent, type EventType } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { deliverEvent } from '@doudi/shared/testing';
import { startCasesWithNeighbours, type Neighbourhood } from '../test-support.js';

// Opening a case asks organisations, households and programmes (due dates, the family's places).
let neighbourhood: Neighbourhood;
let subgraph: Neighbourhood['cases'];
const programmeId = '019a0000-0000-7000-8000-000000000301';

async function openCase(): Promise<string> {
  const opened = await subgraph.query(`mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`, {
    input: {
      householdId: demo.households[0].id,
      channel: 'WINDOW_APPLICATION',
      summary: '申请临时救助',
      jurisdictionCode: '141023000000',
      leadOrganisationId: demo.organisations.xiangfenCivilAffairs.id,
    },
  });
  return opened.data!.openCase.case.id;
}

/** A benefit.* event as the programmes subgraph sends it; `minute` orders the changes in time. */
function benefitEvent(
  type: EventType,
  benefit: { benefitId: string; caseId: string | null },
  amount: string,
  minute: number,
): DeliveredEvent {
  const occurredAt = new Date(Date.UTC(2026, 10, 2, 1, minute)).toISOString();
  return {
    eventId: newId(),
    type,
    aggregateId: benefit.benefitId,
    producer: 'programmes',
    occurredAt,
    payload: {
      ...benefit,
      programmeId,
      programmeName: '临时救助',
      householdId: demo.households[0].id,
      personId: null,
      amount,
      status: type.split('.')[1].toUpperCase(),
      occurredAt,
    },
  };
}

async function deliver(...events: DeliveredEvent[]) {
  const answers = [];
  for (const event of events) answers.push(await deliverEvent(subgraph, event));
  return answers;
}

async function reliefOf(caseId: string) {
  const read = await subgraph.query<{ case: { relief: Record<string, string>[] } }>(
    `query($id: ID!) { case(id: $id) { relief { benefitId programmeName amount status updatedAt } } }`,
    { id: caseId },
  );
  expect(read.errors).toBeUndefined();
  return read.data!.case.relief;
}

beforeAll(async () => {
  neighbourhood = await startCasesWithNeighbours();
  subgraph = neighbourhood.cases;
});
afterAll(() => neighbourhood?.stop());

describe('relief shown on a case', () => {
  it('follows a benefit from approved to active to ended as its events arrive', async () => {
    const caseId = await openCase();
    const benefit = { benefitId: newId(), caseId };

    await deliver(benefitEvent('benefit.approved', benefit, '1500.00', 1));
    expect(await reliefOf(caseId)).toEqual([
      {
        benefitId: benefit.benefitId,
        programmeName: '临时救助',
        amount: '1500.00',
        status: 'APPROVED',
        updatedAt: expect.stringMatching(/^2026-11-02T/),
      },
    ]);
    await deliver(benefitEvent('benefit.activated', benefit, '1500.00', 2));
    expect((await reliefOf(caseId))[0].status).toBe('ACTIVE');
    await deliver(benefitEvent('benefit.ended', benefit, '1500.00', 3));
    expect((await reliefOf(caseId))[0].status).toBe('ENDED');
  });

  it('never moves backwards when events arrive out of order', async () => {
    const caseId = await openCase();
    const ended = { benefitId: newId(), caseId };
    const active = { benefitId: newId(), caseId };

    await deliver(
      benefitEvent('benefit.ended', ended, '800.00', 3),
      benefitEvent('benefit.approved', ended, '700.00', 1),
      benefitEvent('benefit.activated', ended, '750.00', 2),
      benefitEvent('benefit.activated', active, '300.00', 2),
      benefitEvent('benefit.approved', active, '200.00', 1),
    );

    expect((await reliefOf(caseId)).map((r) => [r.benefitId, r.status, r.amount])).toEqual([
      [ended.benefitId, 'ENDED', '800.00'],
      [active.benefitId, 'ACTIVE', '300.00'],
    ]);
  });

  it('keeps a rejected benefit rejected whatever arrives after', async () => {
    const caseId = await openCase();
    const benefit = { benefitId: newId(), caseId };

    await deliver(
      benefitEvent('benefit.rejected', benefit, '500.00', 1),
      benefitEvent('benefit.activated', benefit, '500.00', 2),
    );

    expect((await reliefOf(caseId))[0].status).toBe('REJECTED');
  });

  it('changes nothing when the same event is delivered twice, or an older one comes late', async () => {
    const caseId = await openCase();
    const benefit = { benefitId: newId(), caseId };
    const corrected = benefitEvent('benefit.approved', benefit, '1200.00', 5);

    const answers = await deliver(corrected, corrected, benefitEvent('benefit.approved', benefit, '1000.00', 4));

    expect(answers.map((a) => a.body.status)).toEqual(['processed', 'duplicate', 'processed']);
    expect((await reliefOf(caseId)).map((r) => r.amount)).toEqual(['1200.00']);
  });

  it('leaves out relief granted outside any case', async () => {
    const caseId = await openCase();
    const [answer] = await deliver(benefitEvent('benefit.approved', { benefitId: newId(), caseId: null }, '90.00', 1));

    expect(answer.status).toBe(200);
    expect(await reliefOf(caseId)).toEqual([]);
  });

  it('reads the relief of a whole page of cases in one query', async () => {
    const [first, second] = [await openCase(), await openCase()];
    await deliver(
      benefitEvent('benefit.approved', { benefitId: newId(), caseId: first }, '10.00', 1),
      benefitEvent('benefit.approved', { benefitId: newId(), caseId: second }, '20.00', 1),
    );
    const knex = subgraph.orm.em.getConnection().getKnex();
    let reliefQueries = 0;
    const count = (query: { sql: string }) => void (query.sql.includes('case_relief') && reliefQueries++);
    knex.on('query', count);
    try {
      const page = await subgraph.query<{ cases: { nodes: { id: string; relief: { amount: string }[] }[] } }>(
        `{ cases(first: 100) { nodes { id relief { amount } } } }`,
      );
      const amounts = new Map(page.data!.cases.nodes.map((c) => [c.id, c.relief.map((r) => r.amount)]));
      expect([amounts.get(first), amounts.get(second)]).toEqual([['10.00'], ['20.00']]);
    } finally {
      knex.removeListener('query', count);
    }
    expect(reliefQueries).toBe(1);
  });
});
