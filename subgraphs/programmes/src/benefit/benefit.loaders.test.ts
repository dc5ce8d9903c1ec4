import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, shanghaiDate } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { createProgrammeLoaders } from '../programme/programme.loaders.js';
import { ApprovalLevel } from '../version/programme-settings.js';
import { Benefit } from './benefit.entity.js';
import { BenefitStatus } from './benefit-status.js';
import { createBenefitLoaders } from './benefit.loaders.js';

/**
 * A household's benefits and the programmes the screening and the resolvers read are rows, not entities
 * (issue 16 item 2): they must show every field as the ORM's entities do, in the same order.
 */
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
/** A query's request: its loaders may read rows. */
const QUERY = { services: undefined, assertion: '', readOnly: () => true };
const household = newId();
const person = newId();
let programme: Programme;
let template: Programme;

beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
  const em = subgraph.orm.em.fork();
  template = Object.assign(new Programme(), {
    name: '临时救助（市级模板）',
    kind: ProgrammeKind.TEMPORARY,
    jurisdictionCode: '141000000000',
    organisationId: newId(),
    isTemplate: true,
  });
  programme = Object.assign(new Programme(), {
    name: '襄汾县临时救助',
    kind: ProgrammeKind.TEMPORARY,
    jurisdictionCode: '141023000000',
    organisationId: newId(),
    templateId: template.id,
  });
  em.persist([template, programme]);
  const today = shanghaiDate();
  for (const [amountFen, grantedOn, personId] of [
    [50_000, '2026-03-01', null],
    [120_050, '2026-05-20', person],
  ] as const) {
    em.persist(
      Object.assign(new Benefit(), {
        programmeId: programme.id,
        householdId: household,
        personId,
        jurisdictionCode: '141023100000',
        amountFen,
        grantedOn,
        year: 2026,
        settings: { publicNoticeDays: 7, caps: { perHouseholdPerYear: '3000.00' } },
        approvalLevel: ApprovalLevel.TOWNSHIP,
        status: BenefitStatus.ACTIVE,
        decidedOn: grantedOn,
        activeFrom: today.slice(0, 8) + '01',
      }),
    );
  }
  await em.flush();
});
afterAll(() => subgraph?.stop());

describe('read paths read rows', () => {
  it('a household’s and a person’s benefits show every field as the entities do, newest first', async () => {
    const em = subgraph.orm.em.fork();
    const entities = await em.find(
      Benefit,
      { householdId: household },
      { orderBy: [{ grantedOn: 'desc' }, { id: 'desc' }] },
    );
    const loaders = createBenefitLoaders(subgraph.orm.em.fork(), QUERY);
    const [rows, none] = await loaders.benefitsByHousehold.loadMany([household, newId()]);
    expect((rows as Benefit[]).map((b) => b.grantedOn)).toEqual(['2026-05-20', '2026-03-01']);
    expect((rows as Benefit[]).map((b) => ({ ...b }))).toEqual(entities.map((b) => ({ ...b })));
    expect((rows as Benefit[]).every((b) => b instanceof Benefit)).toBe(true);
    expect(none).toEqual([]);
    expect((await loaders.benefitsByPerson.load(person)).map((b) => b.amountFen)).toEqual([120_050]);
    // In a mutation, the request's managed entities.
    const writing = subgraph.orm.em.fork();
    const managed = await createBenefitLoaders(writing, { ...QUERY, readOnly: () => false }).benefitsByHousehold.load(
      household,
    );
    expect(managed[0]).toBe(await writing.findOneOrFail(Benefit, managed[0].id));
  });

  it('programmes by id and by jurisdiction show every field as the entities do; a template is no jurisdiction’s programme', async () => {
    const em = subgraph.orm.em.fork();
    const loaders = createProgrammeLoaders(subgraph.orm.em.fork(), QUERY);
    const [byId, templateById] = await loaders.programme.loadMany([programme.id, template.id]);
    expect({ ...(byId as Programme) }).toEqual({ ...(await em.findOneOrFail(Programme, programme.id)) });
    expect((templateById as Programme).isTemplate).toBe(true);
    const [county, city] = await loaders.programmesByJurisdiction.loadMany(['141023000000', '141000000000']);
    expect((county as Programme[]).map((p) => p.id)).toContain(programme.id);
    expect((city as Programme[]).map((p) => p.id)).not.toContain(template.id);
  });
});
