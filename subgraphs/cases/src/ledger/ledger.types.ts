import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType, DateScalar, JurisdictionRef, PageArgs } from '@doudi/shared';
import { ReportPeriod } from '@doudi/shared/reporting/index';
import { CaseChannel } from '../case/case.enums.js';
import { OrganisationRef } from '../organisation/organisation.ref.js';
import { ReferralKind } from '../referral/referral.enums.js';
import { LedgerKind, LedgerStatus } from './ledger.entity.js';

export enum LedgerItemKind {
  CASE = 'CASE',
  REFERRAL = 'REFERRAL',
}
registerEnumType(LedgerItemKind, {
  name: 'LedgerItemKind',
  valuesConfig: {
    CASE: {
      description: 'A lead of proactive discovery assigned to the office (清单管理, 河鱼府发【2021】39号 二(四)).',
    },
    REFERRAL: { description: 'A referral the office received (转办).' },
  },
});

export enum LedgerItemStatus {
  OPEN = 'OPEN',
  CONCLUDED = 'CONCLUDED',
}
registerEnumType(LedgerItemStatus, {
  name: 'LedgerItemStatus',
  valuesConfig: {
    OPEN: { description: 'Not concluded at the month’s end (未办结): explained with a new time limit.' },
    CONCLUDED: {
      description: 'Concluded in the month (已办结): the case closed, the referral answered, declined or passed on.',
    },
  },
});

@ObjectType({
  description:
    'One item of a ledger (台账): no personal data — the household is behind the case, read with `case(id)` under ' +
    'the case’s own access rules.',
})
export class LedgerItem {
  @Field(() => LedgerItemKind)
  itemKind: LedgerItemKind;

  @Field(() => ID, { description: 'The case (CASE) or the referral (REFERRAL).' })
  itemId: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => OrganisationRef, { description: 'The office responsible for it (承办科室).' })
  organisation: OrganisationRef;

  @Field(() => JurisdictionRef, { description: 'The case’s division (the family’s hukou place).' })
  jurisdiction: JurisdictionRef;

  @Field(() => CaseChannel)
  channel: CaseChannel;

  @Field(() => ReferralKind, { nullable: true })
  referralKind: ReferralKind | null;

  @Field(() => DateScalar, { description: 'The day it reached the office: assigned, or the referral sent.' })
  receivedOn: string;

  @Field(() => DateScalar, { nullable: true, description: 'Its time limit, where it has one.' })
  dueDate: string | null;

  @Field(() => LedgerItemStatus)
  status: LedgerItemStatus;

  @Field(() => DateScalar, { nullable: true })
  concludedOn: string | null;

  @Field(() => String, { nullable: true, description: 'CLOSED, ANSWERED, DECLINED or FORWARDED; null while open.' })
  outcome: string | null;

  @Field(() => Boolean, { description: 'Received in the month (本月收到).' })
  receivedInMonth: boolean;

  @Field(() => Boolean, { description: 'Worked on in the month: a step recorded on its timeline (本月办理).' })
  handledInMonth: boolean;

  @Field(() => Boolean, { description: 'Open past its time limit at the month’s end.' })
  overdue: boolean;

  @Field(() => String, { nullable: true, description: 'Why it is open (说明情况).' })
  reason: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The new time limit (限时办结).' })
  newDueDate: string | null;
}

@ObjectType()
export class LedgerItemConnection extends ConnectionType(LedgerItem) {}

@ObjectType({ description: 'The counts of a ledger (exact: for those who may read its items).' })
export class LedgerCountsType {
  @Field(() => Int, { description: 'Items in the ledger: received by the month’s end, not concluded before it.' })
  items: number;
  @Field(() => Int, { description: 'Received in the month (收到).' })
  received: number;
  @Field(() => Int, { description: 'Worked on in the month (办理).' })
  handled: number;
  @Field(() => Int, { description: 'Concluded in the month (办结).' })
  concluded: number;
  @Field(() => Int, { description: 'Still open at the month’s end (未办结).' })
  open: number;
  @Field(() => Int, { description: 'Open past their time limit.' })
  overdue: number;
  @Field(() => Int, { description: 'Open without a reason and a new time limit.' })
  unexplained: number;
}

