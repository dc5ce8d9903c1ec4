import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';
import { step } from './support/steps.js';

/**
 * Issue 11 item 1: a due date has one home. Cases keeps the time limits itself, so counting one due date asks
 * another subgraph at most once (organisations: the working days, with the receiver's kind when it matters).
 * Before the move, a referral's due date cost three calls (organisations for the kind, programmes for the
 * limit, organisations again for the working days) and a task's two.
 */
let system: System;
let police: string;
const { xiangfenPolice, xiangfenCivilAffairs } = demo.organisations;
const calls: string[] = [];
const fetchBefore = globalThis.fetch;

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  police = await system.signIn('xiangfen.police', demo.DEMO_PASSWORD);
  // Subgraphs ask each other with fetch (the gateway has its own client): count the calls to their APIs.
  const names = Object.fromEntries(
    Object.values(system.subgraphs).map((running) => [new URL(running.url).origin, running.name]),
  );
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (names[url.origin]) calls.push(`${names[url.origin]}${url.pathname}`);
    return fetchBefore(input, init);
  };
});
afterAll(async () => {
  globalThis.fetch = fetchBefore;
  await system?.stop();
});

const counted = async (work: () => Promise<unknown>) => {
  calls.length = 0;
  await work();
  // What cases asks of the subgraphs that calendar, kind and limits could come from (not the gateway's own calls).
  return calls.filter((call) => call === 'organisations/graphql' || call === 'programmes/graphql');
};

describe('a due date', () => {
  const openCase = () =>
    step(system, police, 'openCase', 'case { id tasks { dueDate dueRule } }', {
      channel: 'NON_NATURAL_DEATH',
      householdId: demo.households[0].id,
      jurisdictionCode: '141023000000',
      leadOrganisationId: xiangfenPolice.id,
      summary: '走访函已收到',
      receivedOn: '2026-09-30',
    });

  it('of a case’s first task costs cases one call to another subgraph: the working days', async () => {
    const made = await counted(async () => {
      const opened = await openCase();
      expect(opened.case.tasks).toContainEqual({ dueDate: '2026-10-10', dueRule: 'DEATH_CASE_VISIT' });
    });
    expect(made).toEqual(['organisations/graphql']);
  });

  it('of a referral costs cases one call: the receiver’s kind and the working days asked together', async () => {
    const caseId = (await openCase()).case.id as string;
    const made = await counted(async () => {
      const sent = await step(system, police, 'createReferral', 'referral { dueDate dueRule }', {
        caseId,
        fromOrganisationId: xiangfenPolice.id,
        toOrganisationId: xiangfenCivilAffairs.id,
        kind: 'SOCIAL_ASSISTANCE',
        sentOn: '2026-10-01',
      });
      expect(sent.referral).toEqual({ dueDate: '2026-11-01', dueRule: 'AGENCY_WRITTEN_ANSWER' });
    });
    expect(made).toEqual(['organisations/graphql']);
  });
});
