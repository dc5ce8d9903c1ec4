import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as demo from '@doudi/shared/demo';
import { addCalendarDays, shanghaiDate } from '@doudi/shared';
import { createWorkingDayCalendar } from '../subgraphs/organisations/src/calendar/working-days.js';
import { sweepLedgers } from '../subgraphs/cases/src/ledger/ledger.job.js';
import { startSystem, type System } from './support/system.js';
import { attempt, codeOf, createOrganisation, createStaffAndSignIn, must, step, type Data } from './support/steps.js';

/**
 * Issue 13 item 3 through the whole system: the monthly ledgers (台账) of 河鱼府发【2021】39号 二(四). An office of
 * 河鱼乡 gets two leads last month, concludes one; its ledger explains the other and goes in late; the township's
 * ledger rolls it up; a correction makes a second revision; unsubmitted ledgers raise notifications; the files open.
 * One story told in order.
 */
const HEYU = '500229218000';
const today = shanghaiDate();
const thisMonth = today.slice(0, 7);
const lastMonth = (() => {
  const [y, m] = thisMonth.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();
const lastDayOf = (month: string) => addCalendarDays(`${addCalendarDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

let system: System;
const tokens: Record<'township' | 'office' | 'county' | 'dashboard' | 'stranger', string> = {} as never;
let officeId: string;
const leads: Record<'open' | 'concluded', { id: string; version: number }> = {} as never;

const LEDGER_FIELDS = `id kind month status version late overdue dueDate submittedOn
  counts { items received handled concluded open overdue unexplained }
  items { nodes { itemKind itemId caseId status reason newDueDate receivedInMonth handledInMonth organisation { id } } }`;

const ledgerQuery = (fields: string) =>
  `query($kind: LedgerKind!, $month: String!, $organisationId: ID, $jurisdictionCode: ID) {
     ledger(kind: $kind, month: $month, organisationId: $organisationId, jurisdictionCode: $jurisdictionCode) { ${fields} } }`;

const officeLedger = async (token: string, month = lastMonth, fields = LEDGER_FIELDS) =>
  (await must(system, token, ledgerQuery(fields), { kind: 'OFFICE', month, organisationId: officeId })).ledger;
const townshipLedger = async (token: string, fields: string, kind = 'TOWNSHIP') =>
  (await must(system, token, ledgerQuery(fields), { kind, month: lastMonth, jurisdictionCode: HEYU })).ledger;

async function openLead(receivedOn: string, assignedOn: string) {
  const opened = await step(system, tokens.township, 'openCase', 'case { id version }', {
    channel: 'VILLAGE_DISCOVERY',
    householdId: demo.households[2].id,
    jurisdictionCode: demo.households[2].jurisdictionCode,
    leadOrganisationId: demo.organisations.heyuTownship.id,
    summary: '村级救助点走访发现',
    receivedOn,
  });
  const assigned = await step(system, tokens.township, 'assignLead', 'case { id version }', {
    caseId: opened.case.id,
    version: opened.case.version,
    officeOrganisationId: officeId,
    assignedOn,
  });
  return assigned.case as { id: string; version: number };
}

const notificationsOf = async (organisationId: string) =>
  (
    await must(
      system,
      null,
      `query($id: ID!) { organisation(id: $id) { notifications(first: 100) { nodes { kind itemKind itemId caseId dueDate } } } }`,
      { id: organisationId },
    )
  ).organisation.notifications.nodes.filter((n: Data) => n.itemKind === 'LEDGER');

beforeAll(async () => {
  system = await startSystem({ demoData: true });
  tokens.township = await system.signIn('heyu.caseworker', demo.DEMO_PASSWORD);
  officeId = await createOrganisation(system, {
    name: '河鱼乡社会保障服务所',
    kind: 'HUMAN_RESOURCES_SOCIAL_SECURITY',
    jurisdictionCode: HEYU,
  });
  tokens.office = await createStaffAndSignIn(system, {
    username: 'heyu.shebao',
    displayName: '河鱼乡社保所经办人',
    roles: ['AGENCY_STAFF'],
    organisationId: officeId,
  });
  const chengkou = demo.organisations.chengkouCivilAffairs.id;
  tokens.county = await createStaffAndSignIn(system, {
    username: 'chengkou.caseworker',
    displayName: '城口县民政局社会救助科',
    roles: ['CASEWORKER'],
    organisationId: chengkou,
  });
  tokens.dashboard = await createStaffAndSignIn(system, {
    username: 'chengkou.dashboard',
    displayName: '城口县社会救助看板',
    roles: ['REPORTING'],
    organisationId: chengkou,
  });
  tokens.stranger = await system.signIn('xincheng.caseworker', demo.DEMO_PASSWORD);
  leads.open = await openLead(`${lastMonth}-03`, `${lastMonth}-04`);
  const concluded = await openLead(`${lastMonth}-05`, `${lastMonth}-06`);
  const closed = await step(system, tokens.township, 'closeCase', 'case { id version }', {
    caseId: concluded.id,
    version: concluded.version,
    closedOn: `${lastMonth}-20`,
    reason: '经核实已纳入低保，办结',
  });
  leads.concluded = closed.case;
});
afterAll(() => system?.stop());

// One story told in order: each step builds on the one before, so its tests are not shuffled.
describe('the monthly ledgers (台账) of 河鱼府发【2021】39号 二(四)', { shuffle: false }, () => {
  describe('an office’s monthly ledger (河鱼府发【2021】39号 二(四): 各科室每月将救助台账报民政办)', () => {
    it('shows the office last month’s two leads before it submits: one concluded, one open and unexplained', async () => {
      const ledger = await officeLedger(tokens.office);
      expect(ledger).toMatchObject({
        kind: 'OFFICE',
        month: lastMonth,
        status: 'NOT_SUBMITTED',
        version: 0,
        overdue: true,
        dueDate: lastDayOf(lastMonth),
        counts: { items: 2, received: 2, concluded: 1, open: 1, unexplained: 1 },
      });
      const open = ledger.items.nodes.find((i: Data) => i.status === 'OPEN');
      expect(open).toMatchObject({ itemKind: 'CASE', itemId: leads.open.id, organisation: { id: officeId } });
    });

    it('refuses to submit while an open item has no reason and new time limit, and writes nothing', async () => {
      const refused = await attempt(system, tokens.office, 'submitLedger', 'ledger { id }', {
        kind: 'OFFICE',
        month: lastMonth,
        organisationId: officeId,
      });
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions).toMatchObject({
        field: 'input.openItems',
        missingItemIds: [leads.open.id],
      });
      expect((await officeLedger(tokens.office)).status).toBe('NOT_SUBMITTED');
    });

    it('takes the ledger once, late, frozen: a retry answers the same, a different second one is a CONFLICT', async () => {
      const input = {
        kind: 'OFFICE',
        month: lastMonth,
        organisationId: officeId,
        openItems: [{ itemId: leads.open.id, reason: '待县级审批', newDueDate: addCalendarDays(today, 10) }],
        idempotencyKey: `ledger-${lastMonth}-office`,
      };
      const first = (await step(system, tokens.office, 'submitLedger', `ledger { ${LEDGER_FIELDS} }`, input)).ledger;
      expect(first).toMatchObject({ status: 'SUBMITTED', version: 1, late: true, overdue: false, submittedOn: today });
      const again = (await step(system, tokens.office, 'submitLedger', `ledger { ${LEDGER_FIELDS} }`, input)).ledger;
      expect(again).toEqual(first);
      const different = await attempt(system, tokens.office, 'submitLedger', 'ledger { id }', {
        ...input,
        idempotencyKey: null,
        openItems: [{ ...input.openItems[0], reason: '另一个原因' }],
      });
      expect(codeOf(different)).toBe('CONFLICT');
      expect(different.errors![0].extensions).toMatchObject({ ledgerId: first.id, currentVersion: 1 });
      expect((await officeLedger(tokens.office)).items.nodes.find((i: Data) => i.status === 'OPEN').reason).toBe(
        '待县级审批',
      );
    });

    it('stays as submitted when the case moves on afterwards (frozen)', async () => {
      const closed = await step(system, tokens.township, 'closeCase', 'case { version }', {
        caseId: leads.open.id,
        version: leads.open.version,
        closedOn: today,
        reason: '县级审批通过，办结',
      });
      leads.open.version = closed.case.version;
      const ledger = await officeLedger(tokens.office);
      expect(ledger.counts).toMatchObject({ open: 1, concluded: 1 });
    });
  });

  describe('the township’s ledger (乡民政办于当月月末将全乡救助情况台账报县民政局备案)', () => {
    const FIELDS = `status dueDate overdue
    offices { organisation { id } submitted revision late counts { items open } }
    items { nodes { itemId organisation { id } status reason } }`;

    it('rolls up the office’s ledger with its explanation and shows the office reported late', async () => {
      const ledger = await townshipLedger(tokens.township, FIELDS);
      expect(ledger).toMatchObject({ status: 'NOT_SUBMITTED', dueDate: lastDayOf(lastMonth), overdue: true });
      expect(ledger.offices).toContainEqual({
        organisation: { id: officeId },
        submitted: true,
        revision: 1,
        late: true,
        counts: { items: 2, open: 1 },
      });
      expect(ledger.items.nodes.find((i: Data) => i.itemId === leads.open.id)).toMatchObject({
        organisation: { id: officeId },
        status: 'OPEN',
        reason: '待县级审批',
      });
    });

    it('is read by the county bureau above it, not by a township of another county', async () => {
      expect((await townshipLedger(tokens.county, 'status')).status).toBe('NOT_SUBMITTED');
      const refused = await system.queryAs(tokens.stranger, ledgerQuery('status'), {
        kind: 'TOWNSHIP',
        month: lastMonth,
        jurisdictionCode: HEYU,
      });
      expect(codeOf(refused)).toBe('FORBIDDEN');
    });

    it('gives a reporting caller only counts with small cells suppressed, never an item', async () => {
      const ledger = await townshipLedger(
        tokens.dashboard,
        'table { dimensions suppressedCells total { value suppressed } }',
      );
      expect(ledger.table.dimensions).toEqual(['RESPONSIBLE_ORGANISATION', 'STATUS']);
      expect(ledger.table.total).toEqual({ value: null, suppressed: true });
      for (const field of ['counts { items }', 'items { totalCount }', 'offices { submitted }']) {
        const refused = await system.queryAs(tokens.dashboard, ledgerQuery(field), {
          kind: 'TOWNSHIP',
          month: lastMonth,
          jurisdictionCode: HEYU,
        });
        expect(codeOf(refused), field).toBe('FORBIDDEN');
      }
    });

    it('is filed by the township’s own staff, late, and the county may not file it for them', async () => {
      const input = { kind: 'TOWNSHIP', month: lastMonth, jurisdictionCode: HEYU };
      expect(codeOf(await attempt(system, tokens.county, 'submitLedger', 'ledger { id }', input))).toBe('FORBIDDEN');
      const filed = (await step(system, tokens.township, 'submitLedger', 'ledger { status late version }', input))
        .ledger;
      expect(filed).toEqual({ status: 'SUBMITTED', late: true, version: 1 });
    });

    it('asks the classified summary to explain every open item, taking the offices’ explanations', async () => {
      const input = { kind: 'TOWNSHIP_SUMMARY', month: lastMonth, jurisdictionCode: HEYU };
      const refused = await attempt(system, tokens.township, 'submitLedger', 'ledger { id }', input);
      // The demo's unassigned lead of last month, if any, is the township's own and needs its explanation too.
      const summary = await townshipLedger(
        tokens.township,
        'items(status: OPEN) { nodes { itemId reason } }',
        'TOWNSHIP_SUMMARY',
      );
      const unexplained = summary.items.nodes.filter((i: Data) => !i.reason).map((i: Data) => i.itemId);
      if (unexplained.length) {
        expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', missingItemIds: unexplained });
      }
      const filed = await step(system, tokens.township, 'submitLedger', 'ledger { status dueDate }', {
        ...input,
        openItems: unexplained.map((itemId: string) => ({ itemId, reason: '待分配', newDueDate: today })),
      });
      expect(filed.ledger.dueDate).toBe(addCalendarDays(lastDayOf(lastMonth), 5));
    });
  });

  describe('a correction (更正)', () => {
    it('needs a reason and the version read, and makes a second revision read again from the cases', async () => {
      const before = await officeLedger(tokens.office, lastMonth, 'id version');
      const input = { ledgerId: before.id, version: 1, reason: '原报送时遗漏办结情况' };
      expect(
        codeOf(await attempt(system, tokens.office, 'correctLedger', 'ledger { id }', { ...input, reason: ' ' })),
      ).toBe('BAD_USER_INPUT');
      expect(
        codeOf(await attempt(system, tokens.office, 'correctLedger', 'ledger { id }', { ...input, version: 0 })),
      ).toBe('CONFLICT');
      expect(codeOf(await attempt(system, tokens.township, 'correctLedger', 'ledger { id }', input))).toBe('FORBIDDEN');
      const corrected = (
        await step(system, tokens.office, 'correctLedger', 'ledger { version counts { open } }', input)
      ).ledger;
      // The lead closed today, after last month: at last month's end it was open, and its explanation is kept.
      expect(corrected).toEqual({ version: 2, counts: { open: 1 } });
      const history = await officeLedger(
        tokens.office,
        lastMonth,
        'revisions { revision late correctionReason submittedBy submittedByOrganisation { id } }',
      );
      expect(history.revisions).toEqual([
        expect.objectContaining({ revision: 1, late: true, correctionReason: null }),
        expect.objectContaining({
          revision: 2,
          correctionReason: '原报送时遗漏办结情况',
          submittedByOrganisation: { id: officeId },
        }),
      ]);
    });
  });

  describe('bad input, each with its code and nothing written', () => {
    it('refuses a month that has not begun, an unknown office, one out of reach, and a division that is no township', async () => {
      const next = addCalendarDays(lastDayOf(thisMonth), 1).slice(0, 7);
      const future = await attempt(system, tokens.office, 'submitLedger', 'ledger { id }', {
        kind: 'OFFICE',
        month: next,
        organisationId: officeId,
      });
      expect(codeOf(future)).toBe('BAD_USER_INPUT');
      expect(future.errors![0].extensions!.field).toBe('input.month');
      const unknown = await system.queryAs(tokens.township, ledgerQuery('id'), {
        kind: 'OFFICE',
        month: lastMonth,
        organisationId: '019a0000-0000-7000-8000-00000000ffff',
      });
      const outOfReach = await system.queryAs(tokens.stranger, ledgerQuery('id'), {
        kind: 'OFFICE',
        month: lastMonth,
        organisationId: officeId,
      });
      expect([codeOf(unknown), codeOf(outOfReach)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
      expect(unknown.errors![0].message.replace(/[0-9a-f-]{36}/, 'ID')).toBe(
        outOfReach.errors![0].message.replace(/[0-9a-f-]{36}/, 'ID'),
      );
      const county = await system.queryAs(tokens.county, ledgerQuery('id'), {
        kind: 'TOWNSHIP',
        month: lastMonth,
        jurisdictionCode: '500229000000',
      });
      expect(codeOf(county)).toBe('BAD_USER_INPUT');
      expect((await officeLedger(tokens.office, thisMonth, 'status')).status).toBe('NOT_SUBMITTED');
    });
  });

  describe('reminders and overdue notices (through the existing notifications)', () => {
    it('sends no notice about last month’s ledgers once every one of them is filed', async () => {
      // The hourly sweep ran at start; make it due again.
      await system.subgraphs.cases.orm.em
        .fork()
        .getConnection()
        .execute(`update _private_jobs set run_at = now() - interval '1 second' where key like 'job:%'`);
      const runs = await system.subgraphs.cases.runDueJobs();
      expect(runs).toContainEqual({ name: 'ledger-sweep', error: null });
      await system.subgraphs.cases.drainOutbox();
      // Both township ledgers of last month are filed; the office's too: nothing of last month is owed.
      const township = await notificationsOf(demo.organisations.heyuTownship.id);
      expect(township.filter((n: Data) => n.dueDate <= lastDayOf(lastMonth))).toEqual([]);
    });

    it('reminds the office a working day before the month’s end, and escalates to the township once it has passed', async () => {
      const calendar = createWorkingDayCalendar();
      const deps = { nextWorkingDay: async (_code: string, from: string) => calendar.addWorkingDays(from, 1).date };
      const em = () => system.subgraphs.cases.orm.em.fork();
      // A lead assigned this month keeps the office owing this month's ledger.
      await openLead(today, today);
      const dueDate = lastDayOf(thisMonth);
      const eve = new Date(`${dueDate}T02:00:00Z`);
      // The hourly sweep may have sent this reminder already (near the month's end); either way, once.
      await sweepLedgers(em(), deps, eve);
      expect((await sweepLedgers(em(), deps, eve)).reminders, 'once').toBe(0);
      const after = new Date(`${addCalendarDays(dueDate, 1)}T02:00:00Z`);
      expect((await sweepLedgers(em(), deps, after)).overdue).toBeGreaterThan(0);
      await system.subgraphs.cases.drainOutbox();
      const office = await notificationsOf(officeId);
      expect(office).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'REMINDER', caseId: null, dueDate }),
          expect.objectContaining({ kind: 'ESCALATION', caseId: null, dueDate }),
        ]),
      );
      const township = await notificationsOf(demo.organisations.heyuTownship.id);
      expect(township).toContainEqual(expect.objectContaining({ kind: 'ESCALATION', dueDate }));
      const county = await notificationsOf(demo.organisations.chengkouCivilAffairs.id);
      expect(county).toContainEqual(expect.objectContaining({ kind: 'ESCALATION', dueDate }));
    });
  });

  describe('exports (issue 13 item 5)', () => {
    const exportOf = async (token: string, kind: string, format: string) => {
      const variables =
        kind === 'OFFICE'
          ? { kind, month: lastMonth, organisationId: officeId }
          : { kind, month: lastMonth, jurisdictionCode: HEYU };
      const data = await must(
        system,
        token,
        `query($kind: LedgerKind!, $month: String!, $organisationId: ID, $jurisdictionCode: ID, $format: ExportFormat!) {
         ledger(kind: $kind, month: $month, organisationId: $organisationId, jurisdictionCode: $jurisdictionCode) {
           export(format: $format) { fileName mediaType byteLength contentBase64 } } }`,
        { ...variables, format },
      );
      return { ...data.ledger.export, bytes: Buffer.from(data.ledger.export.contentBase64, 'base64') };
    };

    it('gives the office its ledger as a workbook that opens, titled with the office and the month', async () => {
      const file = await exportOf(tokens.office, 'OFFICE', 'XLSX');
      expect(file.fileName).toBe(`河鱼乡社会保障服务所_${lastMonth}_科室救助台账.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('台账')!;
      const [year, month] = lastMonth.split('-').map(Number);
      expect(sheet.getCell('A1').value).toBe(`河鱼乡社会保障服务所 ${year}年${month}月 科室救助台账`);
      expect(String(sheet.getCell('A2').value)).toContain('第2版');
      expect(sheet.getRow(3).getCell(1).value).toBe('序号');
      expect(sheet.rowCount).toBe(3 + 2);
      const reasons = [4, 5].map((r) => sheet.getRow(r).getCell(16).value);
      expect(reasons).toContain('待县级审批');
      expect(sheet.getRow(4).getCell(8).value).toBeInstanceOf(Date);
    });

    it('gives the township’s summary as a CSV with the UTF-8 byte-order mark, and a dashboard only counts', async () => {
      const csv = await exportOf(tokens.township, 'TOWNSHIP_SUMMARY', 'CSV');
      expect(csv.mediaType).toBe('text/csv; charset=utf-8');
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = csv.bytes.toString('utf8');
      expect(text).toContain('已办结事项（建档归卷）');
      expect(text).toContain(leads.open.id);
      const counts = (await exportOf(tokens.dashboard, 'TOWNSHIP', 'CSV')).bytes.toString('utf8');
      expect(counts).toContain('小于5户的单元格不予公布');
      expect(counts).not.toContain(leads.open.id);
    });
  });
});
