import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage, shanghaiDate, type HouseholdFactsLine } from '@doudi/shared';
import { codeOf, errorOf, ok, startTestSubgraph } from '@doudi/shared/testing';
import { householdFactsQuery } from '../screening-feed/household-facts.sql.js';
import { households } from '../index.js';

let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(households);
});
afterAll(() => subgraph?.stop());

const CREATE = `mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) {
  household { id members { nodes { id name } } } } }`;
const EXIT = `mutation($input: RecordMemberExitInput!) { recordMemberExit(input: $input) {
  changed person { id exitKind exitedOn exitSource } household { memberCount } } }`;
const INCOME = `mutation($input: RecordHouseholdIncomeInput!) { recordHouseholdIncome(input: $input) { incomes { id } } }`;

/** A family of three in 临汾 (head, spouse, grandmother) with 2,400 yuan a month for each of the last 14 months. */
async function family() {
  const created = ok(
    await subgraph.query(CREATE, {
      input: {
        jurisdictionCode: '141023100201',
        hukouType: 'RURAL',
        members: [
          { name: '户主', sex: 'MALE', relationshipToHead: 'SELF', birthDate: '1975-03-01' },
          { name: '妻子', sex: 'FEMALE', relationshipToHead: 'SPOUSE', birthDate: '1977-05-01' },
          { name: '奶奶', sex: 'FEMALE', relationshipToHead: 'PARENT', birthDate: '1940-01-01' },
        ],
      },
    }),
  ).createHousehold.household;
  const today = shanghaiDate();
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  for (let n = 1; n <= 14; n++) {
    const i = index - n;
    const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    ok(
      await subgraph.query(INCOME, {
        input: {
          householdId: created.id,
          month,
          source: '申请人申报',
          amounts: [{ category: 'WAGES', amount: '2400' }],
        },
      }),
    );
  }
  const grandmother = created.members.nodes.find((m: { name: string }) => m.name === '奶奶').id as string;
  return { id: created.id as string, grandmother };
}

