import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import {
  assertId,
  assertJurisdictionCode,
  assertVersion,
  badInput,
  can,
  createOnce,
  forbidden,
  invalidState,
  listScope,
  maskName,
  maskPhone,
  normalisePhone,
  notFound,
  pageWindow,
  pastDate,
  recordAudit,
  requiredPlainText,
  requirePermission,
  shanghaiDate,
  subtreeOf,
  toConnection,
  type PersonalDataVault,
} from '@doudi/shared';
import { canSeeCase } from '../case/case.access.js';
import { DeadlineRule } from '../deadline/deadline.rules.js';
import { requestDeadlines } from '../deadline/deadline.service.js';
import { recordEvent } from '../timeline/timeline.service.js';
import { flagBenefitForReview } from '../remote/programmes.js';
import type { Context } from '../context.js';
import { Complaint } from './complaint.entity.js';
import { AnswerChannel, ComplaintFinding, ComplaintStatus } from './complaint.enums.js';
import {
  assertReadsComplainant,
  concernedOrganisations,
  handles,
  seesComplaint,
  verifies,
} from './complaint.access.js';
import type {
  AnswerComplaintInput,
  AssignComplaintVerificationInput,
  ComplaintsArgs,
  ReceiveComplaintInput,
  RecordComplaintFindingInput,
} from './complaint.inputs.js';

/** Doudi's floor for what a complaint, finding or answer says: fewer than 10 characters says nothing checkable. */
const NOT_BEFORE_TEXT = 10;
const text = (field: string, value: string, what: string) => {
  const clean = requiredPlainText(field, value, 4000, what, true);
  if (clean.length < NOT_BEFORE_TEXT) throw badInput(field, `${what} needs at least ${NOT_BEFORE_TEXT} characters`);
  return clean;
};

/** Unknown and out of reach read the same: a complaint's existence is itself confidential. */
export async function getComplaint(ctx: Context, id: string, field = 'complaintId'): Promise<Complaint> {
  const found = await ctx.em.findOne(Complaint, { id: assertId(field, id) });
  if (!found || !seesComplaint(ctx.principal, found)) throw notFound('Complaint', id);
  return found;
}

async function nextReference(tx: EntityManager, jurisdictionCode: string, year: number): Promise<string> {
  const county = `${jurisdictionCode.slice(0, 6)}000000`;
  const [row] = await tx.getConnection().execute<{ last: number }[]>(
    `insert into complaint_number (jurisdiction_code, year, last) values (?, ?, 1)
     on conflict (jurisdiction_code, year) do update set last = complaint_number.last + 1 returning last`,
    [county, year],
    'all',
    tx.getTransactionContext(),
  );
  return `JB${county.slice(0, 6)}-${year}-${String(row.last).padStart(5, '0')}`;
}

function contactOf(vault: PersonalDataVault, input: ReceiveComplaintInput) {
  const name = input.complainantName?.trim() || null;
  const phone = input.complainantPhone?.trim() || null;
  if (input.anonymous) {
    if (name || phone) throw badInput('input.anonymous', 'An anonymous complaint takes no name or phone');
    return { complainantNameSealed: null, complainantPhoneSealed: null };
  }
  if (!name) throw badInput('input.complainantName', 'Name the complainant, or mark the complaint anonymous');
  if (!phone) throw badInput('input.complainantPhone', 'A phone number is needed to answer the complainant');
  return {
    complainantNameSealed: vault.encrypt(requiredPlainText('input.complainantName', name, 50, 'A name')),
    complainantPhoneSealed: vault.encrypt(normalisePhone('input.complainantPhone', phone)),
  };
}

