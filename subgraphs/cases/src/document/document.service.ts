import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import {
  assertId,
  badInput,
  can,
  createOnce,
  forbidden,
  invalidState,
  notFound,
  optionalText,
  previousCreate,
  requirePermission,
  shanghaiDate,
  recordAudit,
  type Principal,
} from '@doudi/shared';
import { CaseDocument, CaseDocumentKind, GENERATED_KINDS, UPLOADED_KINDS } from './document.entity.js';
import type { AttachCaseMaterialInput, GenerateCaseDocumentInput } from './document.inputs.js';
import { documentFont, renderLetter, type LetterLayout } from './document.pdf.js';
import {
  answerLetter,
  pushLetter,
  referralRequest,
  visitLetter,
  visitRecord,
  type Family,
  type LetterContext,
} from './document.letters.js';
import { checkUpload, decodeBase64, maxUploadBytes, sanitiseFileName } from './document.upload.js';
import { Case, CaseChannel, CaseStatus } from '../case/case.entity.js';
import { canSeeCase, oversees, readsSensitive, seesWholeCase, takesPartIn } from '../case/case.access.js';
import { lockCase } from '../case/case.step.js';
import { Referral, ReferralStatus } from '../referral/referral.entity.js';
import { Visit } from '../visit/visit.entity.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { namesOf, organisationKind } from '../remote/organisations.js';
import type { Context } from '../context.js';

const PUBLIC_SECURITY = 'PUBLIC_SECURITY';

const optionalId = (field: string, value: string | null | undefined) => (value ? assertId(field, value) : null);

/** The 文号 prefix of each numbered letter (救助走访 / 推送 / 函复); forms filled for the family have none. */
const NUMBER_PREFIX: Partial<Record<CaseDocumentKind, string>> = {
  [CaseDocumentKind.VISIT_LETTER]: '救走',
  [CaseDocumentKind.PUSH_LETTER]: '救推',
  [CaseDocumentKind.ANSWER_LETTER]: '救复',
};

const TITLES: Record<CaseDocumentKind, string> = {
  VISIT_LETTER: '山西省公安机关社会救助走访函',
  REFERRAL_REQUEST: '救助信息推送申请',
  PUSH_LETTER: '社会救助信息推送函',
  VISIT_RECORD: '走访记录',
  ANSWER_LETTER: '社会救助信息推送函复',
  SEALED_LETTER_SCAN: '盖章文书扫描件',
  CERTIFICATE: '证明材料',
  OTHER_MATERIAL: '案件材料',
};

// ---------------------------------------------------------------------------------------------------------------
// Who reads a document

/**
 * Whether the caller may read a document: those who read that part of the case. A referral's document — its push
 * letter, its answer, what was attached to it — goes with the referral (those who see the whole case, its sender and
 * its receiver); the answer also to its copies (抄送, 襄政办发〔2023〕26号 七(五): the station and the original handling
 * unit). A document of the case itself goes with the whole case, and for a judicial-assistance case also to the
 * organisations it was referred to (晋检发办字〔2023〕10号 第九条: 将国家司法救助案件材料……转交相应的社会救助管理部门).
 * Health facts only to those who may read them (and the organisation that made the document).
 */
export async function mayRead(ctx: Context, document: CaseDocument): Promise<boolean> {
  const { principal, loaders } = ctx;
  if (!can(principal, 'cases:read')) return false;
  const organisation = principal.organisationId;
  if (organisation !== null && document.copiedToOrganisationIds.includes(organisation)) return true;
  const found = await loaders.case.load(document.caseId);
  if (!found || !(await canSeeCase(principal, found, loaders))) return false;
  const ownOrganisation = organisation !== null && document.createdByOrganisationId === organisation;
  if (document.sensitive && !ownOrganisation && !readsSensitive(principal, found)) return false;
  if (seesWholeCase(principal, found) || ownOrganisation) return true;
  const referrals = await loaders.referralsByCase.load(found.id);
  if (document.referralId) {
    const referral = referrals.find((r) => r.id === document.referralId);
    return referral !== undefined && takesPartIn(principal, referral);
  }
  return (
    found.channel === CaseChannel.JUDICIAL_ASSISTANCE &&
    !document.sensitive &&
    referrals.some((r) => r.toOrganisationId === organisation)
  );
}

