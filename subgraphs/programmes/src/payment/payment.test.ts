import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarMonths, newId, shanghaiDate, type Principal, type Role } from '@doudi/shared';
import { startTestSubgraph } from '@doudi/shared/testing';
import { programmes } from '../index.js';
import { Programme } from '../programme/programme.entity.js';
import { ProgrammeKind } from '../programme/programme-kind.js';
import { Benefit } from '../benefit/benefit.entity.js';
import { BenefitStatus } from '../benefit/benefit-status.js';
import { ApprovalLevel } from '../version/programme-settings.js';
import { Payment, PaymentAmountChange } from './payment.entity.js';
import { PaymentFrequency } from './payment-status.js';
import { amountFor, frequencyOf, periodOf, periodsOwed, scheduleRollFor } from './payment.schedule.js';
import { sweepBenefitReviews } from '../benefit/benefit-review.js';

const COUNTY = '141023000000';
let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
let dibao: Programme;
let temporary: Programme;
const today = shanghaiDate();
const thisMonth = periodOf(today);
const monthsAgo = (n: number) => periodOf(addCalendarMonths(`${thisMonth}-01`, -n));
/** A township of 襄汾县 of its own for each test, so that each roll holds only what the test put there. */
let township = 100;
const nextTownship = () => `141023${township++}000`;

const staff = (jurisdictionCode: string, role: Role = 'APPROVER'): Principal => ({
  kind: 'STAFF',
  id: newId(),
  organisationId: null,
  jurisdictionCode,
  roles: [role],
  scopes: [],
});

beforeAll(async () => {
  subgraph = await startTestSubgraph(programmes);
  const em = subgraph.orm.em.fork();
  const make = (name: string, kind: ProgrammeKind) =>
    Object.assign(new Programme(), { name, kind, jurisdictionCode: COUNTY, organisationId: newId() });
  dibao = make('襄汾县城乡低保', ProgrammeKind.DIBAO);
  temporary = make('襄汾县临时救助', ProgrammeKind.TEMPORARY);
  await em.persist([dibao, temporary]).flush();
});
afterAll(() => subgraph?.stop());

/** A benefit approved long ago, ready to become active (or already in some state). */
async function benefit(jurisdictionCode: string, values: Partial<Benefit> = {}): Promise<Benefit> {
  const em = subgraph.orm.em.fork();
  const decidedOn = addCalendarDays(today, -200);
  const made = Object.assign(new Benefit(), {
    programmeId: dibao.id,
    householdId: newId(),
    jurisdictionCode,
    amountFen: 61_550,
    grantedOn: decidedOn,
    year: Number(decidedOn.slice(0, 4)),
    settings: {},
    approvalLevel: ApprovalLevel.TOWNSHIP,
    status: BenefitStatus.APPROVED,
    decidedOn,
    ...values,
  });
  await em.persist(made).flush();
  return made;
}

const ACTIVATE = `mutation($input: ActivateBenefitInput!) { activateBenefit(input: $input) { benefit { status } } }`;
async function activate(b: Benefit, activeFrom: string) {
  const result = await subgraph.query(
    ACTIVATE,
    { input: { benefitId: b.id, version: b.version, activeFrom } },
    staff(b.jurisdictionCode),
  );
  expect(result.errors).toBeUndefined();
}

const paymentsOf = (benefitId: string) =>
  subgraph.orm.em.fork().find(Payment, { benefitId }, { orderBy: { period: 'asc' } });

const ROLL = `query($j: ID!, $p: String!) { paymentRoll(jurisdictionCode: $j, period: $p) {
  totals { count total scheduledCount scheduled paidCount paid returnedCount returned }
  payments(first: 100) { totalCount nodes { id period amount status paidOn benefitId } }
  runs { paidOn payments } } }`;
const MARK = `mutation($input: MarkPaymentRollPaidInput!) { markPaymentRollPaid(input: $input) { run { id payments paidOn } } }`;
const RETURN = `mutation($input: ReturnPaymentInput!) { returnPayment(input: $input) { payment { status returnedOn returnReason } } }`;
const CHANGE = `mutation($input: ChangePaymentAmountInput!) { changePaymentAmount(input: $input) { change { fromPeriod reason } } }`;

