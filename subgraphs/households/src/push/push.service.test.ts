import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { createTestDatabase, thrown, type TestDatabase } from '@doudi/shared/testing';
import {
  checkCharacter,
  OutboxMessage,
  openOrm,
  provisionSubgraph,
  type MikroORM,
  type Principal,
} from '@doudi/shared';
import { createVault } from '@doudi/shared';
import { households as definition } from '../index.js';
import { Person, RelationshipToHead, Sex } from '../person/person.entity.js';
import { Household } from '../household/household.entity.js';
import { HouseholdChange } from '../history/household-change.entity.js';
import { createHousehold } from '../household/household.service.js';
import { DisabilityCategory } from '../person/person.facts.js';
import { DisasterKind } from '../household/household.facts.js';
import { ImportFormat } from '../import/import.parse.js';
import { DataPush, DataPushUnmatchedRow, UnmatchedRowStatus } from './push.entity.js';
import { DataPushKind } from './push.kinds.js';
import { DataPushOutcome } from './push.inputs.js';
import { pushDepartmentData, type PushContext, type PushRequest } from './push.service.js';
import { dismissUnmatchedRow, listUnmatchedRows, registerUnmatchedRow } from './push.unmatched.js';
import { EVENT_CHUNK, publishFactsChanged, type Batch } from './push.write.js';

const TOWNSHIP = '141023100000';
const VILLAGE = '141023100201';
/** The disabled persons' federation of the township (河鱼府发【2021】39号 二(四): 残联). */
const FEDERATION = '019a0000-0000-7000-8000-00000000f001';
const federation: Principal = {
  kind: 'API_CLIENT',
  id: '019a0000-0000-7000-8000-00000000c101',
  organisationId: FEDERATION,
  jurisdictionCode: TOWNSHIP,
  roles: [],
  scopes: ['households:read', 'households:write', 'households:read-sensitive'],
};
/** The civil-affairs office of the other township, where the pushed people are not. */
const elsewhere: Principal = {
  kind: 'STAFF',
  id: '019a0000-0000-7000-8000-00000000c201',
  organisationId: '019a0000-0000-7000-8000-00000000f002',
  jurisdictionCode: '141023200000',
  roles: ['CASEWORKER'],
  scopes: [],
};
const caseworker: Principal = { ...elsewhere, id: '019a0000-0000-7000-8000-00000000c301', jurisdictionCode: TOWNSHIP };

let db: TestDatabase;
let orm: MikroORM;
const vault = createVault(randomBytes(32));
const organisations = async () => ({ organisation: { name: '河鱼乡残联' } });

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await openOrm({
    subgraph: 'households',
    clientUrl: await provisionSubgraph(db.url, 'households'),
    entities: definition.entities,
    migrations: definition.migrations,
  });
});
afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

const context = (principal = federation): PushContext => ({
  em: orm.em.fork(),
  principal,
  vault,
  organisations,
  assertion: 'signed-assertion',
  today: '2026-11-28',
});

let serial = 300;
const idNumber = (birth: string, sex: 'M' | 'F') => {
  serial += 2;
  const first17 = `141023${birth.replace(/-/g, '')}${String(serial + (sex === 'M' ? 1 : 0)).slice(-3)}`;
  return first17 + checkCharacter(first17);
};

/** Registers a one-person household in `village` and answers the person's ID number and ids. */
async function register(village = VILLAGE, birth = '1970-03-01') {
  const id = idNumber(birth, 'M');
  const household = await createHousehold(orm.em.fork(), caseworker, vault, {
    jurisdictionCode: village,
    members: [{ name: '王建国', sex: Sex.MALE, relationshipToHead: RelationshipToHead.SELF, idNumber: id }],
  });
  const person = await orm.em.fork().findOneOrFail(Person, { householdId: household.id });
  return { id, householdId: household.id, personId: person.id };
}

