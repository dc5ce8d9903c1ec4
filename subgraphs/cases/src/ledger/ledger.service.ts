import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  assertId,
  assertVersion,
  badInput,
  conflict,
  createOnce,
  DomainError,
  ErrorCode,
  isIsoDate,
  previousCreate,
  requiredText,
  requireSignedIn,
  shanghaiDate,
} from '@doudi/shared';
import type { Period } from '@doudi/shared/reporting/index';
import type { Context } from '../context.js';
import { assertMaySubmit, resolveSubject, storedSubject, townshipPrefix, type LedgerSubject } from './ledger.access.js';
import { Ledger, LedgerKind, LedgerRevision, LedgerStatus } from './ledger.entity.js';
import type { CorrectLedgerInput, OpenItemExplanationInput, SubmitLedgerInput } from './ledger.inputs.js';
import { asOfPeriod, ledgerDueDate, ledgerIdOf, ledgerPeriod } from './ledger.month.js';
import { countsOf, liveRows, type LedgerCounts, type LedgerRow, type OfficeStatus } from './ledger.rows.js';

/** A ledger as the API shows it: submitted (its current revision, frozen) or not yet (read live). */
export interface LedgerView {
  id: string;
  subject: LedgerSubject;
  month: string;
  period: Period;
  dueDate: string;
  status: LedgerStatus;
  /** 0 before the first submission; then the current revision's number. */
  version: number;
  late: boolean;
  overdue: boolean;
  submittedOn: string | null;
  submittedAt: Date | null;
  rows: LedgerRow[];
  counts: LedgerCounts;
  offices: OfficeStatus[];
}

type Explanation = { reason: string; newDueDate: string };

/** The latest revisions of the offices' ledgers of a month, by office. */
async function officeLedgers(em: EntityManager, organisationIds: string[], month: string) {
  if (!organisationIds.length) return new Map<string, { ledger: Ledger; revision: LedgerRevision }>();
  const ledgers = await em.find(Ledger, { kind: LedgerKind.OFFICE, subject: { $in: organisationIds }, month });
  const revisions = ledgers.length
    ? await em.find(LedgerRevision, { $or: ledgers.map((l) => ({ ledgerId: l.id, revision: l.version })) })
    : [];
  const byLedger = new Map(revisions.map((r) => [r.ledgerId, r]));
  return new Map(ledgers.map((ledger) => [ledger.subject, { ledger, revision: byLedger.get(ledger.id)! }]));
}

/**
 * The rows of a ledger now: an office's items; a township's, with the explanations each office gave in the
 * ledger it submitted, and each office's standing (submitted, late, its counts in the township).
 */
async function composeRows(em: EntityManager, subject: LedgerSubject, month: string, period: Period) {
  const asOf = asOfPeriod(period);
  if (subject.kind === LedgerKind.OFFICE) {
    return { rows: await liveRows(em, { organisationId: subject.organisationId! }, asOf), offices: [] };
  }
  const rows = await liveRows(em, { townshipPrefix: townshipPrefix(subject) }, asOf);
  const officeIds = [...new Set(rows.map((r) => r.organisationId))].sort();
  const submitted = await officeLedgers(em, officeIds, month);
  const given = new Map<string, Explanation>();
  for (const { revision } of submitted.values()) {
    for (const row of revision.rows) {
      if (row.reason && row.newDueDate) given.set(row.itemId, { reason: row.reason, newDueDate: row.newDueDate });
    }
  }
  const explained = rows.map((row) => (row.status === 'OPEN' ? { ...row, ...given.get(row.itemId) } : row));
  const offices = officeIds.map((organisationId): OfficeStatus => {
    const own = submitted.get(organisationId);
    return {
      organisationId,
      submitted: Boolean(own),
      revision: own?.ledger.version ?? null,
      late: own?.ledger.late ?? false,
      counts: countsOf(explained.filter((r) => r.organisationId === organisationId)),
    };
  });
  return { rows: explained, offices };
}

/**
 * Applies the explanations given to the open rows: each names an open item of this ledger and gives a reason and
 * a new time limit from today on. OFFICE and TOWNSHIP_SUMMARY: every open item must then have one.
 */