/** A document the caller may read; NOT_FOUND, as for an unknown id, when it may not (never tells it exists). */
export async function visibleDocument(ctx: Context, id: string, field = 'id'): Promise<CaseDocument> {
  requirePermission(ctx.principal, 'cases:read');
  const document = await ctx.loaders.caseDocument.load(assertId(field, id));
  if (!document || !(await mayRead(ctx, document))) throw notFound('CaseDocument', id);
  return document;
}

/** Of these documents, those the caller may read (a page's lists: the case and referrals come from loaders). */
export async function readable(ctx: Context, documents: CaseDocument[]): Promise<CaseDocument[]> {
  const allowed = await Promise.all(documents.map((d) => mayRead(ctx, d)));
  return documents.filter((_, i) => allowed[i]);
}

/** The bytes of a document (not loaded with its row). */
export async function contentOf(em: EntityManager, document: CaseDocument): Promise<Buffer> {
  const rows = await em
    .getConnection()
    .execute<{ content: Buffer }[]>('select content from case_document where id = ?', [document.id], 'all');
  return rows[0].content;
}

// ---------------------------------------------------------------------------------------------------------------
// Generating a letter

/** The case, or NOT_FOUND when it does not exist or the caller does not see it. */
async function reachableCase(ctx: Context, id: string): Promise<Case> {
  requirePermission(ctx.principal, 'cases:read');
  const found = await ctx.em.findOne(Case, { id }, { refresh: true });
  if (!found || !(await canSeeCase(ctx.principal, found, ctx.loaders))) throw notFound('Case', id);
  return found;
}

function assertNotArchived(found: Case) {
  if (found.status === CaseStatus.CLOSED) {
    throw invalidState(
      `Case ${found.id} was closed on ${found.closedOn} and its documents archived (归档): they are read-only`,
      { closedOn: found.closedOn },
    );
  }
}

function assertDeathCase(found: Case, kind: CaseDocumentKind) {
  if (found.channel !== CaseChannel.NON_NATURAL_DEATH) {
    throw invalidState(
      `${kind} is a letter of 襄政办发〔2023〕26号 for NON_NATURAL_DEATH cases; this case is ${found.channel}`,
      { channel: found.channel },
    );
  }
}

/** Parties of a step: the organisations named, or those overseeing the case, with cases:write. */
function assertActs(principal: Principal, found: Case, organisations: (string | null)[], what: string) {
  requirePermission(principal, 'cases:write');
  if (oversees(principal, found)) return;
  if (principal.organisationId && organisations.includes(principal.organisationId)) return;
  throw forbidden(`Only ${what} or those overseeing ${found.jurisdictionCode} may generate this letter`);
}

interface HouseholdAnswer {
  household: {
    address: string | null;
    members: {
      nodes: {
        id: string;
        name: string;
        sex: string;
        birthDate: string | null;
        relationshipToHead: string;
        idNumber: string | null;
        exitedOn: string | null;
      }[];
    };
  } | null;
}

/**
 * The family as the caller may read it from households (names, masked ID numbers); null when it may not (an agency's
 * staff without households:read): the letter then names no one. For the family's own application (附件3) the applicant's
 * ID number is shown in full, revealed through households' revealPersonalData — audited there with the purpose — when
 * the caller holds personal-data:reveal; masked otherwise.
 */