const disability = (rows: PushRequest['rows'], extra: Partial<PushRequest> = {}): PushRequest => ({
  kind: DataPushKind.DISABILITY,
  sourceOrganisationId: FEDERATION,
  asOf: '2026-11-20',
  rows,
  dryRun: false,
  ...extra,
});
const grade2 = { disabilityGrade: 2, disabilityCategory: DisabilityCategory.PHYSICAL };

const historyOf = (householdId: string) =>
  orm.em.fork().find(HouseholdChange, { householdId }, { orderBy: { changedAt: 'asc', id: 'asc' } });

describe('pushDepartmentData (河鱼府发【2021】39号 二(四): the offices push their data, the township compares)', () => {
  it('a dry run reports each row as MATCHED with its changes, UNCHANGED, UNMATCHED or INVALID, and writes nothing', async () => {
    const a = await register();
    const b = await register();
    await orm.em.fork().nativeUpdate(
      Person,
      { id: b.personId },
      {
        hasDisabilityCertificate: true,
        disabilityGrade: 2,
        disabilityCategory: DisabilityCategory.PHYSICAL,
      },
    );
    const stranger = idNumber('1980-01-01', 'F');
    const report = await pushDepartmentData(
      context(),
      disability(
        [
          { idNumber: a.id, ...grade2 },
          { idNumber: b.id, ...grade2 },
          { idNumber: stranger, ...grade2 },
          { idNumber: a.id.slice(0, 17) + (a.id[17] === '0' ? '1' : '0'), ...grade2 },
        ],
        { dryRun: true },
      ),
    );
    expect(report.results.map((r) => r.outcome)).toEqual([
      DataPushOutcome.MATCHED,
      DataPushOutcome.UNCHANGED,
      DataPushOutcome.UNMATCHED,
      DataPushOutcome.INVALID,
    ]);
    expect(report.results[0].changes.map((c) => c.field).sort()).toEqual([
      'disabilityCategory',
      'disabilityGrade',
      'hasDisabilityCertificate',
    ]);
    expect(report.results[3]).toMatchObject({ row: 4, column: 'idNumber', problem: expect.stringMatching(/GB 11643/) });
    expect(report.results[2].idNumber).toBe(`${stranger.slice(0, 6)}********${stranger.slice(14)}`);
    expect(report).toMatchObject({ dryRun: true, written: false, matched: 1, unchanged: 1, unmatched: 1, invalid: 1 });
    const em = orm.em.fork();
    expect((await em.findOneOrFail(Person, { id: a.personId })).disabilityGrade).toBeNull();
    expect(await em.count(DataPush, {})).toBe(0);
    expect(await em.count(DataPushUnmatchedRow, {})).toBe(0);
    expect(await historyOf(a.householdId)).toHaveLength(2);
  });

  it('a real push changes the facts with the office and the date of the data in the history, and tells programmes once', async () => {
    const a = await register();
    const stranger = idNumber('1990-05-05', 'M');
    const before = await orm.em.fork().count(OutboxMessage, {});
    const report = await pushDepartmentData(
      context(),
      disability([
        { idNumber: a.id, ...grade2 },
        { idNumber: stranger, name: '赵四', disabilityGrade: 1, disabilityCategory: DisabilityCategory.VISUAL },
      ]),
    );
    expect(report).toMatchObject({ written: true, repeated: false, matched: 1, unmatched: 1, invalid: 0 });
    expect(report.push).toMatchObject({
      kind: 'DISABILITY',
      sourceOrganisationId: FEDERATION,
      asOf: '2026-11-20',
      matched: 1,
    });
    const person = await orm.em.fork().findOneOrFail(Person, { id: a.personId });
    expect(person).toMatchObject({
      hasDisabilityCertificate: true,
      disabilityGrade: 2,
      disabilityCategory: 'PHYSICAL',
      version: 2,
    });
    const change = (await historyOf(a.householdId)).at(-1)!;
    expect(change).toMatchObject({
      entityType: 'Person',
      entityId: a.personId,
      changedByOrganisationId: FEDERATION,
      asOf: '2026-11-20',
      dataPushId: report.push!.id,
      source: '河鱼乡残联：残联推送残疾人（2026-11-20）',
      changes: {
        disabilityGrade: { from: null, to: 2 },
        disabilityCategory: { from: null, to: 'PHYSICAL' },
        hasDisabilityCertificate: { from: false, to: true },
      },
    });
    const events = await orm.em.fork().find(OutboxMessage, {}, { orderBy: { createdAt: 'asc' } });
    expect(events.length - before).toBe(1);
    expect(events.at(-1)).toMatchObject({
      type: 'household.facts.changed',
      consumer: 'programmes',
      payload: { householdIds: [a.householdId], jurisdictionCodes: [VILLAGE], source: FEDERATION, asOf: '2026-11-20' },
    });
  });

  it('an unmatched row waits with its number masked and sealed, and can be registered once the person is, or dismissed', async () => {
    const stranger = idNumber('1975-07-07', 'M');
    const other = idNumber('1976-07-07', 'M');
    const report = await pushDepartmentData(
      context(),
      disability([
        { idNumber: stranger, name: '孙五', jurisdictionCode: VILLAGE, ...grade2 },
        { idNumber: other, ...grade2 },
      ]),
    );
    const rows = await listUnmatchedRows(orm.em.fork(), caseworker, {
      filter: { jurisdictionCode: VILLAGE, dataPushId: report.push!.id },
    });
    expect(rows.nodes).toHaveLength(1);
    const [row] = rows.nodes;
    expect(row).toMatchObject({
      status: 'PENDING',
      name: '孙五',
      idNumberMasked: `${stranger.slice(0, 6)}********${stranger.slice(14)}`,
    });
    expect(row.idNumberSealed).not.toContain(stranger);
    expect(vault.decrypt(row.idNumberSealed)).toBe(stranger);

    // A caseworker of the other township neither sees nor reaches it.
    expect((await listUnmatchedRows(orm.em.fork(), elsewhere, { filter: {} })).nodes.map((r) => r.id)).not.toContain(
      row.id,
    );
    expect(
      (await thrown(registerUnmatchedRow(orm.em.fork(), elsewhere, vault, { id: row.id, personId: row.id }))).code,
    ).toBe('NOT_FOUND');

    // Registered through the usual path, then linked: the row's facts apply with the push's office and date.
    const household = await createHousehold(orm.em.fork(), caseworker, vault, {
      jurisdictionCode: VILLAGE,
      members: [{ name: '孙五', sex: Sex.MALE, relationshipToHead: RelationshipToHead.SELF, idNumber: stranger }],
    });
    const person = await orm.em.fork().findOneOrFail(Person, { householdId: household.id });
    const mismatch = await register();
    expect(
      (
        await thrown(
          registerUnmatchedRow(orm.em.fork(), caseworker, vault, { id: row.id, personId: mismatch.personId }),
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
    const registered = await registerUnmatchedRow(orm.em.fork(), caseworker, vault, {
      id: row.id,
      personId: person.id,
    });
    expect(registered).toMatchObject({ status: UnmatchedRowStatus.REGISTERED, personId: person.id });
    expect(await orm.em.fork().findOneOrFail(Person, { id: person.id })).toMatchObject({ disabilityGrade: 2 });
    const told = await orm.em.fork().find(OutboxMessage, { type: 'household.facts.changed' });
    expect(told.filter((m) => (m.payload.householdIds as string[]).includes(household.id))).toHaveLength(1);
    expect((await historyOf(household.id)).at(-1)).toMatchObject({
      asOf: '2026-11-20',
      changedByOrganisationId: FEDERATION,
    });
    expect((await thrown(dismissUnmatchedRow(orm.em.fork(), caseworker, { id: row.id, reason: '已迁出' }))).code).toBe(
      'INVALID_STATE',
    );

    // The other row (placed in the pusher's township) is dismissed with a reason.
    const [second] = (await listUnmatchedRows(orm.em.fork(), caseworker, { filter: { dataPushId: report.push!.id } }))
      .nodes;
    expect((await thrown(dismissUnmatchedRow(orm.em.fork(), caseworker, { id: second.id, reason: ' ' }))).code).toBe(
      'BAD_USER_INPUT',
    );
    const dismissed = await dismissUnmatchedRow(orm.em.fork(), caseworker, {
      id: second.id,
      reason: '已于2026年迁出本县',
    });
    expect(dismissed).toMatchObject({ status: 'DISMISSED', dismissReason: '已于2026年迁出本县' });
  });

  it('a re-sent batch changes nothing, by key or by content; a key reused for other rows is CONFLICT', async () => {
    const a = await register();
    const request = disability(
      [{ idNumber: a.id, disabilityGrade: 3, disabilityCategory: DisabilityCategory.HEARING }],
      {
        idempotencyKey: 'push-resend-0001',
      },
    );
    const first = await pushDepartmentData(context(), request);
    const history = (await historyOf(a.householdId)).length;
    const again = await pushDepartmentData(context(), request);
    const sameContent = await pushDepartmentData(context(), { ...request, idempotencyKey: undefined });
    expect(again).toMatchObject({ repeated: true, written: true, push: { id: first.push!.id } });
    expect(sameContent).toMatchObject({ repeated: true, push: { id: first.push!.id } });
    expect(await historyOf(a.householdId)).toHaveLength(history);
    expect(await orm.em.fork().count(DataPush, { id: first.push!.id })).toBe(1);
    const other = await register();
    const reused = await thrown(
      pushDepartmentData(context(), { ...request, rows: [{ idNumber: other.id, ...grade2 }] }),
    );
    expect(reused.code).toBe('CONFLICT');
  });

  it('a batch with one invalid row writes nothing and says which row and column', async () => {
    const a = await register();
    const b = await register();
    const report = await pushDepartmentData(
      context(),
      disability([
        { idNumber: a.id, ...grade2 },
        { idNumber: b.id, disabilityGrade: 5, disabilityCategory: DisabilityCategory.PHYSICAL },
        { idNumber: a.id, ...grade2 },
      ]),
    );
    expect(report).toMatchObject({ written: false, push: null, invalid: 2 });
    expect(report.results[1]).toMatchObject({ row: 2, outcome: 'INVALID', column: 'disabilityGrade' });
    expect(report.results[2]).toMatchObject({ row: 3, outcome: 'INVALID', problem: 'Row 1 has the same ID number' });
    expect((await orm.em.fork().findOneOrFail(Person, { id: a.personId })).disabilityGrade).toBeNull();
    expect(await historyOf(a.householdId)).toHaveLength(2);
  });

  it('an office outside the household’s reach learns nothing: a registered number reads UNMATCHED like an unknown one', async () => {
    const a = await register(VILLAGE);
    const unknown = idNumber('1960-02-02', 'M');
    const otherOffice = { ...elsewhere, roles: ['CASEWORKER' as const] };
    const report = await pushDepartmentData(
      { ...context(otherOffice) },
      {
        kind: DataPushKind.CHRONIC_ILLNESS,
        sourceOrganisationId: otherOffice.organisationId!,
        asOf: '2026-11-20',
        rows: [
          { idNumber: a.id },
          { idNumber: unknown },
          { idNumber: idNumber('1961-01-01', 'F'), jurisdictionCode: VILLAGE },
        ],
        dryRun: true,
      },
    );
    const [registered, notRegistered, placedOutside] = report.results;
    expect(registered).toEqual({ ...notRegistered, row: 1, idNumber: registered.idNumber });
    expect(registered.outcome).toBe('UNMATCHED');
    expect(placedOutside).toMatchObject({ outcome: 'INVALID', column: 'jurisdictionCode' });
    // Pushing another organisation's data is refused.
    const forged = await thrown(
      pushDepartmentData(context(otherOffice), { ...disability([{ idNumber: a.id, ...grade2 }]) }),
    );
    expect(forged.code).toBe('FORBIDDEN');
  });

  it('reads a CSV with Chinese headers: a disaster sets the household’s facts; a value of another kind is INVALID', async () => {
    const a = await register();
    const csv = ['身份证号,姓名,灾害类型,受灾日期,损失金额', `${a.id},王建国,洪涝,2026-07-12,12000.50`].join('\r\n');
    const report = await pushDepartmentData(context(), {
      kind: DataPushKind.DISASTER,
      sourceOrganisationId: FEDERATION,
      asOf: '2026-11-20',
      file: { format: ImportFormat.CSV, contentBase64: Buffer.from(csv).toString('base64') },
      dryRun: false,
    });
    expect(report).toMatchObject({ written: true, matched: 1 });
    const household = await orm.em.fork().findOneOrFail(Household, { id: a.householdId });
    expect(household).toMatchObject({ disasterKind: 'FLOOD', disasterDate: '2026-07-12', disasterLossFen: 1_200_050 });
    expect(household.disasterLoss).toBe('12000.50');

    const wrong = await pushDepartmentData(context(), {
      ...disability([{ idNumber: a.id, ...grade2, unemployedSince: '2026-01-01' }], { dryRun: true }),
    });
    expect(wrong.results[0]).toMatchObject({ outcome: 'INVALID', problem: expect.stringMatching(/unemployedSince/) });
  });

  it('two rows giving one household different disasters: the later row is INVALID naming the earlier, and nothing is written', async () => {
    const head = idNumber('1968-04-04', 'M');
    const wife = idNumber('1970-05-05', 'F');
    const household = await createHousehold(orm.em.fork(), caseworker, vault, {
      jurisdictionCode: VILLAGE,
      members: [
        { name: '李强', sex: Sex.MALE, relationshipToHead: RelationshipToHead.SELF, idNumber: head },
        { name: '周芳', sex: Sex.FEMALE, relationshipToHead: RelationshipToHead.SPOUSE, idNumber: wife },
      ],
    });
    const other = await register();
    const disaster = (rows: PushRequest['rows'], idempotencyKey?: string): PushRequest => ({
      kind: DataPushKind.DISASTER,
      sourceOrganisationId: FEDERATION,
      asOf: '2026-11-20',
      rows,
      dryRun: false,
      idempotencyKey,
    });
    const flood = { disasterKind: DisasterKind.FLOOD, disasterDate: '2026-07-12', lossAmount: '8000' };
    const report = await pushDepartmentData(
      context(),
      disaster(
        [
          { idNumber: other.id, ...flood },
          { idNumber: head, ...flood },
          { idNumber: wife, ...flood, lossAmount: '9000' },
        ],
        'disaster-batch-0001',
      ),
    );
    expect(report).toMatchObject({ written: false, push: null, invalid: 1 });
    expect(report.results[2]).toMatchObject({
      outcome: 'INVALID',
      problem: 'Row 2 gives this household another disasterLossFen',
    });
    const em = orm.em.fork();
    expect((await em.findOneOrFail(Household, { id: other.householdId })).disasterKind).toBeNull();
    expect((await em.findOneOrFail(Household, { id: household.id })).disasterKind).toBeNull();

    // The key was not spent: the corrected batch goes in under it, the same household once.
    const fixed = await pushDepartmentData(
      context(),
      disaster(
        [
          { idNumber: other.id, ...flood },
          { idNumber: head, ...flood },
          { idNumber: wife, ...flood },
        ],
        'disaster-batch-0001',
      ),
    );
    expect(fixed).toMatchObject({ written: true, matched: 2, unchanged: 1 });
    expect(await historyOf(household.id)).toHaveLength(4);
  });

  it(`tells programmes in events of at most ${EVENT_CHUNK} households`, async () => {
    const touched: Batch['touched'] = new Map(
      Array.from({ length: 2 * EVENT_CHUNK + 1 }, (_, i) => [
        `019a0000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        { jurisdictionCode: i % 2 ? VILLAGE : '141023100202', residenceJurisdictionCode: null },
      ]),
    );
    const push = Object.assign(new DataPush(), {
      id: '019a0000-0000-7000-8000-00000000dddd',
      sourceOrganisationId: FEDERATION,
      asOf: '2026-11-20',
    });
    const em = orm.em.fork();
    publishFactsChanged(em, push, touched);
    const messages = [...em.getUnitOfWork().getPersistStack()] as OutboxMessage[];
    expect(messages.map((m) => (m.payload.householdIds as string[]).length)).toEqual([EVENT_CHUNK, EVENT_CHUNK, 1]);
    expect(messages[0].payload.jurisdictionCodes).toEqual(['141023100201', '141023100202']);
    expect(new Set(messages.flatMap((m) => m.payload.householdIds as string[])).size).toBe(touched.size);
  });

  it('reads an XLSX sheet of the rural-revitalisation office: the household becomes 边缘易致贫户 from the date given', async () => {
    const a = await register();
    const b = await register();
    const cells = [
      ['身份证号', '监测类型', '纳入监测日期', '备注'].map((value) => ({ value, type: String })),
      [
        { value: a.id, type: String },
        { value: '边缘易致贫户', type: String },
        { value: new Date('2026-09-01'), format: 'yyyy-mm-dd' },
        { value: '因病', type: String },
      ],
      [{ value: b.id, type: String }, { value: '突发严重困难户', type: String }, null, null],
    ];
    const workbook = await writeXlsxFile(cells as never).toBuffer();
    const report = await pushDepartmentData(context(), {
      kind: DataPushKind.POVERTY_MONITORING,
      sourceOrganisationId: FEDERATION,
      asOf: '2026-11-20',
      file: { format: ImportFormat.XLSX, contentBase64: workbook.toString('base64') },
      dryRun: false,
    });
    expect(report).toMatchObject({ written: true, matched: 2, ignoredColumns: ['备注'] });
    const em = orm.em.fork();
    expect(await em.findOneOrFail(Household, { id: a.householdId })).toMatchObject({
      povertyMonitoringStatus: 'MARGINAL_AT_RISK',
      povertyMonitoringSource: '河鱼乡残联',
      povertyMonitoringSince: '2026-09-01',
    });
    // Without a date, monitoring starts on the date of the data.
    expect(await em.findOneOrFail(Household, { id: b.householdId })).toMatchObject({
      povertyMonitoringStatus: 'SUDDEN_SEVERE_HARDSHIP',
      povertyMonitoringSince: '2026-11-20',
    });
  });

  it('registers an unmatched row’s person as the head of a new household or into one, from the sealed number, once', async () => {
    const newcomer = idNumber('1955-01-01', 'F');
    const child = idNumber('2012-06-06', 'M');
    const report = await pushDepartmentData(context(), {
      kind: DataPushKind.TEKUN,
      sourceOrganisationId: FEDERATION,
      asOf: '2026-11-20',
      rows: [
        { idNumber: newcomer, name: '吴秀兰', jurisdictionCode: VILLAGE },
        { idNumber: child, jurisdictionCode: VILLAGE },
      ],
      dryRun: false,
    });
    const rows = (await listUnmatchedRows(orm.em.fork(), caseworker, { filter: { dataPushId: report.push!.id } }))
      .nodes;
    const [head, boy] = [rows.find((r) => r.row === 1)!, rows.find((r) => r.row === 2)!];

    const asked = { id: head.id, newHousehold: { jurisdictionCode: VILLAGE } };
    const registered = await registerUnmatchedRow(orm.em.fork(), caseworker, vault, asked);
    const person = await orm.em.fork().findOneOrFail(Person, { id: registered.personId! });
    expect(person).toMatchObject({
      name: '吴秀兰',
      sex: 'FEMALE',
      birthDate: '1955-01-01',
      relationshipToHead: 'SELF',
      reliefCategory: 'TEKUN',
    });
    expect(vault.decrypt(person.idNumberSealed!)).toBe(newcomer);
    // A retry registers nobody twice: the row is closed.
    expect((await thrown(registerUnmatchedRow(orm.em.fork(), caseworker, vault, asked))).code).toBe('INVALID_STATE');
    expect(await orm.em.fork().count(Person, { idNumberHash: person.idNumberHash })).toBe(1);

    // The boy had no name from the office: the township gives it, and his relationship in the family.
    expect(
      (
        await thrown(
          registerUnmatchedRow(orm.em.fork(), caseworker, vault, {
            id: boy.id,
            householdId: person.householdId,
            relationshipToHead: RelationshipToHead.GRANDCHILD,
          }),
        )
      ).field,
    ).toBe('input.name');
    const added = await registerUnmatchedRow(orm.em.fork(), caseworker, vault, {
      id: boy.id,
      householdId: person.householdId,
      relationshipToHead: RelationshipToHead.GRANDCHILD,
      name: '吴小军',
    });
    expect(await orm.em.fork().findOneOrFail(Person, { id: added.personId! })).toMatchObject({
      householdId: person.householdId,
      sex: 'MALE',
      reliefCategory: 'TEKUN',
    });
    expect((await thrown(registerUnmatchedRow(orm.em.fork(), caseworker, vault, { id: boy.id }))).code).toBe(
      'BAD_USER_INPUT',
    );
  });
  it('a registration that fails while the row is being closed registers nobody and leaves the row waiting; the retry registers the person once', async () => {
    const newcomer = idNumber('1948-04-04', 'F');
    const report = await pushDepartmentData(context(), {
      kind: DataPushKind.TEKUN,
      sourceOrganisationId: FEDERATION,
      asOf: '2026-11-20',
      rows: [{ idNumber: newcomer, name: '郑桂芝', jurisdictionCode: VILLAGE }],
      dryRun: false,
    });
    const [row] = (await listUnmatchedRows(orm.em.fork(), caseworker, { filter: { dataPushId: report.push!.id } }))
      .nodes;
    const asked = { id: row.id, newHousehold: { jurisdictionCode: VILLAGE } };
    const connection = orm.em.getConnection();
    const count = async (sql: string, params: unknown[]) =>
      Number((await connection.execute<{ n: string }[]>(sql, params))[0].n);
    // The second step fails in the database: closing the row is refused after the person was written.
    await connection.execute(`create function refuse_closing_row() returns trigger language plpgsql as $$
      begin raise exception 'closing the row failed'; end $$`);
    await connection.execute(`create trigger refuse_closing_row before update on data_push_unmatched_row
      for each row execute function refuse_closing_row()`);
    try {
      await expect(registerUnmatchedRow(orm.em.fork(), caseworker, vault, asked)).rejects.toThrow(
        /closing the row failed/,
      );
    } finally {
      await connection.execute('drop trigger refuse_closing_row on data_push_unmatched_row');
      await connection.execute('drop function refuse_closing_row()');
    }
    // Nothing half done: no person, no household change, no claimed registration key, the row still waiting.
    expect(await orm.em.fork().count(Person, { idNumberHash: row.idNumberHash })).toBe(0);
    expect(await count('select count(*) as n from idempotency_key where key = ?', [`unmatched-row-${row.id}`])).toBe(0);
    expect(await orm.em.fork().findOneOrFail(DataPushUnmatchedRow, { id: row.id })).toMatchObject({
      status: UnmatchedRowStatus.PENDING,
      personId: null,
    });

    // The retry registers her once, as the head of a new household, and closes the row.
    const registered = await registerUnmatchedRow(orm.em.fork(), caseworker, vault, asked);
    expect(registered).toMatchObject({ status: UnmatchedRowStatus.REGISTERED });
    const person = await orm.em.fork().findOneOrFail(Person, { idNumberHash: row.idNumberHash });
    expect(person).toMatchObject({ id: registered.personId, name: '郑桂芝', reliefCategory: 'TEKUN' });
    expect(await orm.em.fork().count(Person, { householdId: person.householdId })).toBe(1);
  });
});
