import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import {
  failure,
  mutation,
  ok,
  people,
  staffOf,
  startCasesWithNeighbours,
  type Neighbourhood,
} from '../test-support.js';

let n: Neighbourhood;
const o = demo.organisations;
const supervision = staffOf(o.xiangfenCivilAffairs.id, '141023000000', 'JURISDICTION_ADMIN');
/** An administrator who works for the police: complained about below, so never told who complained. */
const policeAdmin = staffOf(o.xiangfenPolice.id, '141023000000', 'JURISDICTION_ADMIN');
const elsewhere = staffOf(o.jinjiangCivilAffairs.id, '350582000000', 'JURISDICTION_ADMIN');
const township = people.xinchengCaseworker;
const COMPLAINT = `id referenceNumber status kind channel anonymous dueDate finding answerChannel reviewOpened version
  verifierOrganisation { id } complainant { name phone revealed }`;
type Data = Record<string, any>;

beforeAll(async () => {
  n = await startCasesWithNeighbours();
});
afterAll(() => n?.stop());

const attempt = (principal: Principal, name: string, input: Data) =>
  n.query(mutation(name, `complaint { ${COMPLAINT} }`), { input }, principal);
const step = async (principal: Principal, name: string, input: Data) =>
  ok(await attempt(principal, name, input))[name].complaint;
const read = async (principal: Principal, id: string) =>
  n.query(`query($id: ID!) { complaint(id: $id) { ${COMPLAINT} } }`, { id }, principal);

const aboutThePolice = (extra: Data = {}) => ({
  jurisdictionCode: '141023100000',
  channel: 'HOTLINE',
  kind: 'DEPARTMENT_CONDUCT',
  summary: '群众来电反映：派出所对困难家庭的救助申请推诿不办',
  concernedOrganisationId: o.xiangfenPolice.id,
  anonymous: false,
  complainantName: '张三丰',
  complainantPhone: '138 1234 5678',
  ...extra,
});

