import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowReader } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { households } from '../index.js';
import { Person } from '../person/person.entity.js';
import { Household } from './household.entity.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
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