function explain(rows: LedgerRow[], given: OpenItemExplanationInput[], kind: LedgerKind, today: string): LedgerRow[] {
  const open = new Set(rows.filter((r) => r.status === 'OPEN').map((r) => r.itemId));
  const explanations = new Map<string, Explanation>();
  given.forEach((item, i) => {
    const field = `input.openItems[${i}]`;
    const itemId = assertId(`${field}.itemId`, item.itemId);
    if (!open.has(itemId)) throw badInput(`${field}.itemId`, `${itemId} is not an open item of this ledger`);
    if (explanations.has(itemId)) throw badInput(`${field}.itemId`, `${itemId} is explained twice`);
    const reason = requiredText(`${field}.reason`, item.reason, 2000, 'The reason an item is open');
    if (!isIsoDate(item.newDueDate) || item.newDueDate < today) {
      throw badInput(`${field}.newDueDate`, `The new time limit must be a date from today (${today}) on`);
    }
    explanations.set(itemId, { reason, newDueDate: item.newDueDate });
  });
  const result = rows.map((row) => ({ ...row, ...explanations.get(row.itemId) }));
  if (kind !== LedgerKind.TOWNSHIP) {
    const missing = result.filter((r) => r.status === 'OPEN' && (!r.reason || !r.newDueDate)).map((r) => r.itemId);
    if (missing.length) {
      throw badInput(
        'input.openItems',
        `${missing.length} open item(s) need a reason and a new time limit before the ledger goes (未办结的，说明情况，` +
          '限时办结, 河鱼府发【2021】39号 二(四))',
        { missingItemIds: missing },
      );
    }
  }
  return result;
}

const digestOf = (rows: LedgerRow[]) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');

function submittedView(ledger: Ledger, revision: LedgerRevision, subject: LedgerSubject): LedgerView {
  const period = ledgerPeriod(ledger.month, 'month', '9999-12-31');
  return {
    id: ledger.id,
    subject,
    month: ledger.month,
    period,
    dueDate: ledger.dueDate,
    status: LedgerStatus.SUBMITTED,
    version: ledger.version,
    late: ledger.late,
    overdue: false,
    submittedOn: ledger.firstSubmittedOn,
    submittedAt: revision.submittedAt,
    rows: revision.rows,
    counts: revision.counts,
    offices: revision.offices,
  };
}

async function currentRevision(em: EntityManager, ledger: Ledger): Promise<LedgerRevision> {
  return em.findOneOrFail(LedgerRevision, { ledgerId: ledger.id, revision: ledger.version });
}

/** The ledger of a subject and month: the submitted one, or the items as they stand (NOT_SUBMITTED). */
export async function ledgerOf(ctx: Context, subject: LedgerSubject, month: string, field = 'month') {
  const period = ledgerPeriod(month, field);
  const id = ledgerIdOf(subject.kind, subject.subject, month);
  const stored = await ctx.em.findOne(Ledger, { id });
  if (stored) return submittedView(stored, await currentRevision(ctx.em, stored), subject);
  const { rows, offices } = await composeRows(ctx.em, subject, month, period);
  const dueDate = await ledgerDueDate(ctx.em, subject.kind, subject.jurisdictionCode, period);
  return {
    id,
    subject,
    month,
    period,
    dueDate,
    status: LedgerStatus.NOT_SUBMITTED,
    version: 0,
    late: false,
    overdue: shanghaiDate() > dueDate,
    submittedOn: null,
    submittedAt: null,
    rows,
    counts: countsOf(rows),
    offices,
  } satisfies LedgerView;
}

/** A stored ledger by id (NOT_FOUND when none, or outside the caller's reach). */
export async function ledgerById(ctx: Context, id: string, field = 'id'): Promise<LedgerView> {
  requireSignedIn(ctx.principal);
  const stored = await ctx.em.findOne(Ledger, { id: assertId(field, id) });
  if (!stored) throw noLedger(id);
  return submittedView(stored, await currentRevision(ctx.em, stored), storedSubject(ctx, stored));
}

/** The revisions of a ledger, the first first: who submitted each, when, whether late, and why corrected. */
export function revisionsOf(em: EntityManager, ledgerId: string) {
  return em.find(LedgerRevision, { ledgerId }, { orderBy: { revision: 'asc' } });
}

function newRevision(
  ctx: Context,
  ledger: Ledger,
  revision: number,
  rows: LedgerRow[],
  extra: Partial<LedgerRevision>,
) {
  const today = shanghaiDate();
  return Object.assign(new LedgerRevision(), {
    ledgerId: ledger.id,
    revision,
    submittedOn: today,
    submittedBy: ctx.principal.actorId ?? ctx.principal.id,
    submittedByOrganisationId: ctx.principal.organisationId,
    late: today > ledger.dueDate,
    rows,
    counts: countsOf(rows),
    digest: digestOf(rows),
    ...extra,
  });
}

/**
 * Submits a ledger (河鱼府发【2021】39号 二(四)): its items as they stand, with the explanations of the open ones, frozen
 * as revision 1. Late when submitted after its due date. A retry with the same idempotency key, or the same
 * content, answers the ledger as it is; a different submission of a submitted ledger is a CONFLICT — a correction
 * goes through correctLedger with a reason.
 */