/** The month `n` months before this one, YYYY-MM, and its first day. */
function monthsAgo(n: number) {
  const today = shanghaiDate();
  const i = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - n;
  const month = `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
  return { month, firstDay: `${month}-01` };
}

async function feedLine(id: string, date: string): Promise<HouseholdFactsLine> {
  const { sql, bindings } = householdFactsQuery('141023100201', date, [id]);
  // The route binds with node-postgres; through knex a list is written as an array literal.
  const values = bindings.map((b) => (Array.isArray(b) ? `{${b.join(',')}}` : b));
  const rows: { line: string }[] = await subgraph.orm.em.fork().getConnection().execute(sql, values);
  return JSON.parse(rows[0].line) as HouseholdFactsLine;
}

describe('a member’s death or departure (issue 17 item 8; 临社救办发〔2015〕3号 二(一) 按实际收入计算家庭收入)', () => {
  it('from the day of a death the household counts two members, per-capita income divides by two and the screening feed lists two; before it, three', async () => {
    const { id, grandmother } = await family();
    const died = monthsAgo(3);
    const exit = ok(
      await subgraph.query(EXIT, {
        input: { personId: grandmother, kind: 'DEATH', on: `${died.month}-15`, source: '死亡医学证明' },
      }),
    ).recordMemberExit;
    expect(exit).toMatchObject({
      changed: true,
      person: { exitKind: 'DEATH', exitedOn: `${died.month}-15`, exitSource: '死亡医学证明' },
      household: { memberCount: 2 },
    });

    const before = monthsAgo(4).month;
    const read = ok(
      await subgraph.query(
        `query($id: ID!, $before: Date!, $beforeMonth: String!, $diedMonth: String!) { household(id: $id) {
          memberCount sizeBefore: memberCount(on: $before)
          members { totalCount nodes { name } }
          everyone: members(includeExited: true) { totalCount nodes { name exitKind } }
          then: members(presentOn: $before) { totalCount }
          perCapitaBefore: perCapitaMonthlyIncome(month: $beforeMonth)
          perCapitaDeathMonth: perCapitaMonthlyIncome(month: $diedMonth) } }`,
        { id, before: `${before}-20`, beforeMonth: before, diedMonth: died.month },
      ),
    ).household;
    expect(read).toMatchObject({
      memberCount: 2,
      sizeBefore: 3,
      members: { totalCount: 2 },
      everyone: { totalCount: 3 },
      then: { totalCount: 3 },
      perCapitaBefore: '800.00',
      perCapitaDeathMonth: '1200.00',
    });
    expect(read.members.nodes.map((m: { name: string }) => m.name)).not.toContain('奶奶');
    expect(read.everyone.nodes.find((m: { name: string }) => m.name === '奶奶').exitKind).toBe('DEATH');

    // The screening reads the members present on its date: three before the death, two from it (the household
    // registered two years ago, so that the feed has it on the earlier date too).
    await subgraph.orm.em
      .fork()
      .getConnection()
      .execute(`update household set created_at = created_at - interval '2 years' where id = ?`, [id]);
    const earlier = await feedLine(id, `${died.month}-14`);
    const now = await feedLine(id, shanghaiDate());
    expect(earlier.members).toHaveLength(3);
    expect(now.members).toHaveLength(2);
    expect(now.incomeFen).toBe(120_000);

    // The history keeps who was there: the household as of the day before the death still had her.
    const history = await subgraph.orm.em
      .fork()
      .getConnection()
      .execute(`select source, changes from household_change where entity_id = ? order by changed_at desc`, [
        grandmother,
      ]);
    expect(history[0]).toMatchObject({
      source: '死亡医学证明',
      changes: { exitKind: { from: null, to: 'DEATH' }, exitedOn: { from: null, to: `${died.month}-15` } },
    });

    // Programmes hears of it, to screen the household again.
    const told = await subgraph.orm.em
      .fork()
      .find(OutboxMessage, { type: 'household.facts.changed', aggregateId: grandmother });
    expect(told).toHaveLength(1);
    expect(told[0].payload).toMatchObject({ householdIds: [id], asOf: `${died.month}-15` });
  });

  it('recording the same death again changes nothing; a different date or kind for a member gone answers INVALID_STATE', async () => {
    const { grandmother } = await family();
    const on = monthsAgo(1).firstDay;
    const input = { personId: grandmother, kind: 'DEATH', on, source: '派出所户籍注销' };
    expect(ok(await subgraph.query(EXIT, { input })).recordMemberExit.changed).toBe(true);
    const again = ok(await subgraph.query(EXIT, { input })).recordMemberExit;
    expect(again).toMatchObject({ changed: false, household: { memberCount: 2 } });
    const history = await subgraph.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from household_change where entity_id = ? and source = ?`, [
        grandmother,
        '派出所户籍注销',
      ]);
    expect(history[0].n).toBe(1);
    const other = await subgraph.query(EXIT, { input: { ...input, kind: 'DEPARTURE' } });
    expect(codeOf(other)).toBe('INVALID_STATE');
    expect(errorOf(other).message).toContain(on);
  });

  it('refuses a date in the future, before the birth, or a member out of reach', async () => {
    const { grandmother } = await family();
    const future = await subgraph.query(EXIT, {
      input: { personId: grandmother, kind: 'DEPARTURE', on: '2999-01-01', source: '村委会' },
    });
    expect(errorOf(future).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
    const unborn = await subgraph.query(EXIT, {
      input: { personId: grandmother, kind: 'DEPARTURE', on: '1939-12-31', source: '村委会' },
    });
    expect(errorOf(unborn).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.on' });
    const elsewhere = await subgraph.query(
      EXIT,
      { input: { personId: grandmother, kind: 'DEPARTURE', on: monthsAgo(1).firstDay, source: '村委会' } },
      {
        kind: 'STAFF',
        id: '019a0000-0000-7000-8000-0000000000bb',
        organisationId: '019a0000-0000-7000-8000-0000000000cc',
        jurisdictionCode: '141024000000',
        roles: ['CASEWORKER'],
        scopes: [],
      },
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(codeOf(elsewhere));
    const unchanged = ok(
      await subgraph.query(`query($id: ID!) { person(id: $id) { exitKind } }`, { id: grandmother }),
    ).person;
    expect(unchanged.exitKind).toBeNull();
  });

  it('after the head’s death the household can register a new head; before it, a second head is refused', async () => {
    const created = ok(
      await subgraph.query(CREATE, {
        input: {
          jurisdictionCode: '141023100201',
          members: [
            { name: '老户主', sex: 'MALE', relationshipToHead: 'SELF' },
            { name: '儿子', sex: 'MALE', relationshipToHead: 'CHILD' },
          ],
        },
      }),
    ).createHousehold.household;
    const head = created.members.nodes.find((m: { name: string }) => m.name === '老户主').id;
    const ADD = `mutation($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { person { id } } }`;
    const newHead = { householdId: created.id, person: { name: '新户主', sex: 'FEMALE', relationshipToHead: 'SELF' } };
    const twoHeads = await subgraph.query(ADD, { input: newHead });
    expect(errorOf(twoHeads).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.person.relationshipToHead',
    });
    ok(
      await subgraph.query(EXIT, {
        input: { personId: head, kind: 'DEATH', on: monthsAgo(1).firstDay, source: '死亡医学证明' },
      }),
    );
    ok(await subgraph.query(ADD, { input: newHead }));
  });
});