async function familyOf(
  ctx: Context,
  householdId: string,
  revealApplicant: string | null,
): Promise<{ family: Family | null; revealed: boolean }> {
  let data: HouseholdAnswer;
  try {
    data = await ctx.services.households<HouseholdAnswer>(
      `query($id: ID!) { household(id: $id) { address members(first: 100, includeExited: true) {
        nodes { id name sex birthDate relationshipToHead idNumber exitedOn } } } }`,
      { id: householdId },
      ctx.assertion,
    );
  } catch (error) {
    if (error instanceof GraphQLError && ['FORBIDDEN', 'NOT_FOUND'].includes(String(error.extensions?.code)))
      return { family: null, revealed: false };
    throw error;
  }
  if (!data.household) return { family: null, revealed: false };
  const members = data.household.members.nodes.map((m) => ({
    id: m.id,
    name: m.name,
    sex: m.sex,
    birthDate: m.birthDate,
    relationship: m.relationshipToHead,
    idNumber: m.idNumber,
    exited: m.exitedOn !== null,
  }));
  let revealed = false;
  const applicant = members.find((m) => !m.exited);
  if (revealApplicant && applicant && applicant.idNumber && can(ctx.principal, 'personal-data:reveal')) {
    try {
      const answer = await ctx.services.households<{ revealPersonalData: { value: string | null } }>(
        `mutation($input: RevealPersonalDataInput!) { revealPersonalData(input: $input) { value } }`,
        { input: { personId: applicant.id, field: 'ID_NUMBER', purpose: revealApplicant } },
        ctx.assertion,
      );
      if (answer.revealPersonalData.value) {
        applicant.idNumber = answer.revealPersonalData.value;
        revealed = true;
      }
    } catch (error) {
      // Not within the caller's reach for reveals: the form keeps the masked number.
      if (!(error instanceof GraphQLError && String(error.extensions?.code) === 'FORBIDDEN')) throw error;
    }
  }
  return { family: { address: data.household.address, members }, revealed };
}

/**
 * 七(五)'s copies of an answer: the station of the family's hukou place (a public-security organisation among those who
 * visited the family, other than the lead) and the original handling unit (the case's origin), if they are not the
 * answer's addressee.
 */
async function copiesOf(ctx: Context, found: Case, referral: Referral): Promise<string[]> {
  const visits = await ctx.em.find(Visit, { caseId: found.id }, { orderBy: { visitedOn: 'asc', id: 'asc' } });
  const visitors = [...new Set(visits.flatMap((v) => v.visitorOrganisationIds))].filter(
    (id) => id !== found.leadOrganisationId && id !== referral.fromOrganisationId && id !== referral.toOrganisationId,
  );
  const kinds = await Promise.all(visitors.map((id) => organisationKind(ctx, id).catch(() => null)));
  const stations = visitors.filter((_, i) => kinds[i] === PUBLIC_SECURITY);
  const origin =
    found.originOrganisationId &&
    ![referral.fromOrganisationId, referral.toOrganisationId].includes(found.originOrganisationId)
      ? [found.originOrganisationId]
      : [];
  return [...new Set([...stations, ...origin])];
}

interface Plan {
  kind: CaseDocumentKind;
  referral: Referral | null;
  visit: Visit | null;
  issuer: string;
  date: string;
  copies: string[];
  layout: (ctx: LetterContext) => LetterLayout;
  /** Whether the letter shows the family's names (an audited use of personal data). */
  personal: boolean;
  sensitive: boolean;
  reveal: boolean;
}

