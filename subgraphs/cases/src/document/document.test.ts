import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { type Principal } from '@doudi/shared';
import * as demo from '@doudi/shared/demo';
import {
  SIX_AREAS,
  failure,
  mutation,
  ok,
  people,
  staffOf,
  startCasesWithNeighbours,
  type Neighbourhood,
} from '../test-support.js';
import { chineseDate } from './document.pdf.js';
import { sanitiseFileName } from './document.upload.js';

/** The letters of 襄政办发〔2023〕26号 (附件2–5, 七(五)) generated from a death case, uploads, and archiving (归档). */
let n: Neighbourhood;
const o = demo.organisations;
const family = demo.households[0];
type Data = Record<string, any>;
let caseId: string;
let visitId: string;
let referral: Data;
let station: Principal;
let stationId: string;
let handlingUnitId: string;

const DOC = `id kind title documentNumber fileName mediaType byteLength sha256 generated sensitive archivedAt downloadUrl
  contentBase64 copiedTo { id } issuingOrganisation { id }`;
const generate = (input: Data, principal = people.police) =>
  n.query(mutation('generateCaseDocument', `document { ${DOC} }`), { input }, principal);
const attach = (input: Data, principal = people.police) =>
  n.query(mutation('attachCaseMaterial', `document { ${DOC} }`), { input }, principal);
const readDocument = (id: string, principal: Principal) =>
  n.query(`query($id: ID!) { caseDocument(id: $id) { ${DOC} case { id } } }`, { id }, principal);

async function textOf(base64: string): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(Buffer.from(base64, 'base64')));
  // Lines are joined: a long title wraps.
  return ((await extractText(pdf, { mergePages: true })).text as string).replace(/\n/g, '');
}

async function organisation(name: string, jurisdictionCode: string): Promise<string> {
  const created = await n.organisations.query(
    `mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }`,
    { input: { name, kind: 'PUBLIC_SECURITY', jurisdictionCode } },
  );
  return ok(created).createOrganisation.organisation.id;
}

beforeAll(async () => {
  n = await startCasesWithNeighbours();
  stationId = await organisation('襄汾县公安局新城派出所', '141023100000');
  handlingUnitId = await organisation('临汾市公安局交通警察支队', '141000000000');
  station = staffOf(stationId, '141023100000', 'AGENCY_STAFF');
  const opened = await n.query(
    mutation('openCase', 'case { id version }'),
    {
      input: {
        channel: 'NON_NATURAL_DEATH',
        householdId: family.id,
        jurisdictionCode: '141023000000',
        leadOrganisationId: o.xiangfenPolice.id,
        originOrganisationId: handlingUnitId,
        summary: '户主交通事故死亡',
        receivedOn: '2026-09-30',
      },
    },
    people.police,
  );
  caseId = ok(opened).openCase.case.id;
  visitId = ok(
    await n.query(
      mutation('recordVisit', 'visit { id }'),
      {
        input: {
          caseId,
          visitedOn: '2026-10-09',
          visitorOrganisationIds: [stationId],
          findings: SIX_AREAS,
          referralRequested: true,
          requestedKinds: ['SOCIAL_ASSISTANCE', 'EDUCATION_AID'],
        },
      },
      people.police,
    ),
  ).recordVisit.visit.id;
  referral = ok(
    await n.query(
      mutation('createReferral', 'referral { id version }'),
      {
        input: {
          caseId,
          fromOrganisationId: o.xiangfenPolice.id,
          toOrganisationId: o.xiangfenCivilAffairs.id,
          kind: 'SOCIAL_ASSISTANCE',
          requestedMeasures: ['核实家庭情况，按政策给予临时救助'],
          sentOn: '2026-10-20',
        },
      },
      people.police,
    ),
  ).createReferral.referral;
});
afterAll(() => n?.stop());