/** Takes a complaint at a desk (any staff or app with cases:write in its jurisdiction) and gives its reference. */
export async function receiveComplaint(ctx: Context, input: ReceiveComplaintInput): Promise<Complaint> {
  const jurisdictionCode = assertJurisdictionCode('input.jurisdictionCode', input.jurisdictionCode);
  if (
    !can(ctx.principal, 'complaints:handle', jurisdictionCode) &&
    !can(ctx.principal, 'cases:write', jurisdictionCode)
  ) {
    throw forbidden('Complaints are taken by desks within their own jurisdiction (cases:write or complaints:handle)');
  }
  const receivedOn = pastDate('input.receivedOn', input.receivedOn);
  const values = {
    jurisdictionCode,
    channel: input.channel,
    kind: input.kind,
    receivedOn,
    summary: text('input.summary', input.summary, 'The summary'),
    concernedCaseId: input.concernedCaseId ? assertId('input.concernedCaseId', input.concernedCaseId) : null,
    concernedBenefitId: input.concernedBenefitId
      ? assertId('input.concernedBenefitId', input.concernedBenefitId)
      : null,
    concernedOrganisationId: input.concernedOrganisationId
      ? assertId('input.concernedOrganisationId', input.concernedOrganisationId)
      : null,
    anonymous: input.anonymous,
  };
  if (values.concernedCaseId) {
    // Unknown and out of reach answer alike (NOT_FOUND): the complaint must not tell whether a case exists.
    const found = await ctx.loaders.case.load(values.concernedCaseId);
    if (!found || !(await canSeeCase(ctx.principal, found, ctx.loaders))) {
      throw notFound('Case', values.concernedCaseId);
    }
  }
  const { idempotencyKey, complainantName, complainantPhone, ...sent } = input;
  // The fingerprint of a retry must not hold the contact in clear: hash it with the lookup key.
  const fingerprint = {
    ...sent,
    contact: [complainantName, complainantPhone].map((v) => (v ? ctx.services.vault.lookupHash(v.trim()) : null)),
  };
  const contact = contactOf(ctx.services.vault, input);
  return createOnce(
    ctx.em,
    'receiveComplaint',
    idempotencyKey,
    fingerprint,
    async (tx) => {
      const complaint = Object.assign(new Complaint(), values, contact, {
        referenceNumber: await nextReference(tx, jurisdictionCode, Number(receivedOn.slice(0, 4))),
        receivedByOrganisationId: ctx.principal.organisationId,
        receivedById: ctx.principal.id,
      });
      tx.persist(complaint);
      return complaint;
    },
    (em, id) => em.findOneOrFail(Complaint, { id }),
  );
}

/** Assigns (or reassigns) the verification, due within COMPLAINT_VERIFICATION working days from today. */
export async function assignComplaint(ctx: Context, input: AssignComplaintVerificationInput): Promise<Complaint> {
  const found = await getComplaint(ctx, input.complaintId, 'input.complaintId');
  if (!handles(ctx.principal, found)) throw forbidden('Only the supervision office assigns a complaint');
  const verifier = assertId('input.verifierOrganisationId', input.verifierOrganisationId);
  if ((await concernedOrganisations(ctx, found)).has(verifier)) {
    throw badInput('input.verifierOrganisationId', 'A complaint is never verified by an organisation it is about');
  }
  if (found.status === ComplaintStatus.VERIFYING && found.verifierOrganisationId === verifier) return found;
  if (found.status !== ComplaintStatus.RECEIVED && found.status !== ComplaintStatus.VERIFYING) {
    throw invalidState(`A complaint ${found.status} is no longer assigned`, { status: found.status });
  }
  assertVersion(found, input.version, 'Complaint');
  const today = shanghaiDate();
  const due = await requestDeadlines(ctx).due(found.jurisdictionCode, DeadlineRule.COMPLAINT_VERIFICATION, today);
  Object.assign(found, {
    status: ComplaintStatus.VERIFYING,
    verifierOrganisationId: verifier,
    assignedOn: today,
    dueDate: due.dueDate,
    dueDateWarning: due.dueDateWarning,
  });
  await ctx.em.flush();
  return found;
}

/** The verifier (or the supervision office) records what it found; the same finding again answers the same. */
export async function recordComplaintFinding(ctx: Context, input: RecordComplaintFindingInput): Promise<Complaint> {
  const found = await getComplaint(ctx, input.complaintId, 'input.complaintId');
  if (!verifies(ctx.principal, found) && !handles(ctx.principal, found)) {
    throw forbidden('The finding is recorded by the organisation verifying the complaint');
  }
  const findingText = text('input.findingText', input.findingText, 'The finding');
  if (
    found.status === ComplaintStatus.VERIFIED &&
    found.finding === input.finding &&
    found.findingText === findingText
  ) {
    return found;
  }
  if (found.status !== ComplaintStatus.VERIFYING) {
    throw invalidState(`Only a complaint being verified takes a finding; this one is ${found.status}`, {
      status: found.status,
    });
  }
  assertVersion(found, input.version, 'Complaint');
  Object.assign(found, {
    status: ComplaintStatus.VERIFIED,
    finding: input.finding,
    findingText,
    verifiedOn: pastDate('input.verifiedOn', input.verifiedOn, found.assignedOn),
  });
  await ctx.em.flush();
  return found;
}

function assertMayReview(found: Complaint) {
  if (found.finding === ComplaintFinding.UNSUBSTANTIATED) {
    throw badInput('input.openReview', 'An unsubstantiated complaint opens no review');
  }
  if (!found.concernedBenefitId && !found.concernedCaseId) {
    throw badInput('input.openReview', 'The complaint names no benefit or case to review');
  }
}

/**
 * Answers the complainant with the finding (事事有回音). Opening a review flags the benefit concerned through
 * programmes as the caller before anything is written here (a flag already there stays, so a retry is safe).
 */