async function planLetter(ctx: Context, found: Case, input: GenerateCaseDocumentInput): Promise<Plan> {
  const { principal } = ctx;
  const kind = input.kind;
  const referralId = optionalId('input.referralId', input.referralId);
  const visitId = optionalId('input.visitId', input.visitId);
  const today = shanghaiDate();
  const sensitive = readsSensitive(principal, found);
  const needsVisit = kind === CaseDocumentKind.VISIT_RECORD || kind === CaseDocumentKind.REFERRAL_REQUEST;
  const needsReferral = kind === CaseDocumentKind.PUSH_LETTER || kind === CaseDocumentKind.ANSWER_LETTER;
  if (needsVisit && !visitId) throw badInput('input.visitId', `A ${kind} is made from a visit: name it`);
  if (!needsVisit && visitId) throw badInput('input.visitId', `A ${kind} is not made from a visit`);
  if (needsReferral && !referralId) throw badInput('input.referralId', `A ${kind} is made from a referral: name it`);
  if (!needsReferral && referralId) throw badInput('input.referralId', `A ${kind} is not made from a referral`);
  const base = { kind, referral: null, visit: null, copies: [], personal: true, sensitive: false, reveal: false };
  if (needsVisit) {
    const visit = await ctx.em.findOne(Visit, { id: visitId!, caseId: found.id });
    if (!visit) throw badInput('input.visitId', 'This case has no such visit');
    assertDeathCase(found, kind);
    assertActs(principal, found, [found.leadOrganisationId, ...visit.visitorOrganisationIds], 'the visitors, the lead');
    if (kind === CaseDocumentKind.REFERRAL_REQUEST) {
      if (!visit.referralRequested)
        throw invalidState('The family did not ask for its information to be pushed at this visit (救助信息推送申请)');
      return {
        ...base,
        visit,
        issuer: found.leadOrganisationId,
        date: visit.visitedOn,
        reveal: true,
        layout: (c) => referralRequest(c, visit, sensitive),
      };
    }
    return {
      ...base,
      visit,
      issuer: found.leadOrganisationId,
      date: visit.visitedOn,
      sensitive,
      layout: (c) => visitRecord(c, visit, sensitive),
    };
  }
  if (needsReferral) {
    const referral = await ctx.em.findOne(Referral, { id: referralId!, caseId: found.id }, { refresh: true });
    if (!referral || !(seesWholeCase(principal, found) || takesPartIn(principal, referral)))
      throw badInput('input.referralId', 'This case has no such referral');
    if (kind === CaseDocumentKind.PUSH_LETTER) {
      assertDeathCase(found, kind);
      assertActs(principal, found, [referral.fromOrganisationId], 'the sending lead department');
      return {
        ...base,
        referral,
        issuer: referral.fromOrganisationId,
        date: referral.sentOn,
        layout: (c) => pushLetter(c, referral),
      };
    }
    const answered = referral.answeredOn !== null || referral.declinedOn !== null;
    if (
      ![ReferralStatus.ANSWERED, ReferralStatus.DECLINED, ReferralStatus.RECEIPTED].includes(referral.status) ||
      !answered
    ) {
      throw invalidState(
        `A referral that is ${referral.status} has no written answer yet; answer or decline it first`,
        {
          status: referral.status,
        },
      );
    }
    assertActs(
      principal,
      found,
      [referral.toOrganisationId, referral.fromOrganisationId],
      'the receiver or the sender',
    );
    const copies = await copiesOf(ctx, found, referral);
    return {
      ...base,
      referral,
      issuer: referral.toOrganisationId,
      copies,
      personal: false,
      date: referral.answeredOn ?? referral.declinedOn ?? today,
      layout: (c) =>
        answerLetter(
          c,
          referral,
          copies.map((id) => c.names.get(id) ?? id),
        ),
    };
  }
  assertDeathCase(found, kind);
  assertActs(principal, found, [found.originOrganisationId, found.leadOrganisationId], 'the handling unit, the lead');
  return {
    ...base,
    issuer: found.originOrganisationId ?? found.leadOrganisationId,
    date: found.receivedOn,
    layout: (c) => visitLetter(c),
  };
}

/** The letter already made for this (kind, case, referral or visit): a letter is issued once, with one number. */
async function issuedBefore(em: EntityManager, caseId: string, plan: Plan): Promise<CaseDocument | null> {
  return em.findOne(CaseDocument, {
    caseId,
    kind: plan.kind,
    generated: true,
    referralId: plan.referral?.id ?? null,
    visitId: plan.visit?.id ?? null,
  });
}

/** The next number of an organisation's letters in a year, under the counter row's lock. */
async function nextNumber(tx: EntityManager, organisationId: string, year: number): Promise<number> {
  const [row] = await tx.getConnection().execute<{ last: number }[]>(
    `insert into document_number_counter (organisation_id, year, last) values (?, ?, 1)
     on conflict (organisation_id, year) do update set last = document_number_counter.last + 1 returning last`,
    [organisationId, year],
    'all',
    tx.getTransactionContext(),
  );
  return row.last;
}

