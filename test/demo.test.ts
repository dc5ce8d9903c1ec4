import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiMonth } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';
import { clientToken } from './support/two-counties.js';

/** What a new user meets after `npm start`: the demo data of the seed documents and its sign-ins. */
let system: System;
beforeAll(async () => {
  system = await startSystem({ demoData: true });
});
afterAll(() => system?.stop());

describe('the demo', () => {
  it.each(demo.staff.map((s) => [s.username, s.roles[0]] as const))('lets %s sign in as %s', async (username, role) => {
    const token = await system.signIn(username, demo.DEMO_PASSWORD);
    const me = await system.queryAs(token, `{ me { roles organisation { name } } }`);
    expect(me.data!.me.roles).toEqual([role]);
  });

  it('gives the police app a token that sees the case its bureau leads, but not the procuratorate’s', async () => {
    const police = demo.apiClients[0];
    const token = await clientToken(system, { clientId: police.id, clientSecret: police.secret });
    const cases = await system.queryAs(token, `{ cases { totalCount nodes { channel leadOrganisation { name } } } }`);
    expect(cases.data!.cases).toEqual({
      totalCount: 1,
      nodes: [{ channel: 'NON_NATURAL_DEATH', leadOrganisation: { name: '襄汾县公安局' } }],
    });
  });

  it('shows the township caseworker the families of the township', async () => {
    const token = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
    const households = await system.queryAs(token, `{ households { nodes { address jurisdiction { name } } } }`);
    expect(households.data!.households.nodes).toEqual([
      { address: '襄汾县新城镇某村 3 组', jurisdiction: { name: '新城镇' } },
    ]);
  });

  it('shows the township caseworker last month’s per-capita income of a demo family', async () => {
    const token = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
    const [year, month] = shanghaiMonth().split('-').map(Number);
    const lastMonth = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 7);
    const result = await system.queryAs(
      token,
      `query($m: String!) { households { nodes { perCapitaMonthlyIncome(month: $m) } } }`,
      { m: lastMonth },
    );
    // 600.00 farming + 350.00 transfers, two members (河鱼府发【2021】39号 一 reads the per-capita monthly income).
    expect(result.data!.households.nodes).toEqual([{ perCapitaMonthlyIncome: '475.00' }]);
  });

  it('has 晋江市’s joint meeting with its thirteen member units (晋检发办字〔2023〕10号) and 河鱼乡’s three-level stations (河鱼府发【2021】39号)', async () => {
    const token = await system.signIn('jinjiang.admin', demo.DEMO_PASSWORD);
    const meetings = await system.queryAs(
      token,
      `{ jointMeetings(filter: { jurisdictionCode: "350582000000" }) { nodes { members { totalCount } } } }`,
    );
    expect(meetings.data!.jointMeetings.nodes).toEqual([{ members: { totalCount: 13 } }]);
    const stations = await system.query(
      `{ organisations(filter: { jurisdictionCode: "500229000000", kinds: [ASSISTANCE_STATION] }) { nodes { name hotline } } }`,
    );
    expect(stations.data!.organisations.nodes.map((o: { name: string }) => o.name)).toEqual([
      '城口县主动发现救助指挥中心',
      '河鱼乡主动发现救助指挥站',
      '河鱼村主动发现救助指挥点',
      '平原村主动发现救助指挥点',
      '大店村主动发现救助指挥点',
    ]);
  });
});
