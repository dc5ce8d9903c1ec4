import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENV, newId, shanghaiDate, type Principal } from '@doudi/shared';
import { codeOf, errorOf, ok, startTestSubgraph } from '@doudi/shared/testing';
import * as demo from '@doudi/shared/demo';
import { households } from '../../../households/src/index.js';
import { organisations } from '../../../organisations/src/index.js';
import { programmes } from '../index.js';

let families: Awaited<ReturnType<typeof startTestSubgraph>>;
let orgs: Awaited<ReturnType<typeof startTestSubgraph>>;
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
const today = shanghaiDate();
const dibao = demo.programmes.find((p) => p.kind === 'DIBAO' && p.jurisdictionCode === '141023000000')!;
const temporary = demo.programmes.find((p) => p.kind === 'TEMPORARY' && p.jurisdictionCode === '141023000000')!;
const family = demo.households[0];

const staff = (jurisdictionCode: string, organisationId: string | null = null): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId,
  jurisdictionCode,
  roles: ['CASEWORKER'],
  scopes: [],
});
const township = staff('141023100000', demo.organisations.xinchengTownship.id);

beforeAll(async () => {
  // Organisations answers the filing check (备案) every proposal makes.
  orgs = await startTestSubgraph(organisations, { demoData: true });
  families = await startTestSubgraph(households, { demoData: true });
  subgraph = await startTestSubgraph(programmes, {
    demoData: true,
    env: { [ENV.url('households')]: families.url, [ENV.url('organisations')]: orgs.url },
  });
  // 襄汾's dibao from today on: a proposal needs the village's democratic appraisal PASSED first.
  ok(
    await subgraph.query(
      `mutation($input: PublishProgrammeVersionInput!) { publishProgrammeVersion(input: $input) { version { number } } }`,
      { input: { programmeId: dibao.id, effectiveFrom: today, appraisalRequired: true } },
    ),
  );
});
afterAll(async () => {
  await subgraph?.stop();
  await families?.stop();
  await orgs?.stop();
});

const GRANT = `mutation($input: GrantBenefitInput!) { grantBenefit(input: $input) { benefit { id status } } }`;
const APPRAISE = `mutation($input: RecordDemocraticAppraisalInput!) { recordDemocraticAppraisal(input: $input) {
  appraisal { id outcome heldOn reasons participants { role name count } } } }`;
const grant = (programmeId: string) =>
  subgraph.query(GRANT, { input: { programmeId, householdId: family.id, amount: '300', grantedOn: today } }, township);
const appraise = (outcome: string, extra: Record<string, unknown> = {}, principal = township) =>
  subgraph.query(
    APPRAISE,
    {
      input: {
        caseId: newId(),
        householdId: family.id,
        programmeId: dibao.id,
        heldOn: today,
        participants: [
          { role: 'VILLAGE_COMMITTEE', name: '村委会主任 李建国' },
          { role: 'VILLAGER_REPRESENTATIVE', count: 9 },
          { role: 'TOWNSHIP_STAFF', count: 2 },
        ],
        outcome,
        reasons: outcome === 'PASSED' ? '家庭人均收入低于低保标准，与会代表一致同意' : '家中有经营性车辆，收入不实',
        ...extra,
      },
    },
    principal,
  );

describe('democratic appraisal before a proposal (民主评议, 临社救办发〔2015〕3号 二(一))', () => {
  it('a dibao that requires it refuses the proposal with INVALID_STATE until an appraisal is recorded, and again while the latest did not pass', async () => {
    const none = await grant(dibao.id);
    expect(errorOf(none).extensions).toMatchObject({ code: 'INVALID_STATE', missing: 'DEMOCRATIC_APPRAISAL' });

    const failed = ok(await appraise('NOT_PASSED')).recordDemocraticAppraisal.appraisal;
    expect(failed).toMatchObject({ outcome: 'NOT_PASSED', heldOn: today });
    const refused = await grant(dibao.id);
    expect(codeOf(refused)).toBe('INVALID_STATE');
    expect(errorOf(refused).message).toContain('收入不实');

    const passed = ok(await appraise('PASSED', { idempotencyKey: 'appraisal-0001' })).recordDemocraticAppraisal
      .appraisal;
    expect(passed.participants).toEqual([
      { role: 'VILLAGE_COMMITTEE', name: '村委会主任 李建国', count: 1 },
      { role: 'VILLAGER_REPRESENTATIVE', name: null, count: 9 },
      { role: 'TOWNSHIP_STAFF', name: null, count: 2 },
    ]);
    const granted = ok(await grant(dibao.id)).grantBenefit.benefit;
    expect(granted.status).toBe('PROPOSED');

    const listed = ok(
      await subgraph.query(
        `query($h: ID!, $p: ID) { democraticAppraisals(householdId: $h, programmeId: $p) { outcome } }`,
        { h: family.id, p: dibao.id },
        township,
      ),
    ).democraticAppraisals;
    expect(listed.map((a: { outcome: string }) => a.outcome).sort()).toEqual(['NOT_PASSED', 'PASSED']);
  });

  it('a programme that does not require it proposes without one', async () => {
    expect(ok(await grant(temporary.id)).grantBenefit.benefit.status).toBe('PROPOSED');
  });

  it('is recorded once per idempotency key, only by the hukou place, with participants by role', async () => {
    const key = 'appraisal-0002';
    const first = ok(await appraise('PASSED', { idempotencyKey: key, caseId: null })).recordDemocraticAppraisal
      .appraisal;
    const again = ok(await appraise('PASSED', { idempotencyKey: key, caseId: null })).recordDemocraticAppraisal
      .appraisal;
    expect(again.id).toBe(first.id);
    const elsewhere = await appraise('PASSED', {}, staff('141024000000'));
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(elsewhere));
    const nobody = await appraise('PASSED', { participants: [] });
    expect(errorOf(nobody).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.participants' });
    const future = await appraise('PASSED', { heldOn: '2999-01-01' });
    expect(errorOf(future).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.heldOn' });
  });
});