const loadDocument = async (em: EntityManager, id: string) => (await em.findOne(CaseDocument, { id }))!;

/**
 * Generates one of the letters of 襄政办发〔2023〕26号 (附件2–5) or a referral's written answer (七(五)) as PDF from the
 * case's records, numbered (文号) per issuing organisation and year, stored with the case and listed on its timeline.
 * One letter per kind and case, visit or referral: generating it again answers the same document. A letter that shows
 * the family's names is a use of personal data for a stated purpose, written to cases' audit log in the same
 * transaction.
 */
export async function generateCaseDocument(ctx: Context, input: GenerateCaseDocumentInput): Promise<CaseDocument> {
  const caseId = assertId('input.caseId', input.caseId);
  if (!GENERATED_KINDS.includes(input.kind))
    throw badInput('input.kind', `${input.kind} is uploaded (attachCaseMaterial), not generated`);
  const purpose =
    optionalText('input.purpose', input.purpose, 200, 'A purpose', true) ??
    `生成${TITLES[input.kind]}（襄政办发〔2023〕26号）`;
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'generateCaseDocument', idempotencyKey, sent);
  if (previous) return loadDocument(ctx.em, previous);
  const found = await reachableCase(ctx, caseId);
  assertNotArchived(found);
  const plan = await planLetter(ctx, found, input);
  const existing = await issuedBefore(ctx.em, caseId, plan);
  if (existing) return existing;
  const font = documentFont();
  const names = await namesOf(ctx, {
    organisationIds: [
      found.leadOrganisationId,
      found.originOrganisationId,
      plan.issuer,
      plan.referral?.fromOrganisationId,
      plan.referral?.toOrganisationId,
      ...(plan.visit?.visitorOrganisationIds ?? []),
      ...plan.copies,
    ].filter((id): id is string => !!id),
  });
  const { family, revealed } = plan.personal
    ? await familyOf(ctx, found.householdId, plan.reveal ? purpose : null)
    : { family: null, revealed: false };
  return createOnce(
    ctx.em,
    'generateCaseDocument',
    idempotencyKey,
    sent,
    async (tx) => {
      const locked = await lockCase(tx, caseId);
      assertNotArchived(locked);
      const again = await issuedBefore(tx, caseId, plan);
      if (again) return again;
      const year = Number(plan.date.slice(0, 4));
      const prefix = NUMBER_PREFIX[plan.kind];
      const number = prefix ? `${prefix}〔${year}〕${await nextNumber(tx, plan.issuer, year)}号` : null;
      const layout = plan.layout({ found: locked, number, date: plan.date, names, family });
      const content = await renderLetter(layout, font, { subject: `${plan.kind} ${caseId}` });
      const document = Object.assign(new CaseDocument(), {
        caseId,
        referralId: plan.referral?.id ?? null,
        visitId: plan.visit?.id ?? null,
        kind: plan.kind,
        title: layout.title,
        documentNumber: number,
        issuingOrganisationId: plan.issuer,
        fileName: `${layout.title}${number ? `（${number}）` : ''}.pdf`,
        mediaType: 'application/pdf',
        byteLength: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content,
        generated: true,
        sensitive:
          plan.sensitive && plan.visit?.findings.some((f) => ['MEDICAL', 'MENTAL_HEALTH'].includes(f.area)) === true,
        copiedToOrganisationIds: plan.copies,
        createdById: ctx.principal.id,
        createdByOrganisationId: ctx.principal.organisationId,
      });
      tx.persist(document);
      recordEvent(tx, ctx.principal, {
        caseId,
        kind: 'DOCUMENT_GENERATED',
        on: shanghaiDate(),
        summary: `${layout.title}${number ? ` ${number}` : ''} generated${
          plan.copies.length ? `, copied to ${plan.copies.length} organisation(s) (抄送)` : ''
        }`,
        referralId: plan.referral?.id ?? null,
        documentId: document.id,
      });
      if (family) {
        await recordAudit(tx, 'cases', ctx.principal, {
          action: 'DOCUMENT_PERSONAL_DATA',
          entityType: 'CaseDocument',
          entityId: document.id,
          purpose,
          detail: { caseId, kind: plan.kind, members: family.members.length, idNumberInFull: revealed },
        });
      }
      return document;
    },
    loadDocument,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Attaching material

/**
 * Attaches an uploaded material to a case or one of its referrals: PDF, JPEG or PNG as the bytes say, at most
 * DOCUMENT_MAX_UPLOAD_BYTES, a PDF without active content, the name sanitised. Those who read that part of the case
 * and may write attach; never to a closed (archived) case.
 */
export async function attachCaseMaterial(ctx: Context, input: AttachCaseMaterialInput): Promise<CaseDocument> {
  const caseId = assertId('input.caseId', input.caseId);
  const referralId = optionalId('input.referralId', input.referralId);
  if (!UPLOADED_KINDS.includes(input.kind))
    throw badInput('input.kind', `${input.kind} is generated (generateCaseDocument), not uploaded`);
  const description = optionalText('input.description', input.description, 200, 'A description', true);
  if (typeof input.fileName !== 'string' || input.fileName.length > 255)
    throw badInput('input.fileName', 'A file name is at most 255 characters');
  const { idempotencyKey, ...sent } = input;
  const previous = await previousCreate(ctx.em, 'attachCaseMaterial', idempotencyKey, sent);
  if (previous) return loadDocument(ctx.em, previous);
  const found = await reachableCase(ctx, caseId);
  requirePermission(ctx.principal, 'cases:write');
  let referral: Referral | null = null;
  if (referralId) {
    referral = await ctx.em.findOne(Referral, { id: referralId, caseId });
    if (!referral || !(seesWholeCase(ctx.principal, found) || takesPartIn(ctx.principal, referral)))
      throw badInput('input.referralId', 'This case has no such referral');
  } else if (!seesWholeCase(ctx.principal, found)) {
    throw forbidden(
      'Only the case’s parties and overseers attach material to the case itself; attach it to your referral',
    );
  }
  assertNotArchived(found);
  const bytes = decodeBase64(input.contentBase64, maxUploadBytes());
  const type = await checkUpload(bytes);
  const fileName = sanitiseFileName(input.fileName, type);
  return createOnce(
    ctx.em,
    'attachCaseMaterial',
    idempotencyKey,
    sent,
    async (tx) => {
      const locked = await lockCase(tx, caseId);
      assertNotArchived(locked);
      const document = Object.assign(new CaseDocument(), {
        caseId,
        referralId: referral?.id ?? null,
        kind: input.kind,
        title: description ?? TITLES[input.kind],
        issuingOrganisationId: ctx.principal.organisationId,
        fileName,
        mediaType: type,
        byteLength: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
        generated: false,
        createdById: ctx.principal.id,
        createdByOrganisationId: ctx.principal.organisationId,
      });
      tx.persist(document);
      recordEvent(tx, ctx.principal, {
        caseId,
        kind: 'MATERIAL_ATTACHED',
        on: shanghaiDate(),
        summary: `${TITLES[input.kind]} attached: ${fileName} (${type}, ${bytes.length} bytes)`,
        referralId: referral?.id ?? null,
        documentId: document.id,
      });
      return document;
    },
    loadDocument,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Archiving

/**
 * 归档 (晋检发办字〔2023〕10号 第二十四条: 对相关救助材料予以归档; 襄政办发〔2023〕26号 七(五): 原件由牵头部门统一归档管理): when the
 * case is closed, in the closing's transaction, its documents are marked archived; nothing is attached or generated
 * after (INVALID_STATE).
 */
export async function archiveCaseDocuments(tx: EntityManager, caseId: string): Promise<number> {
  return tx.nativeUpdate(CaseDocument, { caseId, archivedAt: null }, { archivedAt: new Date() });
}