@ObjectType({ description: 'How an office of the township stands: its own ledger of the month and its items here.' })
export class LedgerOffice {
  @Field(() => OrganisationRef)
  organisation: OrganisationRef;
  @Field(() => Boolean, { description: 'The office submitted its ledger of the month (各科室每月将救助台账报民政办).' })
  submitted: boolean;
  @Field(() => Int, { nullable: true, description: 'The revision of the office’s ledger rolled up.' })
  revision: number | null;
  @Field(() => Boolean, { description: 'The office’s ledger came after its due date.' })
  late: boolean;
  @Field(() => LedgerCountsType, { description: 'The office’s items in this township.' })
  counts: LedgerCountsType;
}

@ObjectType('LedgerRevision', { description: 'One submission of a ledger, frozen: who, when, and why corrected.' })
export class LedgerRevisionInfo {
  @Field(() => Int)
  revision: number;
  @Field(() => Date)
  submittedAt: Date;
  @Field(() => DateScalar, { description: 'The day (Asia/Shanghai), compared with the due date.' })
  submittedOn: string;
  @Field(() => ID, { nullable: true, description: 'The staff account (or the person behind the app) that submitted.' })
  submittedBy: string | null;
  @Field(() => OrganisationRef, { nullable: true })
  submittedByOrganisation: OrganisationRef | null;
  @Field(() => Boolean, { description: 'Submitted after the ledger’s due date.' })
  late: boolean;
  @Field(() => String, { nullable: true, description: 'Why it was corrected (更正原因); null for the first.' })
  correctionReason: string | null;
  @Field(() => LedgerCountsType)
  counts: LedgerCountsType;
}

@ObjectType({
  description:
    'A monthly ledger (台账) of 河鱼府发【2021】39号 二(四): an office’s items, or a township’s by office. Once ' +
    'submitted it is frozen; a correction is a new revision. Items and exact counts: for the office and those who ' +
    'oversee it; reporting callers read `table` alone, small cells suppressed.',
})
export class LedgerType {
  @Field(() => ID, { description: 'Stable for kind, subject and month, before and after submission.' })
  id: string;
  @Field(() => LedgerKind)
  kind: LedgerKind;
  @Field(() => String, { description: 'YYYY-MM.' })
  month: string;
  @Field(() => ReportPeriod)
  period: ReportPeriod;
  @Field(() => OrganisationRef, { nullable: true, description: 'OFFICE: the office (科室).' })
  organisation: OrganisationRef | null;
  @Field(() => JurisdictionRef, { description: 'The township, or the office’s division.' })
  jurisdiction: JurisdictionRef;
  @Field(() => DateScalar, {
    description:
      'OFFICE, TOWNSHIP: the month’s last day (当月月末); TOWNSHIP_SUMMARY: the 5th of the next (次月5日前).',
  })
  dueDate: string;
  @Field(() => LedgerStatus)
  status: LedgerStatus;
  @Field(() => Int, { description: 'The current revision; 0 before the first submission. Send it to correct.' })
  version: number;
  @Field(() => DateScalar, { nullable: true, description: 'The day it was first submitted.' })
  submittedOn: string | null;
  @Field(() => Boolean, { description: 'First submitted after its due date (迟报).' })
  late: boolean;
  @Field(() => Boolean, { description: 'Not submitted, and its due date has passed.' })
  overdue: boolean;
}

@ArgsType()
export class LedgerArgs {
  @Field(() => LedgerKind)
  kind: LedgerKind;
  @Field(() => String, { description: 'The month, YYYY-MM: this month or an earlier one.' })
  month: string;
  @Field(() => ID, { nullable: true, description: 'OFFICE: the office.' })
  organisationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'TOWNSHIP, TOWNSHIP_SUMMARY: the township’s division code.' })
  jurisdictionCode?: string | null;
}

@ArgsType()
export class LedgerItemArgs extends PageArgs {
  @Field(() => LedgerItemStatus, { nullable: true, description: 'Only open or only concluded items.' })
  status?: LedgerItemStatus | null;
}

@ObjectType()
export class LedgerPayload {
  @Field(() => LedgerType)
  ledger: LedgerType;
}
