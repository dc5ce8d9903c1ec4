import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCharacter,
  createVault,
  deliverySigner,
  INTERNAL_ROUTES,
  internalRouteUrl,
  newId,
  postSigned,
  type Principal,
} from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { failure, mutation, ok, startTestSubgraph, testEnv, testKeys } from '@doudi/shared/testing';
import { organisations } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(organisations, { demoData: true });
});
afterAll(() => subgraph?.stop());

const o = demo.organisations;
const staffOf = (organisation: { id: string; jurisdictionCode: string }, roles: Principal['roles']): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: organisation.id,
  jurisdictionCode: organisation.jurisdictionCode,
  roles,
  scopes: [],
});
const caseworker = staffOf(o.xinchengTownship, ['CASEWORKER']);
const heyuAdmin = staffOf(o.heyuVillage, ['JURISDICTION_ADMIN']);
/** A sample ID number with a valid GB 11643 check character. */
const RELATIVE_ID = '50022919500314002' + checkCharacter('50022919500314002');
const MISTYPED = RELATIVE_ID.slice(0, 16) + ((Number(RELATIVE_ID[16]) + 1) % 10) + RELATIVE_ID[17];
const DECLARATION = 'id relationship relativeName idNumber declarant { accountId memberName } withdrawnAt';
const declare = (principal: Principal, input: Record<string, unknown>) =>
  subgraph.query(mutation('declareCloseRelative', `declaration { ${DECLARATION} }`), { input }, principal);
const matchesFor = async (body: Record<string, unknown>) => {
  const signer = await deliverySigner((await testKeys()).service, 'programmes');
  const url = internalRouteUrl(subgraph.url, INTERNAL_ROUTES.declaredRelatives);
  const response = await postSigned(signer, 'organisations', url, body, 5_000);
  return { status: response.status, ...((await response.json()) as { matches: Record<string, unknown>[] }) };
};
/** The keyed hash households keeps beside the number: the same vault key in tests. */
let hashOf: (id: string) => string;

beforeAll(async () => {
  const key = (await testEnv()).PERSONAL_DATA_KEY;
  hashOf = (id) => createVault(Buffer.from(key!, 'base64')).lookupHash(id);
});

describe('close relatives of staff and village committee members (备案, 临社救办发〔2015〕3号 二(一))', () => {
  it('a caseworker declares a relative: read back masked, sealed at rest, declared once on retry', async () => {
    const input = { relativeName: '王秀兰', idNumber: RELATIVE_ID, relationship: 'PARENT', idempotencyKey: newId() };
    const first = ok(await declare(caseworker, input)).declareCloseRelative.declaration;
    expect(first).toMatchObject({
      relationship: 'PARENT',
      relativeName: '王**',
      idNumber: `500229********${RELATIVE_ID.slice(14)}`,
      declarant: { accountId: caseworker.id, memberName: null },
    });
    expect(ok(await declare(caseworker, input)).declareCloseRelative.declaration.id).toBe(first.id);
    const stored = JSON.stringify(
      await subgraph.orm.em
        .getConnection()
        .execute('select * from close_relative_declaration where id = ?', [first.id]),
    );
    expect(stored).not.toContain('19500314');
    expect(stored).not.toContain('王秀兰');
    const mine = ok(await subgraph.query(`{ myCloseRelativeDeclarations { id } }`, {}, caseworker));
    expect(mine.myCloseRelativeDeclarations).toEqual([{ id: first.id }]);
  });

  it('refuses a mistyped ID number, and an app declaring relatives of its own', async () => {
    const bad = failure(
      await declare(caseworker, { relativeName: '王秀兰', idNumber: MISTYPED, relationship: 'PARENT' }),
    );
    expect([bad.code, bad.field]).toEqual(['BAD_USER_INPUT', 'input.idNumber']);
    const app: Principal = { ...caseworker, kind: 'API_CLIENT', roles: [], scopes: ['cases:write'] };
    const refused = failure(
      await declare(app, { relativeName: '王秀兰', idNumber: RELATIVE_ID, relationship: 'PARENT' }),
    );
    expect(refused.code).toBe('FORBIDDEN');
  });

  it('a village committee member without an account is declared by the committee, never by another village', async () => {
    const input = {
      relativeName: '李四',
      idNumber: RELATIVE_ID,
      relationship: 'SIBLING',
      committeeMember: { organisationId: o.heyuVillage.id, name: '张三' },
    };
    const declared = ok(await declare(heyuAdmin, input)).declareCloseRelative.declaration;
    expect(declared.declarant).toEqual({ accountId: null, memberName: '张**' });
    const outsider = staffOf(o.xiangfenCivilAffairs, ['CASEWORKER']);
    expect(failure(await declare(outsider, input)).code).toBe('FORBIDDEN');
  });

  it('answers programmes which declarations concern a household: by the chain’s accounts or the village’s committee', async () => {
    const hash = hashOf(RELATIVE_ID);
    const byAccount = await matchesFor({ idNumberHashes: [hash], accountIds: [caseworker.id!], villageCodes: [] });
    expect(byAccount.status).toBe(200);
    expect(byAccount.matches).toEqual([
      expect.objectContaining({ idNumberHash: hash, accountId: caseworker.id, relationship: 'PARENT' }),
    ]);
    const byVillage = await matchesFor({ idNumberHashes: [hash], accountIds: [], villageCodes: ['500229218001'] });
    expect(byVillage.matches).toEqual([
      expect.objectContaining({ organisationId: o.heyuVillage.id, accountId: null, relationship: 'SIBLING' }),
    ]);
    const nobody = await matchesFor({ idNumberHashes: [hash], accountIds: [newId()], villageCodes: ['141023100001'] });
    expect(nobody.matches).toEqual([]);
    const unsigned = await fetch(internalRouteUrl(subgraph.url, INTERNAL_ROUTES.declaredRelatives), {
      method: 'POST',
      body: '{}',
    });
    expect(unsigned.status).toBe(401);
  });

  it('a withdrawn declaration files nothing any more and stays on record', async () => {
    const declared = ok(
      await declare(caseworker, { relativeName: '赵六', idNumber: RELATIVE_ID, relationship: 'CHILD' }),
    ).declareCloseRelative.declaration;
    const withdrawn = ok(
      await subgraph.query(
        mutation('withdrawCloseRelativeDeclaration', `declaration { ${DECLARATION} withdrawalReason }`),
        { input: { declarationId: declared.id, reason: '申报有误' } },
        caseworker,
      ),
    ).withdrawCloseRelativeDeclaration.declaration;
    expect(withdrawn.withdrawnAt).not.toBeNull();
    const { matches } = await matchesFor({
      idNumberHashes: [hashOf(RELATIVE_ID)],
      accountIds: [caseworker.id!],
      villageCodes: [],
    });
    expect(matches.map((m) => m.declarationId)).not.toContain(declared.id);
  });
});
