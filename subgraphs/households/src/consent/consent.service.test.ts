import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrm, provisionSubgraph, type MikroORM, type Principal } from '@doudi/shared';
import { createTestDatabase, type TestDatabase, thrown } from '@doudi/shared/testing';
import { households } from '../index.js';
import { Household } from '../household/household.entity.js';
import { Person, RelationshipToHead, Sex } from '../person/person.entity.js';
import { ConsentPurpose, ConsentRecord } from './index.js';
import { hasConsent, recordConsent, withdrawConsent } from './consent.service.js';

let db: TestDatabase;
let orm: MikroORM;
beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({
    subgraph: 'households',
    clientUrl: await provisionSubgraph(db.url, 'households'),
    entities: households.entities,
    migrations: households.migrations,
  });
  // Until the integrator writes the migration for these tables.
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const townshipCaseworker: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-00000000c002',
  organisationId: '019a0000-0000-7000-8000-00000000e002',
  jurisdictionCode: '141023100000',
  roles: ['CASEWORKER'],
  scopes: [],
};
const countyAdmin: Principal = {
  ...townshipCaseworker,
  id: '019a0000-0000-7000-8000-00000000a002',
  jurisdictionCode: '141023000000',
  roles: ['JURISDICTION_ADMIN'],
};

/** A widow and her son in a village of 新城镇, 襄汾县 (or elsewhere). */
async function family(jurisdictionCode = '141023100201') {
  const em = orm.em.fork();
  const household = Object.assign(new Household(), { jurisdictionCode });
  const mother = Object.assign(new Person(), {
    householdId: household.id,
    name: '张桂芳',
    sex: Sex.FEMALE,
    relationshipToHead: RelationshipToHead.SELF,
  });
  const son = Object.assign(new Person(), {
    householdId: household.id,
    name: '李强',
    sex: Sex.MALE,
    relationshipToHead: RelationshipToHead.CHILD,
  });
  em.persist([household, mother, son]);
  await em.flush();
  return { householdId: household.id, motherId: mother.id, sonId: son.id };
}

const auditOf = async (entityId: string) =>
  orm.em
    .getConnection()
    .execute(
      `select action, actor_id, purpose, detail from households_audit.audit_event where entity_id = ? order by id`,
      [entityId],
    );