export async function answerComplaint(ctx: Context, input: AnswerComplaintInput): Promise<Complaint> {
  const found = await getComplaint(ctx, input.complaintId, 'input.complaintId');
  if (!handles(ctx.principal, found)) throw forbidden('Only the supervision office answers a complaint');
  const answerText = text('input.answerText', input.answerText, 'The answer');
  if (found.status === ComplaintStatus.ANSWERED && found.answerText === answerText) return found;
  if (found.status !== ComplaintStatus.VERIFIED) {
    throw invalidState(`A complaint is answered once verified; this one is ${found.status}`, { status: found.status });
  }
  assertVersion(found, input.version, 'Complaint');
  if (found.anonymous && input.answerChannel !== AnswerChannel.PUBLIC_NOTICE) {
    throw badInput('input.answerChannel', 'An anonymous complainant is answered by PUBLIC_NOTICE');
  }
  const answeredOn = pastDate('input.answeredOn', input.answeredOn, found.verifiedOn);
  const openReview = input.openReview ?? false;
  if (openReview) assertMayReview(found);
  const reason = `监督举报 ${found.referenceNumber} (${found.finding}): ${found.findingText}`;
  if (openReview && found.concernedBenefitId) await flagBenefitForReview(ctx, found.concernedBenefitId, reason);
  return ctx.em.transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Complaint, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (locked.status !== ComplaintStatus.VERIFIED) {
      throw invalidState(`The complaint was ${locked.status} meanwhile`, { status: locked.status });
    }
    Object.assign(locked, {
      status: ComplaintStatus.ANSWERED,
      answerChannel: input.answerChannel,
      answerText,
      answeredOn,
      reviewOpened: openReview,
    });
    if (openReview && locked.concernedCaseId) {
      recordEvent(tx, ctx.principal, {
        caseId: locked.concernedCaseId,
        kind: 'COMPLAINT_REVIEW',
        on: answeredOn,
        summary: `Review opened on complaint ${locked.referenceNumber} (${locked.finding})`,
      });
    }
    return locked;
  });
}

/** Masked, or — through revealComplainant — clear and audited. */
export function complainantOf(vault: PersonalDataVault, complaint: Complaint, clear: boolean) {
  const name = complaint.complainantNameSealed ? vault.decrypt(complaint.complainantNameSealed) : null;
  const phone = complaint.complainantPhoneSealed ? vault.decrypt(complaint.complainantPhoneSealed) : null;
  if (clear) return { name, phone, revealed: true };
  return { name: name ? maskName(name) : null, phone: phone ? maskPhone(phone) : null, revealed: false };
}

export async function revealComplainant(ctx: Context, complaintId: string, rawPurpose: string) {
  const found = await getComplaint(ctx, complaintId, 'input.complaintId');
  requirePermission(ctx.principal, 'personal-data:reveal', found.jurisdictionCode);
  await assertReadsComplainant(ctx, found);
  const purpose = requiredPlainText('input.purpose', rawPurpose, 200, 'A purpose');
  if (found.anonymous) throw invalidState('An anonymous complaint has no complainant to reveal');
  await ctx.em.transactional((tx) =>
    recordAudit(tx, 'cases', ctx.principal, {
      action: 'REVEAL_COMPLAINANT',
      entityType: 'Complaint',
      entityId: found.id,
      purpose,
      detail: { referenceNumber: found.referenceNumber },
    }),
  );
  return { complaint: found, complainant: complainantOf(ctx.services.vault, found, true) };
}

/** The supervision office's complaints in its jurisdiction, and those assigned to the caller's organisation. */
export async function listComplaints(ctx: Context, args: ComplaintsArgs) {
  const filter = args.filter ?? {};
  const { principal } = ctx;
  const reach: FilterQuery<Complaint>[] = [];
  if (can(principal, 'complaints:handle')) {
    const scope = listScope(principal, 'complaints:handle', filter.jurisdictionCode);
    if (scope !== null) reach.push({ jurisdictionCode: { $like: `${scope}%` } });
  } else {
    requirePermission(principal, 'cases:read');
  }
  if (principal.organisationId) reach.push({ verifierOrganisationId: principal.organisationId });
  const where: FilterQuery<Complaint> = { $and: [{ $or: reach.length ? reach : [{ id: null }] }] };
  const and = where.$and as FilterQuery<Complaint>[];
  if (filter.jurisdictionCode) {
    // Narrows the verifier's own complaints too, which listScope's reach does not cover.
    and.push({ jurisdictionCode: subtreeOf('filter.jurisdictionCode', filter.jurisdictionCode) });
  }
  if (filter.status) and.push({ status: filter.status });
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.overdue) and.push({ status: ComplaintStatus.VERIFYING, dueDate: { $lt: shanghaiDate() } });
  const window = pageWindow(args);
  const [nodes, total] = await ctx.em.findAndCount(Complaint, where, {
    orderBy: [{ receivedOn: 'desc' }, { referenceNumber: 'desc' }],
    limit: window.limit,
    offset: window.offset,
  });
  return toConnection(nodes, total, window);
}