describe('complaints and reports (监督举报, 临社救办发〔2015〕3号 二(一))', () => {
  it('a township desk takes a complaint and gets a reference number; the phone is sealed at rest', async () => {
    const taken = await step(township, 'receiveComplaint', aboutThePolice());
    expect(taken.referenceNumber).toMatch(/^JB141023-\d{4}-\d{5}$/);
    expect(taken.status).toBe('RECEIVED');
    const rows = await n.cases.orm.em.getConnection().execute('select * from complaint where id = ?', [taken.id]);
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    expect(JSON.stringify(rows)).not.toContain('张三丰');
  });

  it('a retried complaint with the same key is taken once; the same key for another complaint is a CONFLICT', async () => {
    const key = newId();
    const first = await step(township, 'receiveComplaint', aboutThePolice({ idempotencyKey: key }));
    const again = await step(township, 'receiveComplaint', aboutThePolice({ idempotencyKey: key }));
    expect(again.id).toBe(first.id);
    expect(again.referenceNumber).toBe(first.referenceNumber);
    const other = await attempt(township, 'receiveComplaint', aboutThePolice({ idempotencyKey: key, kind: 'MISSED' }));
    expect(failure(other).code).toBe('CONFLICT');
  });

  it('refuses a complaint without what it needs: no contact unless anonymous, none when anonymous, a real phone', async () => {
    const cases: [Data, string][] = [
      [{ complainantName: undefined }, 'input.complainantName'],
      [{ anonymous: true }, 'input.anonymous'],
      [{ complainantPhone: '12345' }, 'input.complainantPhone'],
      [{ summary: '太短' }, 'input.summary'],
      [{ receivedOn: '2999-01-01' }, 'input.receivedOn'],
      [{ jurisdictionCode: '1410' }, 'input.jurisdictionCode'],
    ];
    for (const [change, field] of cases) {
      const refused = failure(await attempt(township, 'receiveComplaint', aboutThePolice(change)));
      expect([refused.code, refused.field], field).toEqual(['BAD_USER_INPUT', field]);
    }
    const outside = failure(
      await attempt(township, 'receiveComplaint', aboutThePolice({ jurisdictionCode: '350582000000' })),
    );
    expect(outside.code).toBe('FORBIDDEN');
  });

  it('the supervision office sees who complained masked, reveals it for a purpose and the reveal is audited', async () => {
    const taken = await step(township, 'receiveComplaint', aboutThePolice());
    const seen = ok(await read(supervision, taken.id)).complaint;
    expect(seen.complainant).toEqual({ name: '张**', phone: '138****5678', revealed: false });
    const revealed = ok(
      await n.query(
        mutation('revealComplainant', 'complainant { name phone revealed }'),
        { input: { complaintId: taken.id, purpose: '电话回复核查结果' } },
        supervision,
      ),
    ).revealComplainant;
    expect(revealed.complainant).toEqual({ name: '张三丰', phone: '13812345678', revealed: true });
    const audit = await n.cases.orm.em
      .getConnection()
      .execute(`select action, purpose from cases_audit.audit_event where entity_id = ?`, [taken.id]);
    expect(audit).toEqual([{ action: 'REVEAL_COMPLAINANT', purpose: '电话回复核查结果' }]);
  });

  it('those complained about never learn who complained, and others outside the county do not learn it exists', async () => {
    const taken = await step(township, 'receiveComplaint', aboutThePolice());
    expect(ok(await read(policeAdmin, taken.id)).complaint.complainant).toBeNull();
    const reveal = await n.query(
      mutation('revealComplainant', 'complainant { name }'),
      { input: { complaintId: taken.id, purpose: '核实' } },
      policeAdmin,
    );
    expect(failure(reveal).code).toBe('FORBIDDEN');
    expect(failure(await read(elsewhere, taken.id)).code).toBe('NOT_FOUND');
    expect(failure(await read(township, taken.id)).code).toBe('NOT_FOUND');
    const listed = ok(
      await n.query(`{ complaints(first: 100) { totalCount nodes { id } } }`, {}, elsewhere),
    ).complaints;
    expect(listed.totalCount).toBe(0);
  });

  it('is verified by another organisation within the time limit, answered, and only then closed (件件有核实、事事有回音)', async () => {
    const taken = await step(township, 'receiveComplaint', aboutThePolice());
    const toPolice = failure(
      await attempt(supervision, 'assignComplaintVerification', {
        complaintId: taken.id,
        verifierOrganisationId: o.xiangfenPolice.id,
      }),
    );
    expect([toPolice.code, toPolice.field]).toEqual(['BAD_USER_INPUT', 'input.verifierOrganisationId']);
    const early = failure(
      await attempt(supervision, 'answerComplaint', {
        complaintId: taken.id,
        answerChannel: 'PHONE',
        answerText: '经核实，情况不属实，已电话告知',
      }),
    );
    expect(early.code).toBe('INVALID_STATE');
    const assigned = await step(supervision, 'assignComplaintVerification', {
      complaintId: taken.id,
      verifierOrganisationId: o.xinchengTownship.id,
    });
    expect(assigned.status).toBe('VERIFYING');
    expect(assigned.dueDate > new Date().toISOString().slice(0, 10)).toBe(true);
    // The township verifies: it reads the complaint, not who made it.
    const seen = ok(await read(township, taken.id)).complaint;
    expect(seen.complainant).toBeNull();
    const finding = {
      complaintId: taken.id,
      finding: 'PARTLY_SUBSTANTIATED',
      findingText: '经走访核实，派出所确有延误，已督促整改',
    };
    const verified = await step(township, 'recordComplaintFinding', finding);
    expect(verified.status).toBe('VERIFIED');
    expect((await step(township, 'recordComplaintFinding', finding)).version).toBe(verified.version);
    const notThere = failure(
      await attempt(supervision, 'answerComplaint', {
        complaintId: taken.id,
        answerChannel: 'PHONE',
        answerText: '经核实部分属实，已督促整改并电话告知',
        openReview: true,
      }),
    );
    expect([notThere.code, notThere.field]).toEqual(['BAD_USER_INPUT', 'input.openReview']);
    const answered = await step(supervision, 'answerComplaint', {
      complaintId: taken.id,
      answerChannel: 'PHONE',
      answerText: '经核实部分属实，已督促整改并电话告知',
    });
    expect(answered).toMatchObject({ status: 'ANSWERED', answerChannel: 'PHONE', reviewOpened: false });
  });

  it('opening a review of a benefit asks programmes first: a benefit it does not know leaves the complaint unanswered', async () => {
    const taken = await step(township, 'receiveComplaint', {
      ...aboutThePolice({ kind: 'WRONGLY_GRANTED', concernedOrganisationId: undefined }),
      concernedBenefitId: newId(),
      summary: '举报某户家中有车有房仍享受低保，属于错保',
    });
    await step(supervision, 'assignComplaintVerification', {
      complaintId: taken.id,
      verifierOrganisationId: o.xinchengTownship.id,
    });
    await step(township, 'recordComplaintFinding', {
      complaintId: taken.id,
      finding: 'SUBSTANTIATED',
      findingText: '经核对车辆登记信息，该户有小汽车一辆',
    });
    const refused = failure(
      await attempt(supervision, 'answerComplaint', {
        complaintId: taken.id,
        answerChannel: 'PHONE',
        answerText: '举报属实，已启动复核',
        openReview: true,
      }),
    );
    expect(refused.code).toBe('NOT_FOUND');
    expect(ok(await read(supervision, taken.id)).complaint.status).toBe('VERIFIED');
  });

  it('an anonymous complaint is answered publicly, never by phone', async () => {
    const taken = await step(township, 'receiveComplaint', {
      ...aboutThePolice({ anonymous: true, complainantName: undefined, complainantPhone: undefined }),
      kind: 'MISSED',
      concernedOrganisationId: undefined,
      summary: '匿名反映某村五保老人无人照看，未纳入特困供养',
    });
    expect(ok(await read(supervision, taken.id)).complaint.complainant).toBeNull();
    await step(supervision, 'assignComplaintVerification', {
      complaintId: taken.id,
      verifierOrganisationId: o.xinchengTownship.id,
    });
    await step(township, 'recordComplaintFinding', {
      complaintId: taken.id,
      finding: 'SUBSTANTIATED',
      findingText: '经核实该老人符合特困条件，已受理申请',
    });
    const byPhone = failure(
      await attempt(supervision, 'answerComplaint', {
        complaintId: taken.id,
        answerChannel: 'PHONE',
        answerText: '已受理该老人的特困供养申请',
      }),
    );
    expect([byPhone.code, byPhone.field]).toEqual(['BAD_USER_INPUT', 'input.answerChannel']);
    const answered = await step(supervision, 'answerComplaint', {
      complaintId: taken.id,
      answerChannel: 'PUBLIC_NOTICE',
      answerText: '已受理特困供养申请并在村务公开栏公示',
    });
    expect(answered.status).toBe('ANSWERED');
  });
});