describe('the letters of 襄政办发〔2023〕26号 generated as PDF', () => {
  it('writes dates as official documents do (二〇二六年十一月二十八日)', () => {
    expect(chineseDate('2026-11-28')).toBe('二〇二六年十一月二十八日');
    expect(chineseDate('2026-10-09')).toBe('二〇二六年十月九日');
    expect(chineseDate('2027-01-31')).toBe('二〇二七年一月三十一日');
  });

  it('附件2: the visit letter names the lead bureau, the handling unit, its 文号 and the date in Chinese', async () => {
    const document = ok(await generate({ caseId, kind: 'VISIT_LETTER' })).generateCaseDocument.document;
    expect(document).toMatchObject({ kind: 'VISIT_LETTER', mediaType: 'application/pdf', generated: true });
    expect(document.documentNumber).toBe('救走〔2026〕1号');
    const text = await textOf(document.contentBase64);
    expect(text).toContain('山西省公安机关社会救助走访函');
    expect(text).toContain('救走〔2026〕1号');
    expect(text).toContain('襄汾县公安局');
    expect(text).toContain('临汾市公安局交通警察支队');
    expect(text).toContain('3个工作日内');
    expect(text).toContain('二〇二六年九月三十日');
  });

  it('附件3 and 附件5: the family’s request and the visit record, from the visit', async () => {
    const request = ok(await generate({ caseId, kind: 'REFERRAL_REQUEST', visitId })).generateCaseDocument.document;
    const requestText = await textOf(request.contentBase64);
    expect(requestText).toContain('救助信息推送申请');
    expect(requestText).toContain('教育救助');
    expect(requestText).toContain('二〇二六年十月九日');
    // Police desk staff may not reveal ID numbers: the applicant's is masked.
    expect(requestText).toMatch(/王秀兰.*141023\*{8}/);
    const record = ok(await generate({ caseId, kind: 'VISIT_RECORD', visitId })).generateCaseDocument.document;
    const recordText = await textOf(record.contentBase64);
    expect(recordText).toContain('走访记录');
    expect(recordText).toContain('襄汾县公安局新城派出所');
    expect(recordText).toContain('儿子在读初二');
    // Police desk staff may not read health facts: the medical finding is not in their record.
    expect(recordText).not.toContain('透析');
    expect(record.sensitive).toBe(false);
  });

  it('answers SERVICE_UNAVAILABLE naming fonts-noto-cjk when the font has no Chinese characters, and stores nothing', async () => {
    const before = process.env.DOCUMENT_FONT;
    process.env.DOCUMENT_FONT = 'DejaVu Sans';
    try {
      const result = await generate({ caseId, kind: 'PUSH_LETTER', referralId: referral.id });
      expect(failure(result)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'cases' });
      expect(result.errors![0].message).toContain('fonts-noto-cjk');
      process.env.DOCUMENT_FONT = '/nowhere/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular';
      expect(failure(await generate({ caseId, kind: 'PUSH_LETTER', referralId: referral.id })).code).toBe(
        'SERVICE_UNAVAILABLE',
      );
    } finally {
      if (before === undefined) delete process.env.DOCUMENT_FONT;
      else process.env.DOCUMENT_FONT = before;
    }
    const { documents } = ok(
      await n.query(`query($id: ID!) { referral(id: $id) { documents { id } } }`, { id: referral.id }, people.police),
    ).referral;
    expect(documents).toEqual([]);
  });

  it('附件4: the push letter is issued by the bureau, says where its seal goes and asks for an answer within a month', async () => {
    const document = ok(await generate({ caseId, kind: 'PUSH_LETTER', referralId: referral.id })).generateCaseDocument
      .document;
    const text = await textOf(document.contentBase64);
    expect(text).toContain('社会救助信息推送函');
    expect(text).toContain('襄汾县民政局');
    expect(text).toContain('核实家庭情况，按政策给予临时救助');
    expect(text).toContain('1个月内');
    expect(text).toContain('电子印章');
    // The bureau's first number of the year: the visit letter was the handling unit's.
    expect(document.documentNumber).toBe('救推〔2026〕1号');
    expect(document.issuingOrganisation.id).toBe(o.xiangfenPolice.id);
  });

  it('七(五): an answer letter only for an answered referral (INVALID_STATE before)', async () => {
    const early = await generate({ caseId, kind: 'ANSWER_LETTER', referralId: referral.id }, people.civilAffairs);
    expect(failure(early).code).toBe('INVALID_STATE');
  });

  it('七(五): the written answer lists the measures taken and its copies to the station and the handling unit, who read it', async () => {
    ok(
      await n.query(
        mutation('answerReferral', 'referral { id status }'),
        {
          input: {
            referralId: referral.id,
            version: referral.version,
            answeredOn: '2026-11-02',
            measuresTaken: ['已纳入临时救助，发放救助金3000元', '拟将其子纳入教育救助'],
          },
        },
        people.civilAffairs,
      ),
    );
    const input = { caseId, kind: 'ANSWER_LETTER', referralId: referral.id, idempotencyKey: 'answer-letter-0001' };
    const document = ok(await generate(input, people.civilAffairs)).generateCaseDocument.document;
    const text = await textOf(document.contentBase64);
    expect(text).toContain('已纳入临时救助，发放救助金3000元');
    expect(text).toContain('拟将其子纳入教育救助');
    expect(text).toContain('救复〔2026〕1号');
    expect(text).toContain('二〇二六年十一月二日');
    expect(text).toMatch(/抄送：襄汾县公安局新城派出所，临汾市公安局交通警察支队/);
    expect(document.copiedTo.map((c: Data) => c.id).sort()).toEqual([stationId, handlingUnitId].sort());
    // The station takes no part in the case, yet reads the copy: the document, not the case.
    const copy = ok(await readDocument(document.id, station)).caseDocument;
    expect(copy.id).toBe(document.id);
    expect(copy.case).toBeNull();
    // The sender reads it too; a retried generation (same key, or none) is the same document.
    expect(ok(await readDocument(document.id, people.police)).caseDocument.id).toBe(document.id);
    const again = ok(await generate(input, people.civilAffairs)).generateCaseDocument.document;
    const plain = ok(await generate({ ...input, idempotencyKey: undefined }, people.police)).generateCaseDocument
      .document;
    expect([again.id, plain.id]).toEqual([document.id, document.id]);
    const listed = ok(
      await n.query(
        `query($id: ID!) { referral(id: $id) { documents { id kind } } }`,
        { id: referral.id },
        people.police,
      ),
    ).referral.documents;
    expect(listed.filter((d: Data) => d.kind === 'ANSWER_LETTER')).toHaveLength(1);
  });

  it('answers NOT_FOUND to a caller outside the case’s reach, as for a document that does not exist', async () => {
    const { documents } = ok(
      await n.query(`query($id: ID!) { case(id: $id) { documents { id kind } } }`, { id: caseId }, people.police),
    ).case;
    expect(documents.map((d: Data) => d.kind)).toEqual(
      expect.arrayContaining(['VISIT_LETTER', 'REFERRAL_REQUEST', 'VISIT_RECORD', 'PUSH_LETTER', 'ANSWER_LETTER']),
    );
    const elsewhere = await readDocument(documents[0].id, people.jinjiangCivilAffairs);
    expect(failure(elsewhere).code).toBe('NOT_FOUND');
    const missing = await readDocument('019a0000-0000-7000-8000-0000000fffff', people.jinjiangCivilAffairs);
    expect(failure(missing).code).toBe('NOT_FOUND');
    expect(failure(await generate({ caseId, kind: 'VISIT_LETTER' }, people.jinjiangCivilAffairs)).code).toBe(
      'NOT_FOUND',
    );
    // Education takes no part: it reads neither the case's letters nor the referral's.
    expect(failure(await readDocument(documents[0].id, people.education)).code).toBe('NOT_FOUND');
  });

  it('lists each generated letter and attachment on the case’s timeline', async () => {
    const timeline = ok(
      await n.query(
        `query($id: ID!) { case(id: $id) { timeline { kind summary document { id kind } } } }`,
        { id: caseId },
        people.police,
      ),
    ).case.timeline as Data[];
    const generated = timeline.filter((e) => e.kind === 'DOCUMENT_GENERATED');
    expect(generated.length).toBeGreaterThanOrEqual(5);
    expect(generated.map((e) => e.summary).join('\n')).toContain('救复〔2026〕1号');
    // Each entry links its document.
    expect(new Set(generated.map((e) => e.document?.kind))).toEqual(
      new Set(['VISIT_LETTER', 'REFERRAL_REQUEST', 'VISIT_RECORD', 'PUSH_LETTER', 'ANSWER_LETTER']),
    );
  });
});