export async function submitLedger(ctx: Context, input: SubmitLedgerInput): Promise<LedgerView> {
  const subject = await resolveSubject(ctx, input.kind, input, 'input.');
  assertMaySubmit(ctx.principal, subject);
  const period = ledgerPeriod(input.month, 'input.month');
  const today = shanghaiDate();
  const id = ledgerIdOf(subject.kind, subject.subject, input.month);
  return createOnce(
    ctx.em,
    'submitLedger',
    input.idempotencyKey,
    input,
    async (tx) => {
      const { rows: live, offices } = await composeRows(tx, subject, input.month, period);
      const rows = explain(live, input.openItems ?? [], subject.kind, today);
      const existing = await tx.findOne(Ledger, { id });
      if (existing) {
        const current = await currentRevision(tx, existing);
        if (current.digest === digestOf(rows)) return existing;
        throw conflict(
          `This ledger was submitted already (revision ${existing.version}); to change it, correct it with a reason ` +
            '(correctLedger)',
          { field: 'input', ledgerId: existing.id, currentVersion: existing.version },
        );
      }
      const dueDate = await ledgerDueDate(tx, subject.kind, subject.jurisdictionCode, period);
      const ledger = Object.assign(new Ledger(), {
        id,
        kind: subject.kind,
        subject: subject.subject,
        organisationId: subject.organisationId,
        jurisdictionCode: subject.jurisdictionCode,
        month: input.month,
        dueDate,
        late: today > dueDate,
        firstSubmittedOn: today,
      });
      tx.persist([ledger, newRevision(ctx, ledger, 1, rows, { offices })]);
      return ledger;
    },
    async (em, ledgerId) => {
      const ledger = await em.findOneOrFail(Ledger, { id: ledgerId });
      return submittedView(ledger, await currentRevision(em, ledger), subject);
    },
  );
}

/**
 * Corrects a submitted ledger: a new revision, read again from the cases, keeping the explanations of items still
 * open unless new ones are given; who corrected it and why are kept beside it (BAD_USER_INPUT without a reason,
 * CONFLICT on a stale version).
 */
export async function correctLedger(ctx: Context, input: CorrectLedgerInput): Promise<LedgerView> {
  requireSignedIn(ctx.principal);
  const stored = await ctx.em.findOne(Ledger, { id: assertId('input.ledgerId', input.ledgerId) });
  if (!stored) throw noLedger(input.ledgerId);
  const subject = storedSubject(ctx, stored);
  assertMaySubmit(ctx.principal, subject);
  const reason = requiredText('input.reason', input.reason, 2000, 'The reason for the correction (更正原因)');
  const answer = async (em: EntityManager, ledgerId: string) => {
    const ledger = await em.findOneOrFail(Ledger, { id: ledgerId });
    return submittedView(ledger, await currentRevision(em, ledger), subject);
  };
  // A retry after a lost answer sends the version it read before the correction: it answers the correction made.
  const previous = await previousCreate(ctx.em, 'correctLedger', input.idempotencyKey, input);
  if (previous) return answer(ctx.em, previous);
  assertVersion(stored, input.version, 'Ledger', { required: true });
  const period = ledgerPeriod(stored.month, 'input.month');
  const today = shanghaiDate();
  return createOnce(
    ctx.em,
    'correctLedger',
    input.idempotencyKey,
    input,
    async (tx) => {
      const ledger = await tx.findOneOrFail(Ledger, { id: stored.id });
      assertVersion(ledger, input.version, 'Ledger', { required: true });
      const previous = await currentRevision(tx, ledger);
      const kept = new Map(previous.rows.filter((r) => r.reason).map((r) => [r.itemId, r]));
      const { rows: live, offices } = await composeRows(tx, subject, ledger.month, period);
      const carried = live.map((row) => {
        const before = kept.get(row.itemId);
        return row.status === 'OPEN' && before && !row.reason
          ? { ...row, reason: before.reason, newDueDate: before.newDueDate }
          : row;
      });
      const rows = explain(carried, input.openItems ?? [], subject.kind, today);
      const revision = newRevision(ctx, ledger, ledger.version + 1, rows, { offices, correctionReason: reason });
      ledger.updatedAt = new Date();
      tx.persist(revision);
      await tx.flush();
      return ledger;
    },
    answer,
  );
}

/** The same answer as a ledger outside the caller's reach (storedSubject): no oracle. */
function noLedger(id: string) {
  return new DomainError(ErrorCode.NOT_FOUND, `No submitted ledger ${id} within your reach; submit it first`, {
    type: 'Ledger',
  });
}
