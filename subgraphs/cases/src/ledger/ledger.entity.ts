import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { registerEnumType } from 'type-graphql';
import { newId } from '@doudi/shared';
import type { LedgerCounts, LedgerRow, OfficeStatus } from './ledger.rows.js';

/** The three monthly ledgers of 河鱼府发【2021】39号 二(四). */
export enum LedgerKind {
  OFFICE = 'OFFICE',
  TOWNSHIP = 'TOWNSHIP',
  TOWNSHIP_SUMMARY = 'TOWNSHIP_SUMMARY',
}
registerEnumType(LedgerKind, {
  name: 'LedgerKind',
  description: 'Which ledger of 河鱼府发【2021】39号 二(四).',
  valuesConfig: {
    OFFICE: {
      description:
        'An office’s (科室) monthly ledger of the items assigned to it, reported to the civil-affairs office ' +
        '(各科室每月将救助台账报民政办); due on the last day of the month.',
    },
    TOWNSHIP: {
      description:
        'The township’s ledger of every item of its jurisdiction, by office, filed with the county civil-affairs ' +
        'bureau at the end of the month (乡民政办于当月月末将全乡救助情况台账报县民政局备案).',
    },
    TOWNSHIP_SUMMARY: {
      description:
        'The classified summary (归类汇总) due by the 5th of the next month: concluded items archived (已办结的建档归卷), ' +
        'open items explained with a new time limit (未办结的，说明情况，限时办结).',
    },
  },
});

export enum LedgerStatus {
  NOT_SUBMITTED = 'NOT_SUBMITTED',
  SUBMITTED = 'SUBMITTED',
}
registerEnumType(LedgerStatus, {
  name: 'LedgerStatus',
  valuesConfig: {
    NOT_SUBMITTED: { description: 'Not submitted yet: the items are read live, as they would be submitted now.' },
    SUBMITTED: { description: 'Submitted and frozen: the items are those of the current revision.' },
  },
});

/**
 * One ledger that was submitted: an office's or a township's, for one month. Its id is derived from kind, subject and
 * month (ledgerIdOf), so reminders name it before it exists. `version` moves with each revision.
 */
@Entity({ tableName: 'ledger' })
@Unique({ properties: ['kind', 'subject', 'month'] })
@Index({ properties: ['jurisdictionCode', 'month'] })
export class Ledger {
  @PrimaryKey({ type: 'uuid' })
  id: string;

  @Property({ type: 'text' })
  kind: LedgerKind;

  /** The office's organisation id (OFFICE) or the township's division code (TOWNSHIP, TOWNSHIP_SUMMARY). */
  @Property({ type: 'text' })
  subject: string;

  /** The office (OFFICE); null for a township's ledgers. */
  @Property({ type: 'uuid', nullable: true })
  organisationId: string | null = null;

  /** The office's division (as organisations knew it when submitted) or the township's. */
  @Property({ type: 'string', length: 12 })
  jurisdictionCode: string;

  /** YYYY-MM. */
  @Property({ type: 'string', length: 7 })
  month: string;

  @Property({ type: 'date' })
  dueDate: string;

  /** The first submission came after the due date (迟报); a correction does not change it. */
  @Property({ type: 'boolean' })
  late: boolean = false;

  @Property({ type: 'date' })
  firstSubmittedOn: string;

  /** The current revision's number: 1 for the first submission, one more for each correction. */
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** One submission of a ledger, frozen: its rows as they stood, who submitted it, and why it was corrected. */
@Entity({ tableName: 'ledger_revision' })
@Unique({ properties: ['ledgerId', 'revision'] })
export class LedgerRevision {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  @Property({ type: 'uuid', index: true })
  ledgerId: string;

  @Property({ type: 'integer' })
  revision: number;

  @Property({ type: 'datetime' })
  submittedAt: Date = new Date();

  /** The day of submission in Asia/Shanghai: compared with the due date for lateness. */
  @Property({ type: 'date' })
  submittedOn: string;

  /** The staff account or API client that submitted it. */
  @Property({ type: 'uuid', nullable: true })
  submittedBy: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  submittedByOrganisationId: string | null = null;

  @Property({ type: 'boolean' })
  late: boolean;

  /** Null for the first submission; the reason for each correction (更正原因). */
  @Property({ type: 'text', nullable: true })
  correctionReason: string | null = null;

  /** The items as submitted, explanations included (never read again from the live tables). */
  @Property({ type: 'json' })
  rows: LedgerRow[];

  @Property({ type: 'json' })
  counts: LedgerCounts;

  /** A township's ledger: how each office stood when it was submitted. */
  @Property({ type: 'json' })
  offices: OfficeStatus[] = [];

  /** A digest of rows and explanations: an identical resubmission answers the ledger as it is. */
  @Property({ type: 'text' })
  digest: string;
}

/**
 * A reminder or overdue notice sent (published) about a ledger not yet submitted: once per ledger, level and due
 * date, however often the sweep runs and on whichever replica.
 */
@Entity({ tableName: 'ledger_notice' })
@Unique({ properties: ['ledgerId', 'level', 'dueDate'] })
export class LedgerNotice {
  @PrimaryKey({ type: 'uuid' })
  id: string = newId();

  /** The ledger's derived id (ledgerIdOf): it may not be submitted yet. */
  @Property({ type: 'uuid' })
  ledgerId: string;

  /** REMINDER: one working day or less left; OVERDUE: past its due date. */
  @Property({ type: 'text' })
  level: 'REMINDER' | 'OVERDUE';

  @Property({ type: 'date' })
  dueDate: string;

  @Property({ type: 'datetime' })
  sentAt: Date = new Date();
}

export const ledgerEntities = [Ledger, LedgerRevision, LedgerNotice];
