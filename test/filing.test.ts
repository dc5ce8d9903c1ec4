import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import { startSystem, type System } from './support/system.js';

/**
 * 备案 without relying on honesty (临社救办发〔2015〕3号 二(一): 经办人员和村(居)民委员会工作人员近亲属享受社会救助备案):
 * staff declare their close relatives once, and every proposal for a household with such a relative in it is filed,
 * whoever is in the chain and whatever the proposer ticks.
 */
let system: System;
const tokens: Record<'caseworker' | 'approver', string> = {} as never;
const temporary = demo.programmes[5];
const idOf = (first17: string) => first17 + checkCharacter(first17);

const DECLARE = `mutation($input: DeclareCloseRelativeInput!) { declareCloseRelative(input: $input) { declaration { id } } }`;
const GRANT = `mutation($input: GrantBenefitInput!) { grantBenefit(input: $input) {
  benefit { id version status staffRelation filingRequired filingReason } } }`;
const APPROVE = `mutation($input: DecideBenefitInput!) { approveBenefit(input: $input) {
  benefit { status staffRelation filingRequired filingReason } } }`;

async function householdWith(idNumber: string) {
  const result = await system.queryAs(
    tokens.caseworker,
    `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
    {
      input: {
        jurisdictionCode: '141023100000',
        hukouType: 'RURAL',
        members: [{ name: '王秀兰', sex: 'FEMALE', relationshipToHead: 'SELF', idNumber }],
      },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.createHousehold.household.id as string;
}
const propose = async (householdId: string) => {
  const result = await system.queryAs(tokens.caseworker, GRANT, {
    input: { programmeId: temporary.id, householdId, amount: '500', grantedOn: '2026-10-09' },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.grantBenefit.benefit;
};

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.caseworker = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  tokens.approver = await system.signIn('xincheng.approver', demo.DEMO_PASSWORD);
});
afterAll(() => system?.stop());

describe('filing (备案) of relief to relatives of the people who decide it', () => {
  it('files a proposal for the household of the proposer’s declared mother, though the proposer ticked nothing', async () => {
    const mother = idOf('14102319550301002');
    const declared = await system.queryAs(tokens.caseworker, DECLARE, {
      input: { relativeName: '王秀兰', idNumber: mother, relationship: 'PARENT' },
    });
    expect(declared.errors).toBeUndefined();
    const benefit = await propose(await householdWith(mother));
    expect(benefit).toMatchObject({ staffRelation: 'CLOSE_RELATIVE', filingRequired: true });
    expect(benefit.filingReason).toMatch(/^提出时发现.*父母/);
    const register = await system.queryAs(
      tokens.caseworker,
      `{ benefits(filter: { filingRequired: true }, first: 100) { nodes { id } } }`,
    );
    expect(register.data!.benefits.nodes.map((b: { id: string }) => b.id)).toContain(benefit.id);
  });

  it('files at approval when the approver’s declared relative is in the household, and not before', async () => {
    const sister = idOf('14102319600505002');
    const declared = await system.queryAs(tokens.approver, DECLARE, {
      input: { relativeName: '王秀兰', idNumber: sister, relationship: 'SIBLING' },
    });
    expect(declared.errors).toBeUndefined();
    const proposed = await propose(await householdWith(sister));
    expect(proposed).toMatchObject({ staffRelation: 'NONE', filingRequired: false, filingReason: null });
    const approved = await system.queryAs(tokens.approver, APPROVE, {
      input: { benefitId: proposed.id, version: proposed.version, decidedOn: '2026-10-10' },
    });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveBenefit.benefit).toMatchObject({
      staffRelation: 'CLOSE_RELATIVE',
      filingRequired: true,
    });
    expect(approved.data!.approveBenefit.benefit.filingReason).toMatch(/^审批时发现.*兄弟姐妹/);
    // 周政办字〔2017〕70号 六(三): the decisions are in programmes' audit log, read by those with audit:read.
    const admin = await system.signIn('xiangfen.admin', demo.DEMO_PASSWORD);
    const log = await system.queryAs(
      admin,
      `query($id: ID!) { programmesAuditLog(filter: { entityId: $id }) { nodes { action actorId } } }`,
      { id: proposed.id },
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.programmesAuditLog.nodes.map((n: { action: string }) => n.action)).toEqual([
      'BENEFIT_APPROVED',
      'BENEFIT_PROPOSED',
    ]);
  });

  it('files nothing for a household with no declared relative in it', async () => {
    const benefit = await propose(await householdWith(idOf('14102319700707004')));
    expect(benefit).toMatchObject({ staffRelation: 'NONE', filingRequired: false, filingReason: null });
  });
});