describe('the payment roll (资金发放, 临社救办发〔2015〕3号 二(一))', () => {
  it('pays dibao every month from the month it became active, and temporary assistance once', async () => {
    const code = nextTownship();
    const monthly = await benefit(code);
    const once = await benefit(code, { programmeId: temporary.id, amountFen: 200_000 });
    await activate(monthly, `${monthsAgo(2)}-15`);
    await activate(once, `${monthsAgo(1)}-03`);
    expect((await paymentsOf(monthly.id)).map((p) => [p.period, p.amountFen, p.status])).toEqual([
      [monthsAgo(2), 61_550, 'SCHEDULED'],
      [monthsAgo(1), 61_550, 'SCHEDULED'],
      [thisMonth, 61_550, 'SCHEDULED'],
    ]);
    const [single] = await paymentsOf(once.id);
    expect(await paymentsOf(once.id)).toHaveLength(1);
    expect(single).toMatchObject({
      period: monthsAgo(1),
      amountFen: 200_000,
      payingOrganisationId: temporary.organisationId,
    });
    expect(frequencyOf(ProgrammeKind.TEKUN)).toBe(PaymentFrequency.MONTHLY);
  });

  it('the monthly job writes each benefit’s payment for the month once, however often it runs', async () => {
    const code = nextTownship();
    const active = await benefit(code, { status: BenefitStatus.ACTIVE, activeFrom: `${monthsAgo(3)}-01` });
    const ended = await benefit(code, {
      status: BenefitStatus.ENDED,
      activeFrom: `${monthsAgo(3)}-01`,
      endedOn: `${monthsAgo(1)}-20`,
    });
    const em = subgraph.orm.em.fork();
    expect(await scheduleRollFor(em, thisMonth)).toBeGreaterThanOrEqual(1);
    expect(await scheduleRollFor(em, thisMonth), 'a second run').toBe(0);
    expect((await paymentsOf(active.id)).map((p) => p.period)).toEqual([thisMonth]);
    expect(await paymentsOf(ended.id), 'ended last month: nothing this month').toEqual([]);
    expect(await scheduleRollFor(em, monthsAgo(1))).toBeGreaterThanOrEqual(2);
    expect(
      (await paymentsOf(ended.id)).map((p) => p.period),
      'the month it ended is paid',
    ).toEqual([monthsAgo(1)]);
    const runs = await subgraph.runDueJobs();
    expect(runs).toContainEqual({ name: 'payment-roll', error: null });
  });

  it('lists a township’s roll with its totals to the fen, within the county’s roll, and to nobody elsewhere', async () => {
    const code = nextTownship();
    for (const amountFen of [61_550, 38_001, 70_049])
      await activate(await benefit(code, { amountFen }), `${thisMonth}-01`);
    const mine = await subgraph.query(ROLL, { j: code, p: thisMonth }, staff(code));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.paymentRoll.totals).toEqual({
      count: 3,
      total: '1696.00',
      scheduledCount: 3,
      scheduled: '1696.00',
      paidCount: 0,
      paid: '0.00',
      returnedCount: 0,
      returned: '0.00',
    });
    const county = await subgraph.query(ROLL, { j: COUNTY, p: thisMonth }, staff(COUNTY));
    const ids = county.data!.paymentRoll.payments.nodes.map((n: { id: string }) => n.id);
    for (const node of mine.data!.paymentRoll.payments.nodes) expect(ids).toContain(node.id);
    const elsewhere = await subgraph.query(ROLL, { j: code, p: thisMonth }, staff(nextTownship()));
    expect(elsewhere.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const badMonth = await subgraph.query(ROLL, { j: code, p: '2026-13' }, staff(code));
    expect(badMonth.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('exports the roll as an Excel workbook with one row a payment and the totals on top', async () => {
    const code = nextTownship();
    await activate(await benefit(code, { amountFen: 50_025 }), `${thisMonth}-02`);
    await activate(await benefit(code, { amountFen: 10_000 }), `${thisMonth}-02`);
    const result = await subgraph.query(
      `query($j: ID!, $p: String!) { paymentRoll(jurisdictionCode: $j, period: $p) { export { fileName mediaType contentBase64 } } }`,
      { j: code, p: thisMonth },
      staff(code),
    );
    expect(result.errors).toBeUndefined();
    const file = result.data!.paymentRoll.export;
    expect(file.fileName).toBe(`${code}_${thisMonth}_资金发放花名册.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const text = sheet.getSheetValues().flat().map(String).join(' ');
    expect(text).toContain('合计 600.25 元');
    expect(text).toContain('襄汾县城乡低保');
    const amounts = sheet
      .getColumn(7)
      .values.filter((v): v is number => typeof v === 'number')
      .sort((a, b) => a - b);
    expect(amounts).toEqual([100, 500.25]);
  });

  it('marks a roll paid in one step, once for a retried request, and only by those who pay', async () => {
    const code = nextTownship();
    const a = await benefit(code);
    const b = await benefit(code, { amountFen: 40_000 });
    await activate(a, `${monthsAgo(1)}-01`);
    await activate(b, `${thisMonth}-01`);
    const input = { jurisdictionCode: code, period: thisMonth, paidOn: today, idempotencyKey: newId() };
    const refused = await subgraph.query(MARK, { input }, staff(code, 'CASEWORKER'));
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const marked = await subgraph.query(MARK, { input }, staff(code));
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markPaymentRollPaid.run).toMatchObject({ payments: 2, paidOn: today });
    const retried = await subgraph.query(MARK, { input }, staff(code));
    expect(retried.data!.markPaymentRollPaid.run, 'a retry answers the same run').toEqual(
      marked.data!.markPaymentRollPaid.run,
    );
    const audited = await subgraph.orm.em
      .getConnection()
      .execute(`select action, detail from programmes_audit.audit_event where entity_id = ?`, [
        marked.data!.markPaymentRollPaid.run.id,
      ]);
    expect(audited, '资金发放 is in the audit log once (周政办字〔2017〕70号 六(三))').toEqual([
      { action: 'ROLL_PAID', detail: expect.objectContaining({ payments: 2, totalFen: 101_550 }) },
    ]);
    const again = await subgraph.query(MARK, { input: { ...input, idempotencyKey: newId() } }, staff(code));
    expect(again.errors?.[0].extensions, 'nothing left to pay').toMatchObject({ code: 'INVALID_STATE' });
    const future = await subgraph.query(
      MARK,
      { input: { ...input, paidOn: addCalendarDays(today, 3), idempotencyKey: newId() } },
      staff(code),
    );
    expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      (await paymentsOf(a.id)).map((p) => p.status),
      'last month is not on this month’s roll',
    ).toEqual(['SCHEDULED', 'PAID']);
    const roll = await subgraph.query(ROLL, { j: code, p: thisMonth }, staff(code));
    expect(roll.data!.paymentRoll.totals).toMatchObject({ paidCount: 2, paid: '1015.50', scheduledCount: 0 });
    expect(roll.data!.paymentRoll.runs).toEqual([{ paidOn: today, payments: 2 }]);
    const county = await subgraph.query(ROLL, { j: COUNTY, p: thisMonth }, staff(COUNTY));
    expect(county.data!.paymentRoll.runs, 'the county sees its townships’ runs').toContainEqual({
      paidOn: today,
      payments: 2,
    });
  });

  it('records a returned payment with its reason; a payment not yet paid cannot come back', async () => {
    const code = nextTownship();
    const a = await benefit(code);
    await activate(a, `${monthsAgo(1)}-01`);
    const [last, current] = await paymentsOf(a.id);
    const early = await subgraph.query(RETURN, { input: { paymentId: last.id, reason: '账户已销户' } }, staff(code));
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE' });
    await subgraph.query(
      MARK,
      { input: { jurisdictionCode: code, period: thisMonth, paidOn: today, idempotencyKey: newId() } },
      staff(code),
    );
    const noReason = await subgraph.query(RETURN, { input: { paymentId: current.id, reason: ' ' } }, staff(code));
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const returned = await subgraph.query(
      RETURN,
      { input: { paymentId: current.id, reason: '账户已销户' } },
      staff(code),
    );
    expect(returned.errors).toBeUndefined();
    expect(returned.data!.returnPayment.payment).toEqual({
      status: 'RETURNED',
      returnedOn: today,
      returnReason: '账户已销户',
    });
    const retried = await subgraph.query(
      RETURN,
      { input: { paymentId: current.id, reason: '账户已销户' } },
      staff(code),
    );
    expect(retried.data!.returnPayment.payment, 'a retry answers the return as recorded').toEqual(
      returned.data!.returnPayment.payment,
    );
    const otherReason = await subgraph.query(RETURN, { input: { paymentId: current.id, reason: '拒收' } }, staff(code));
    expect(otherReason.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE' });
    const missing = await subgraph.query(RETURN, { input: { paymentId: newId(), reason: 'x' } }, staff(code));
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a new amount changes only the months not yet paid, never a paid one', async () => {
    const code = nextTownship();
    const a = await benefit(code);
    await activate(a, `${monthsAgo(2)}-01`);
    await subgraph.query(
      MARK,
      { input: { jurisdictionCode: code, period: monthsAgo(2), paidOn: today, idempotencyKey: newId() } },
      staff(code),
    );
    const tooEarly = await subgraph.query(
      CHANGE,
      { input: { benefitId: a.id, fromPeriod: monthsAgo(2), amount: '700.00', reason: '低保标准提高' } },
      staff(code),
    );
    expect(tooEarly.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', period: monthsAgo(2) });
    const byCaseworker = await subgraph.query(
      CHANGE,
      { input: { benefitId: a.id, fromPeriod: monthsAgo(1), amount: '700.00', reason: '低保标准提高' } },
      staff(code, 'CASEWORKER'),
    );
    expect(byCaseworker.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
    const changed = await subgraph.query(
      CHANGE,
      {
        input: {
          benefitId: a.id,
          fromPeriod: monthsAgo(1),
          amount: '700.00',
          reason: '低保标准提高',
          idempotencyKey: newId(),
        },
      },
      staff(code),
    );
    expect(changed.errors).toBeUndefined();
    expect((await paymentsOf(a.id)).map((p) => [p.period, p.amountFen, p.status])).toEqual([
      [monthsAgo(2), 61_550, 'PAID'],
      [monthsAgo(1), 70_000, 'SCHEDULED'],
      [thisMonth, 70_000, 'SCHEDULED'],
    ]);
    // The months not yet on the roll take it too.
    const changes = await subgraph.orm.em.fork().find(PaymentAmountChange, { benefitId: a.id });
    expect(amountFor(a, changes, periodOf(addCalendarMonths(today, 1)))).toBe(70_000);
  });

  it('a review that adjusts a dibao’s amount (动态管理) changes the months not yet paid', async () => {
    const code = nextTownship();
    const a = await benefit(code, {
      status: BenefitStatus.ACTIVE,
      activeFrom: `${monthsAgo(1)}-01`,
      reviewFlagReason: '家庭收入增加',
      reviewFlaggedAt: new Date(),
      reviewFlagSource: 'SCREENING' as never,
    });
    const em = subgraph.orm.em.fork();
    for (const period of [monthsAgo(1), thisMonth]) await scheduleRollFor(em, period);
    await subgraph.query(
      MARK,
      { input: { jurisdictionCode: code, period: monthsAgo(1), paidOn: today, idempotencyKey: newId() } },
      staff(code),
    );
    const REVIEW = `mutation($input: ReviewBenefitInput!) { reviewBenefit(input: $input) { benefit { reviewFlag { reason } } } }`;
    const input = { benefitId: a.id, outcome: 'ADJUST', reason: '家庭收入增加，差额减少', newAmount: '300.00' };
    const paidMonth = await subgraph.query(REVIEW, { input: { ...input, newAmountFrom: monthsAgo(1) } }, staff(code));
    expect(paidMonth.errors?.[0].extensions).toMatchObject({ code: 'INVALID_STATE', period: monthsAgo(1) });
    expect((await em.fork().findOneOrFail(Benefit, { id: a.id })).reviewFlagReason, 'nothing written').toBe(
      '家庭收入增加',
    );
    const adjusted = await subgraph.query(REVIEW, { input: { ...input, newAmountFrom: thisMonth } }, staff(code));
    expect(adjusted.errors).toBeUndefined();
    expect(adjusted.data!.reviewBenefit.benefit.reviewFlag).toBeNull();
    expect((await paymentsOf(a.id)).map((p) => [p.period, p.amountFen, p.status])).toEqual([
      [monthsAgo(1), 61_550, 'PAID'],
      [thisMonth, 30_000, 'SCHEDULED'],
    ]);
  });

  it('an ended benefit leaves the roll after the month it ended, what was paid stays', async () => {
    const code = nextTownship();
    const a = await benefit(code, { status: BenefitStatus.ACTIVE, activeFrom: `${monthsAgo(2)}-01` });
    const em = subgraph.orm.em.fork();
    for (const period of [monthsAgo(2), monthsAgo(1), thisMonth]) await scheduleRollFor(em, period);
    await subgraph.query(
      MARK,
      { input: { jurisdictionCode: code, period: monthsAgo(2), paidOn: today, idempotencyKey: newId() } },
      staff(code),
    );
    // Its ending was under public notice (临社救办发〔2015〕3号 二(二)1) and the notice closed last month.
    await em.nativeUpdate(
      Benefit,
      { id: a.id },
      {
        endingNoticeStartsOn: `${monthsAgo(2)}-20`,
        endingNoticeEndsOn: `${monthsAgo(2)}-26`,
        endingReason: '收入增加',
      },
    );
    await sweepBenefitReviews(subgraph.orm.em.fork());
    expect((await paymentsOf(a.id)).map((p) => [p.period, p.status])).toEqual([[monthsAgo(2), 'PAID']]);
  });

  it('reconciles with the benefits ledger to the fen, month by month', async () => {
    const code = nextTownship();
    const made = [
      await benefit(code, { amountFen: 61_501 }),
      await benefit(code, { amountFen: 33_333 }),
      await benefit(code, { programmeId: temporary.id, amountFen: 123_456 }),
      await benefit(code, { programmeId: temporary.id, amountFen: 99 }),
    ];
    await activate(made[0], `${monthsAgo(3)}-10`);
    await activate(made[1], `${monthsAgo(1)}-28`);
    await activate(made[2], `${monthsAgo(2)}-05`);
    await activate(made[3], `${thisMonth}-01`);
    await subgraph.query(
      CHANGE,
      { input: { benefitId: made[1].id, fromPeriod: thisMonth, amount: '400.07', reason: '家庭人口减少' } },
      staff(code),
    );
    const em = subgraph.orm.em.fork();
    const benefits = await em.find(Benefit, { jurisdictionCode: code });
    const changes = await em.find(PaymentAmountChange, { benefitId: { $in: benefits.map((b) => b.id) } });
    const kinds = new Map([
      [dibao.id, ProgrammeKind.DIBAO],
      [temporary.id, ProgrammeKind.TEMPORARY],
    ]);
    for (const period of [monthsAgo(3), monthsAgo(2), monthsAgo(1), thisMonth]) {
      // The ledger's own figure: each benefit's amount in force that month, for the months it owes.
      const ledgerFen = benefits
        .filter((b) => periodsOwed(b, frequencyOf(kinds.get(b.programmeId)!), thisMonth).includes(period))
        .reduce(
          (sum, b) =>
            sum +
            amountFor(
              b,
              changes.filter((c) => c.benefitId === b.id),
              period,
            ),
          0,
        );
      const roll = await subgraph.query(ROLL, { j: code, p: period }, staff(code));
      const totalFen = Math.round(Number(roll.data!.paymentRoll.totals.total) * 100);
      expect(totalFen, period).toBe(ledgerFen);
    }
    const expectedThisMonth = 61_501 + 40_007 + 99;
    const roll = await subgraph.query(ROLL, { j: code, p: thisMonth }, staff(code));
    expect(roll.data!.paymentRoll.totals.total).toBe((expectedThisMonth / 100).toFixed(2));
  });
});
