import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowReader } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { households } from '../index.js';
import { Person } from '../person/person.entity.js';
import { Household } from './household.entity.js';
import { createHouseholdLoaders } from './household.loaders.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
/** A query's request: its loaders may read rows. */
const QUERY = { services: undefined, assertion: '', readOnly: () => true };
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

describe('a page of members read as rows, not entities', () => {
  it('shows every field a member has as the entity read through the ORM shows it', async () => {
    const created = await subgraph.query(
      `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
      {
        input: {
          jurisdictionCode: '141023100000',
          hukouType: 'RURAL',
          members: [
            {
              name: '王秀兰',
              sex: 'FEMALE',
              birthDate: '1979-03-14',
              relationshipToHead: 'SELF',
              phone: '13912345678',
            },
            {
              name: '王小明',
              sex: 'MALE',
              birthDate: '2016-05-01',
              relationshipToHead: 'CHILD',
              hasDisabilityCertificate: true,
              disabilityGrade: 2,
              disabilityCategory: 'INTELLECTUAL',
            },
          ],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createHousehold.household.id as string;
    const em = subgraph.orm.em.fork();
    const entities = await em.find(Person, { householdId: id }, { orderBy: { birthDate: 'asc' } });
    const rows: Record<string, unknown>[] = await em
      .getConnection()
      .execute('select * from person where household_id = ? order by birth_date', [id]);
    const read = rows.map(rowReader(em, Person));
    expect(read).toHaveLength(2);
    read.forEach((person, i) => {
      expect(person).toBeInstanceOf(Person);
      expect({ ...person }).toEqual({ ...entities[i] });
    });
    // Getters of the class work on a row (Household.disasterLoss from disasterLossFen).
    await em.getConnection().execute('update household set disaster_loss_fen = 123450 where id = ?', [id]);
    const [household] = await em.getConnection().execute('select * from household where id = ?', [id]);
    expect(rowReader(em, Household)(household).disasterLoss).toBe('1234.50');
  });
});

describe('households by id read as rows, not entities', () => {
  it('show every field but the address as the entity read through the ORM shows it; the address stays unread', async () => {
    const created = await subgraph.query(
      `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) { household { id } } }`,
      {
        input: {
          jurisdictionCode: '141023100000',
          residenceJurisdictionCode: '141023101000',
          hukouType: 'URBAN',
          address: '新城镇东街 5 号',
          members: [{ name: '李建国', sex: 'MALE', birthDate: '1960-01-02', relationshipToHead: 'SELF' }],
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.createHousehold.household.id as string;
    const em = subgraph.orm.em.fork();
    const entity = await em.findOneOrFail(Household, id);
    const [row, missing] = await createHouseholdLoaders(em.fork(), QUERY).household.loadMany([
      id,
      '00000000-0000-4000-8000-000000000000',
    ]);
    expect(row).toBeInstanceOf(Household);
    const { address, ...columns } = { ...entity };
    expect(address).toBeUndefined(); // lazy in the ORM too
    expect({ ...(row as Household) }).toEqual(columns);
    expect((row as Household).residenceJurisdictionCode).toBe('141023101000');
    expect(missing).toBeNull();
    // In a mutation the loader hands out the request's managed entity, which shows the request's own changes.
    const writing = em.fork();
    const managed = await createHouseholdLoaders(writing, { ...QUERY, readOnly: () => false }).household.load(id);
    expect(managed).toBe(await writing.findOneOrFail(Household, id));
  });
});
