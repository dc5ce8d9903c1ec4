import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '@doudi/shared';
import { startSystem, type System } from './support/system.js';
import { createStaff, twoCounties, type CountyFixture } from './support/two-counties.js';

/** 周政办字〔2017〕70号 六(三): auditors read the trail of every subgraph, read-only, and their reading is recorded. */
const MOTHER = '14102319790314002' + checkCharacter('14102319790314002');

let system: System;
let xiangfen: CountyFixture;
let tokens: { admin: string; caseworker: string; auditor: string; otherAuditor: string };
let motherId: string;

const LOG = `query($filter: AuditLogFilter) { householdsAuditLog(filter: $filter, first: 50) {
  totalCount nodes { id subgraph action entityType entityId purpose actorId jurisdictionCode detail } } }`;
const REVEAL = `mutation($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { value } }`;

beforeAll(async () => {
  system = await startSystem();
  const counties = await twoCounties(system);
  xiangfen = counties.xiangfen;
  const staff = [
    ['xf.admin', xiangfen.civilAffairsId, 'JURISDICTION_ADMIN'],
    ['xf.worker', xiangfen.townshipGovernmentId, 'CASEWORKER'],
    ['xf.auditor', xiangfen.civilAffairsId, 'AUDITOR'],
    ['jj.auditor', counties.jinjiang.civilAffairsId, 'AUDITOR'],
  ] as const;
  for (const [username, organisationId, role] of staff) {
    await createStaff(system, {
      organisationId,
      username,
      displayName: username,
      password: 'audit-trail-pass',
      roles: [role],
    });
  }
  const token = (username: string) => system.signIn(username, 'audit-trail-pass');
  tokens = {
    admin: await token('xf.admin'),
    caseworker: await token('xf.worker'),
    auditor: await token('xf.auditor'),
    otherAuditor: await token('jj.auditor'),
  };
  const created = await system.queryAs(
    tokens.caseworker,
    `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { members { nodes { id } } } } }`,
    {
      input: {
        jurisdictionCode: xiangfen.township,
        members: [{ name: '王秀兰', sex: 'FEMALE', relationshipToHead: 'SELF', idNumber: MOTHER }],
      },
    },
  );
  expect(created.errors).toBeUndefined();
  motherId = created.data!.createHousehold.household.members.nodes[0].id;
  const revealed = await system.queryAs(tokens.admin, REVEAL, {
    input: { personId: motherId, field: 'ID_NUMBER', purpose: '核对身份以办理临时救助' },
  });
  expect(revealed.errors).toBeUndefined();
});
afterAll(() => system?.stop());

describe('the audit trail for auditors (周政办字〔2017〕70号 六(三))', () => {
  it('an auditor reads who revealed a person’s ID number, why and when — with no personal data in the entry', async () => {
    const read = await system.queryAs(tokens.auditor, LOG, { filter: { entityId: motherId } });
    expect(read.errors).toBeUndefined();
    const log = read.data!.householdsAuditLog;
    expect(log.nodes).toEqual([
      expect.objectContaining({
        subgraph: 'households',
        action: 'REVEAL_ID_NUMBER',
        entityType: 'Person',
        entityId: motherId,
        purpose: '核对身份以办理临时救助',
        jurisdictionCode: expect.stringMatching(/^141023/),
      }),
    ]);
    expect(JSON.stringify(log)).not.toContain(MOTHER.slice(6, 14));
  });

  it('reading the trail is itself written to it, and the log cannot be read without audit:read', async () => {
    await system.queryAs(tokens.auditor, LOG, { filter: { action: 'REVEAL_ID_NUMBER' } });
    const reads = await system.queryAs(tokens.auditor, LOG, { filter: { action: 'READ_AUDIT_LOG' } });
    expect(reads.data!.householdsAuditLog.totalCount).toBeGreaterThanOrEqual(2);
    const denied = await system.queryAs(tokens.caseworker, LOG, {});
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('an auditor of another county sees none of it', async () => {
    const read = await system.queryAs(tokens.otherAuditor, LOG, { filter: { entityId: motherId } });
    expect(read.data!.householdsAuditLog).toMatchObject({ totalCount: 0, nodes: [] });
  });

  it('an auditor cannot change anything: a household write is FORBIDDEN', async () => {
    const write = await system.queryAs(
      tokens.auditor,
      `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
      {
        input: {
          jurisdictionCode: xiangfen.township,
          members: [{ name: '李四', sex: 'MALE', relationshipToHead: 'SELF' }],
        },
      },
    );
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('exports the trail of every subgraph as a workbook, and refuses a period that ends before it begins', async () => {
    for (const subgraph of ['households', 'cases', 'programmes', 'organisations']) {
      const field = `${subgraph}AuditLogExport`;
      const file = await system.queryAs(tokens.auditor, `{ ${field}(format: XLSX) { fileName mediaType byteLength } }`);
      expect(file.errors, subgraph).toBeUndefined();
      expect(file.data![field].fileName).toBe(`${subgraph}_审计日志.xlsx`);
      expect(file.data![field].byteLength).toBeGreaterThan(1000);
    }
    const bad = await system.queryAs(tokens.auditor, LOG, { filter: { from: '2026-11-02', to: '2026-11-01' } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });
});
