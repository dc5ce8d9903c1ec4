import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from './support/system.js';
import { createStaff, twoCounties, type CountyFixture } from './support/two-counties.js';

let system: System;
let xiangfen: CountyFixture;
beforeAll(async () => {
  system = await startSystem();
  ({ xiangfen } = await twoCounties(system));
});
afterAll(() => system?.stop());

describe('the division tree', () => {
  it('gives a township its ancestors, province first, and a county its whole subtree', async () => {
    const result = await system.query(`{
      jurisdiction(code: "141023100000") { level ancestors { name level } }
      jurisdictions(filter: { within: "141000000000" }) { nodes { name } }
    }`);
    expect(result.data!.jurisdiction).toEqual({
      level: 'TOWNSHIP',
      ancestors: [
        { name: '山西省', level: 'PROVINCE' },
        { name: '临汾市', level: 'CITY' },
        { name: '襄汾县', level: 'COUNTY' },
      ],
    });
    expect(result.data!.jurisdictions.nodes).toEqual([{ name: '襄汾县' }, { name: '新城镇' }]);
  });

  it('answers BAD_USER_INPUT for a malformed code and NOT_FOUND for an unknown one', async () => {
    expect((await system.query(`{ jurisdiction(code: "1410") { name } }`)).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    expect((await system.query(`{ jurisdiction(code: "141024000000") { name } }`)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses a division outside its parent’s code range', async () => {
    const result = await system.query(
      `mutation { createJurisdiction(input: { code: "141024100000", name: "错镇", parentCode: "141023000000" }) { jurisdiction { code } } }`,
    );
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
  });
});

describe('an organisation', () => {
  const UPDATE = `mutation($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { organisation { hotline liaisonName liaisonPhone version } } }`;

  it('records its hotline and liaison, and refuses an update based on a stale version', async () => {
    const updated = await system.query(UPDATE, {
      input: {
        id: xiangfen.civilAffairsId,
        version: 1,
        hotline: '0357-3922000',
        liaisonName: '社会救助股',
        liaisonPhone: '0357-3922001',
      },
    });
    expect(updated.data!.updateOrganisation.organisation).toEqual({
      hotline: '0357-3922000',
      liaisonName: '社会救助股',
      liaisonPhone: '0357-3922001',
      version: 2,
    });
    const stale = await system.query(UPDATE, {
      input: { id: xiangfen.civilAffairsId, version: 1, hotline: '0357-0000000' },
    });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version', currentVersion: 2 });
  });

  it('once deactivated keeps its history but its staff can no longer sign in', async () => {
    await createStaff(system, {
      organisationId: xiangfen.townshipGovernmentId,
      username: 'xc.worker',
      displayName: '经办人',
      password: 'township-worker-1',
      roles: ['CASEWORKER'],
    });
    const token = await system.signIn('xc.worker', 'township-worker-1');
    const result = await system.query(
      `mutation($input: DeactivateOrganisationInput!) { deactivateOrganisation(input: $input) { organisation { name deactivatedAt } } }`,
      { input: { id: xiangfen.townshipGovernmentId } },
    );
    expect(result.data!.deactivateOrganisation.organisation.deactivatedAt).toBeTruthy();
    expect((await system.queryAs(token, `{ me { kind } }`)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    await expect(system.signIn('xc.worker', 'township-worker-1')).rejects.toThrow(/UNAUTHENTICATED/);
    const still = await system.query(`query($id: ID!) { organisation(id: $id) { name } }`, {
      id: xiangfen.townshipGovernmentId,
    });
    expect(still.data!.organisation.name).toBe('襄汾县某镇人民政府');
  });
});

describe('working days through the gateway', () => {
  it('counts the 襄政办发〔2023〕26号 visit deadline across the 2026 National Day holiday in the county calendar', async () => {
    // 襄政办发〔2023〕26号 七(二): the station visits within 3 working days. A letter on 2026-09-30 (the day before the
    // holiday, 1–7 October) is due on 2026-10-10, the make-up Saturday, then 10-12 and 10-13.
    const result = await system.query(`{ jurisdiction(code: "141023100000") {
      three: addWorkingDays(from: "2026-09-30", days: 3) { date scheduleComplete warnings }
      five: addWorkingDays(from: "2026-09-30", days: 5) { date }
      seven: addWorkingDays(from: "2026-09-30", days: 7) { date } } }`);
    expect(result.data!.jurisdiction).toEqual({
      three: { date: '2026-10-10', scheduleComplete: true, warnings: [] },
      five: { date: '2026-10-13' },
      seven: { date: '2026-10-15' },
    });
  });

  it('moves a deadline when the county declares a local holiday, for its townships too', async () => {
    const added = await system.query(
      `mutation { addCalendarOverride(input: { jurisdictionCode: "141023000000", date: "2026-10-12", kind: HOLIDAY, reason: "县级停工日（演示）" }) { calendarOverride { id } } }`,
    );
    expect(added.errors).toBeUndefined();
    try {
      const result = await system.query(
        `{ addWorkingDays(jurisdictionCode: "141023100000", from: "2026-09-30", days: 5) { date } }`,
      );
      expect(result.data!.addWorkingDays.date).toBe('2026-10-14');
    } finally {
      // The county's holiday goes again, so the National Day count above holds whichever test runs first.
      const removed = await system.query(
        `mutation { removeCalendarOverride(input: { jurisdictionCode: "141023000000", date: "2026-10-12" }) { __typename } }`,
      );
      expect(removed.errors).toBeUndefined();
    }
  });

  it('says when a year has no published holiday schedule instead of counting weekends silently', async () => {
    const result = await system.query(
      `{ addWorkingDays(jurisdictionCode: "141023000000", from: "2027-09-30", days: 3) { date scheduleComplete warnings } }`,
    );
    expect(result.data!.addWorkingDays.scheduleComplete).toBe(false);
    expect(result.data!.addWorkingDays.warnings[0]).toContain('2027');
  });
});

describe('the working-day service other subgraphs call', () => {
  it('answers a subgraph that passes on the caller’s signed principal, and refuses one without it', async () => {
    const { principalHeader, TEST_SYSTEM_ADMIN } = await import('@doudi/shared/testing');
    const { subgraphClient, PRINCIPAL_HEADER } = await import('@doudi/shared');
    const query = subgraphClient(system.subgraphs.organisations.url);
    const addWorkingDays = async (assertion: string) =>
      (
        await query<{ addWorkingDays: unknown }>(
          `{ addWorkingDays(jurisdictionCode: "350582000000", from: "2026-09-30", days: 5) {
             date scheduleComplete warnings } }`,
          {},
          assertion,
        )
      ).addWorkingDays;
    const assertion = (await principalHeader(TEST_SYSTEM_ADMIN))[PRINCIPAL_HEADER];
    // 晋检发办字〔2023〕10号 第四节: the receiver starts its procedure within 5 working days.
    expect(await addWorkingDays(assertion)).toEqual({ date: '2026-10-13', scheduleComplete: true, warnings: [] });
    await expect(addWorkingDays('forged')).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe('deadlines on a list of jurisdictions', () => {
  it('cost the same SQL statements for one jurisdiction as for several', async () => {
    const query = (filter: string) =>
      system.query(
        `{ jurisdictions(filter: ${filter}) { nodes { code addWorkingDays(from: "2026-09-30", days: 3) { date } } } }`,
      );
    const statements = async (filter: string) => {
      const counter = system.countQueries().organisations;
      const result = await query(filter);
      counter.stop();
      expect(result.errors).toBeUndefined();
      return { count: counter.count, rows: result.data!.jurisdictions.nodes.length };
    };
    const one = await statements(`{ within: "141000000000", level: TOWNSHIP }`);
    const all = await statements(`{ nameContains: "" }`);
    expect(one.rows).toBe(1);
    expect(all.rows).toBeGreaterThan(5);
    expect(all.count).toBe(one.count);
  });
});