describe('consent records', () => {
  it('lets a case be publicised from the moment a member consents until the consent is withdrawn', async () => {
    const { householdId, sonId } = await family();
    const given = new Date('2025-03-01T02:00:00Z');
    const withdrawn = new Date('2025-04-15T08:00:00Z');
    const consent = await recordConsent(orm.em.fork(), townshipCaseworker, {
      householdId,
      personId: sonId,
      purpose: ConsentPurpose.PUBLICITY,
      scope: '同意在村务公开栏公示低保审批结果',
      givenAt: given,
    });
    expect(consent).toMatchObject({ recordedBy: townshipCaseworker.id, withdrawnAt: null, personId: sonId });

    const em = orm.em.fork();
    expect(await hasConsent(em, householdId, ConsentPurpose.PUBLICITY, new Date('2025-02-28T00:00:00Z'))).toBe(false);
    expect(await hasConsent(em, householdId, ConsentPurpose.PUBLICITY, given)).toBe(true);
    expect(await hasConsent(em, householdId, ConsentPurpose.DATA_SHARING, given)).toBe(false);
    expect(await hasConsent(em, householdId, ConsentPurpose.PUBLICITY)).toBe(true);

    const after = await withdrawConsent(orm.em.fork(), townshipCaseworker, {
      consentId: consent.id,
      reason: '家属不愿公开',
      withdrawnAt: withdrawn,
    });
    expect(after).toMatchObject({ withdrawnAt: withdrawn, withdrawnReason: '家属不愿公开', version: 2 });
    expect(await hasConsent(em, householdId, ConsentPurpose.PUBLICITY, new Date('2025-04-15T07:59:59Z'))).toBe(true);
    expect(await hasConsent(em, householdId, ConsentPurpose.PUBLICITY, withdrawn)).toBe(false);
    expect(await hasConsent(em, householdId, ConsentPurpose.PUBLICITY)).toBe(false);

    expect(await auditOf(consent.id)).toMatchObject([
      { action: 'RECORD_CONSENT', actor_id: townshipCaseworker.id, detail: { purpose: 'PUBLICITY', personId: sonId } },
      { action: 'WITHDRAW_CONSENT', actor_id: townshipCaseworker.id, purpose: '家属不愿公开' },
    ]);
  });

  it('answers INVALID_STATE when a consent is withdrawn a second time, keeping the first withdrawal', async () => {
    const { householdId, motherId } = await family();
    const consent = await recordConsent(orm.em.fork(), countyAdmin, {
      householdId,
      personId: motherId,
      purpose: ConsentPurpose.VISIT_RECORDING,
      scope: '走访时录音录像',
    });
    const first = await withdrawConsent(orm.em.fork(), countyAdmin, { consentId: consent.id, reason: '本人撤回' });
    const twice = await Promise.all([
      thrown(withdrawConsent(orm.em.fork(), countyAdmin, { consentId: consent.id, reason: '再次撤回' })),
      thrown(withdrawConsent(orm.em.fork(), townshipCaseworker, { consentId: consent.id, reason: '再次撤回' })),
    ]);
    expect(twice).toMatchObject([{ code: 'INVALID_STATE' }, { code: 'INVALID_STATE' }]);
    const stored = await orm.em.fork().findOneOrFail(ConsentRecord, { id: consent.id });
    expect(stored).toMatchObject({ withdrawnReason: '本人撤回', withdrawnAt: first.withdrawnAt, version: 2 });
  });

  it('refuses a consent given by someone who is not a member of the household, with BAD_USER_INPUT', async () => {
    const { householdId } = await family();
    const neighbour = await family();
    const result = recordConsent(orm.em.fork(), townshipCaseworker, {
      householdId,
      personId: neighbour.motherId,
      purpose: ConsentPurpose.PUBLICITY,
      scope: '同意公示',
    });
    expect(await thrown(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.personId' });
    expect(await hasConsent(orm.em.fork(), householdId, ConsentPurpose.PUBLICITY)).toBe(false);
  });

  it("refuses to record or withdraw consent for another county's household, with FORBIDDEN", async () => {
    const elsewhere = await family('141024100201');
    const input = {
      householdId: elsewhere.householdId,
      personId: elsewhere.motherId,
      purpose: ConsentPurpose.DATA_SHARING,
      scope: '同意向教育部门共享家庭信息',
    };
    expect(await thrown(recordConsent(orm.em.fork(), townshipCaseworker, input))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const theirs = await recordConsent(orm.em.fork(), { ...countyAdmin, jurisdictionCode: '141024000000' }, input);
    expect(
      await thrown(withdrawConsent(orm.em.fork(), countyAdmin, { consentId: theirs.id, reason: '越权' })),
    ).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('records a consent once when a client retries with the same idempotencyKey', async () => {
    const { householdId, motherId } = await family();
    const input = {
      householdId,
      personId: motherId,
      purpose: ConsentPurpose.PUBLICITY,
      scope: '同意公示',
      idempotencyKey: 'consent-retry-0001',
    };
    const first = await recordConsent(orm.em.fork(), townshipCaseworker, input);
    const again = await recordConsent(orm.em.fork(), townshipCaseworker, input);
    expect(again.id).toBe(first.id);
  });

  it('refuses a consent dated in the future or withdrawn before it was given', async () => {
    const { householdId, motherId } = await family();
    const base = { householdId, personId: motherId, purpose: ConsentPurpose.OTHER, scope: '其他' };
    expect(
      await thrown(
        recordConsent(orm.em.fork(), townshipCaseworker, { ...base, givenAt: new Date(Date.now() + 86_400_000) }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.givenAt' });
    const consent = await recordConsent(orm.em.fork(), townshipCaseworker, {
      ...base,
      givenAt: new Date('2025-06-01T00:00:00Z'),
    });
    expect(
      await thrown(
        withdrawConsent(orm.em.fork(), townshipCaseworker, {
          consentId: consent.id,
          reason: '撤回',
          withdrawnAt: new Date('2025-05-01T00:00:00Z'),
        }),
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.withdrawnAt' });
  });
});