const JPEG = Buffer.concat([
  Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00,
  ]),
  Buffer.alloc(64, 0x11),
  Buffer.from([0xff, 0xd9]),
]);
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const plainPdf = (extra = '') =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R ${extra}>>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );

describe('materials attached to a case (type sniffed, no active content, size-limited)', () => {
  it('keeps a JPEG sent as “letter.pdf” as the JPEG its bytes say, with a sanitised name', async () => {
    const document = ok(
      await attach({
        caseId,
        kind: 'SEALED_LETTER_SCAN',
        fileName: '../../etc/回执:扫描?.pdf',
        contentBase64: JPEG.toString('base64'),
        idempotencyKey: 'scan-upload-0001',
      }),
    ).attachCaseMaterial.document;
    expect(document).toMatchObject({ mediaType: 'image/jpeg', fileName: '回执扫描.jpg', generated: false });
    expect(Buffer.from(document.contentBase64, 'base64').equals(JPEG)).toBe(true);
    const again = ok(
      await attach({
        caseId,
        kind: 'SEALED_LETTER_SCAN',
        fileName: '../../etc/回执:扫描?.pdf',
        contentBase64: JPEG.toString('base64'),
        idempotencyKey: 'scan-upload-0001',
      }),
    ).attachCaseMaterial.document;
    expect(again.id).toBe(document.id);
    const png = ok(
      await attach({ caseId, referralId: referral.id, kind: 'CERTIFICATE', fileName: 'cert', contentBase64: PNG }),
    ).attachCaseMaterial.document;
    expect(png).toMatchObject({ mediaType: 'image/png', fileName: 'cert.png' });
  });

  it('refuses what is not PDF, JPEG or PNG whatever its name says', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>').toString('base64');
    const result = await attach({ caseId, kind: 'OTHER_MATERIAL', fileName: 'scan.pdf', contentBase64: html });
    expect(failure(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contentBase64' });
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(40)]).toString('base64');
    expect(failure(await attach({ caseId, kind: 'OTHER_MATERIAL', fileName: 'a.png', contentBase64: zip })).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('refuses a PDF with /JavaScript, a launch action or an embedded file (also behind #-escaped names), keeps a plain one', async () => {
    const attempts = [
      plainPdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >> '),
      plainPdf('/Names << /J#61vaScript 3 0 R >> '),
      plainPdf('/OpenAction << /S /Launch /F (cmd.exe) >> '),
      plainPdf('/Names << /EmbeddedFiles 4 0 R >> '),
      plainPdf('/AA << /O 5 0 R >> '),
    ];
    for (const pdf of attempts) {
      const result = await attach({
        caseId,
        kind: 'OTHER_MATERIAL',
        fileName: 'x.pdf',
        contentBase64: pdf.toString('base64'),
      });
      expect(failure(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contentBase64' });
      expect(failure(result).activeContent).toBeTruthy();
    }
    const kept = ok(
      await attach({ caseId, kind: 'CERTIFICATE', fileName: '证明.PDF', contentBase64: plainPdf().toString('base64') }),
    ).attachCaseMaterial.document;
    expect(kept).toMatchObject({ mediaType: 'application/pdf', fileName: '证明.pdf' });
  });

  it('refuses a file over DOCUMENT_MAX_UPLOAD_BYTES with LIMIT_EXCEEDED', async () => {
    const before = process.env.DOCUMENT_MAX_UPLOAD_BYTES;
    process.env.DOCUMENT_MAX_UPLOAD_BYTES = '1024';
    try {
      const big = Buffer.concat([JPEG.subarray(0, 20), Buffer.alloc(2048, 0x22), Buffer.from([0xff, 0xd9])]);
      const result = await attach({
        caseId,
        kind: 'CERTIFICATE',
        fileName: 'big.jpg',
        contentBase64: big.toString('base64'),
      });
      expect(failure(result)).toMatchObject({ code: 'LIMIT_EXCEEDED', field: 'input.contentBase64' });
    } finally {
      if (before === undefined) delete process.env.DOCUMENT_MAX_UPLOAD_BYTES;
      else process.env.DOCUMENT_MAX_UPLOAD_BYTES = before;
    }
  });

  it('sanitises names: no path, no control or reserved characters, the extension of the type found', () => {
    expect(sanitiseFileName('C:\\scans\\a<b>.exe', 'image/png')).toBe('ab.png');
    expect(sanitiseFileName('...', 'application/pdf')).toBe('材料.pdf');
  });
});

describe('personal data in the letters', () => {
  const admin = staffOf(o.xiangfenCivilAffairs.id, '141023000000', 'JURISDICTION_ADMIN');
  let otherCase: string;
  let otherVisit: string;
  it('shows the applicant’s ID number in full on the family’s own application (附件3) only to one who may reveal it, audited in both logs', async () => {
    const other = ok(
      await n.query(
        mutation('openCase', 'case { id }'),
        {
          input: {
            channel: 'NON_NATURAL_DEATH',
            householdId: family.id,
            jurisdictionCode: '141023000000',
            leadOrganisationId: o.xiangfenPolice.id,
            summary: '家庭成员溺水死亡',
            receivedOn: '2026-10-01',
          },
        },
        people.police,
      ),
    ).openCase.case.id;
    const visit = ok(
      await n.query(
        mutation('recordVisit', 'visit { id }'),
        {
          input: {
            caseId: other,
            visitedOn: '2026-10-03',
            visitorOrganisationIds: [stationId],
            findings: SIX_AREAS,
            referralRequested: true,
          },
        },
        people.police,
      ),
    ).recordVisit.visit.id;
    [otherCase, otherVisit] = [other, visit];
    const purpose = '协助家属填写救助信息推送申请';
    const document = ok(await generate({ caseId: other, kind: 'REFERRAL_REQUEST', visitId: visit, purpose }, admin))
      .generateCaseDocument.document;
    expect(await textOf(document.contentBase64)).toMatch(/王秀兰.*14102319790314\d{3}[\dX]/);
    const [cases] = await n.cases.orm.em
      .fork()
      .getConnection()
      .execute(
        `select purpose, detail from cases_audit.audit_event where action = 'DOCUMENT_PERSONAL_DATA' and entity_id = ?`,
        [document.id],
      );
    expect(cases).toMatchObject({ purpose, detail: { kind: 'REFERRAL_REQUEST', idNumberInFull: true } });
    const [households] = await n.households.orm.em
      .fork()
      .getConnection()
      .execute(`select purpose from households_audit.audit_event where action = 'REVEAL_ID_NUMBER' and purpose = ?`, [
        purpose,
      ]);
    expect(households).toEqual({ purpose });
  });

  it('keeps a visit record holding health facts for those who may read them (and the organisation that made it)', async () => {
    const record = ok(await generate({ caseId: otherCase, kind: 'VISIT_RECORD', visitId: otherVisit }, admin))
      .generateCaseDocument.document;
    expect(record.sensitive).toBe(true);
    expect(await textOf(record.contentBase64)).toContain('母亲患慢性肾病，需长期透析');
    // The police lead sees the whole case but not its health facts: neither listed nor read.
    expect(failure(await readDocument(record.id, people.police)).code).toBe('NOT_FOUND');
    const listed = ok(
      await n.query(`query($id: ID!) { case(id: $id) { documents { id } } }`, { id: otherCase }, people.police),
    ).case.documents.map((d: Data) => d.id);
    expect(listed).not.toContain(record.id);
    expect(ok(await readDocument(record.id, people.xinchengCaseworker)).caseDocument.id).toBe(record.id);
  });
});

describe('case materials transferred with a judicial-assistance referral (晋检发办字〔2023〕10号 第九条)', () => {
  it('lists the case’s materials for the organisation it was referred to, and for no one else', async () => {
    const judicial = ok(
      await n.query(
        mutation('openCase', 'case { id }'),
        {
          input: {
            channel: 'JUDICIAL_ASSISTANCE',
            householdId: demo.households[1].id,
            jurisdictionCode: '350582000000',
            leadOrganisationId: o.jinjiangProcuratorate.id,
            summary: '被害人重伤，加害人无赔偿能力',
            receivedOn: '2026-09-21',
          },
        },
        people.procurator,
      ),
    ).openCase.case.id;
    const material = ok(
      await attach(
        {
          caseId: judicial,
          kind: 'OTHER_MATERIAL',
          fileName: '司法救助调查材料.pdf',
          contentBase64: plainPdf().toString('base64'),
        },
        people.procurator,
      ),
    ).attachCaseMaterial.document;
    const listed = async (principal: Principal) =>
      ok(await n.query(`query($id: ID!) { case(id: $id) { documents { id } } }`, { id: judicial }, principal)).case;
    // Not yet referred: civil affairs does not see the case, nor the material.
    expect(failure(await readDocument(material.id, people.jinjiangCivilAffairs)).code).toBe('NOT_FOUND');
    ok(
      await n.query(
        mutation('createReferral', 'referral { id }'),
        {
          input: {
            caseId: judicial,
            fromOrganisationId: o.jinjiangProcuratorate.id,
            toOrganisationId: o.jinjiangCivilAffairs.id,
            kind: 'SOCIAL_ASSISTANCE',
            sentOn: '2026-09-24',
            early: { reason: '当事人住院，家中无收入' },
          },
        },
        people.procurator,
      ),
    );
    expect((await listed(people.jinjiangCivilAffairs)).documents.map((d: Data) => d.id)).toEqual([material.id]);
    expect(ok(await readDocument(material.id, people.jinjiangCivilAffairs)).caseDocument.id).toBe(material.id);
    expect(failure(await readDocument(material.id, people.womensFederation)).code).toBe('NOT_FOUND');
  });
});

describe('archiving (归档) with the case', () => {
  it('marks the documents archived when the case closes and refuses attachments and letters after', async () => {
    const found = ok(
      await n.query(`query($id: ID!) { case(id: $id) { version } }`, { id: caseId }, people.police),
    ).case;
    ok(
      await n.query(
        mutation('closeCase', 'case { id status }'),
        { input: { caseId, version: found.version, reason: '救助措施已落实，结案归档' } },
        people.police,
      ),
    );
    const { documents } = ok(
      await n.query(`query($id: ID!) { case(id: $id) { documents { id archivedAt } } }`, { id: caseId }, people.police),
    ).case;
    expect(documents.length).toBeGreaterThan(0);
    expect(documents.every((d: Data) => d.archivedAt !== null)).toBe(true);
    const late = await attach({ caseId, kind: 'CERTIFICATE', fileName: 'late.png', contentBase64: PNG });
    expect(failure(late).code).toBe('INVALID_STATE');
    expect(failure(await generate({ caseId, kind: 'VISIT_RECORD', visitId })).code).toBe('INVALID_STATE');
  });
});
