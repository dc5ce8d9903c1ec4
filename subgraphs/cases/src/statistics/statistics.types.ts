import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { JurisdictionRef } from '@doudi/shared';
import {
  ReportPeriod,
  reportTableTypes,
  type ReportScope,
  type StatisticsQuestion,
} from '@doudi/shared/reporting/index';
import { OrganisationRef } from '../organisation/organisation.ref.js';

export const { ReportCell, ReportTable } = reportTableTypes({
  Jurisdiction: JurisdictionRef,
  Organisation: OrganisationRef,
});

/** How a table of cases may be cut. */
export enum CaseDimension {
  CHANNEL = 'CHANNEL',
  STAGE = 'STAGE',
  JURISDICTION = 'JURISDICTION',
  MONTH = 'MONTH',
  GREEN_CHANNEL = 'GREEN_CHANNEL',
}
registerEnumType(CaseDimension, {
  name: 'CaseDimension',
  valuesConfig: {
    CHANNEL: { description: 'How the case came in (CaseChannel).' },
    STAGE: { description: 'Where the case stands now in its workflow (CaseStage).' },
    JURISDICTION: {
      description: 'The child division of the report’s jurisdiction the case belongs to (township of a county …).',
    },
    MONTH: { description: 'The month (YYYY-MM) of the event counted: received, or closed.' },
    GREEN_CHANNEL: {
      description: 'true or false: in the green channel (绿色通道, 晋检发办字〔2023〕10号 第五条).',
    },
  },
});

/** How a table of referrals may be cut. */
export enum ReferralDimension {
  RECEIVING_ORGANISATION = 'RECEIVING_ORGANISATION',
  ORGANISATION_KIND = 'ORGANISATION_KIND',
  REFERRAL_KIND = 'REFERRAL_KIND',
  JURISDICTION = 'JURISDICTION',
  MONTH = 'MONTH',
  DECLINE_REASON = 'DECLINE_REASON',
  TIMELINESS = 'TIMELINESS',
}
registerEnumType(ReferralDimension, {
  name: 'ReferralDimension',
  valuesConfig: {
    RECEIVING_ORGANISATION: { description: 'The member unit asked to act (ReportCell.organisation).' },
    ORGANISATION_KIND: { description: 'The receiving organisation’s kind (CIVIL_AFFAIRS, EDUCATION …).' },
    REFERRAL_KIND: { description: 'What was asked for (ReferralKind).' },
    JURISDICTION: { description: 'The child division of the report’s jurisdiction the case belongs to.' },
    MONTH: { description: 'The month (YYYY-MM) of the event counted: sent, answered, declined or forwarded.' },
    DECLINE_REASON: {
      description: 'Why it was declined (DeclineReason: 晋检发办字〔2023〕10号 第六条); NONE when not declined.',
    },
    TIMELINESS: {
      description:
        'ON_TIME (answered by its due date), LATE (after it) or NO_DUE_DATE — answered and declined tables only.',
    },
  },
});

/** What the statistics fields read from their parent: the checked scope and period. */
export type StatisticsRoot = StatisticsQuestion;

@ObjectType({
  description:
    'Cases of a jurisdiction’s subtree over a period, as tables (the jurisdiction a case belongs to is the family’s ' +
    'hukou place, 河鱼府发【2021】39号 二(二)). Counts cases; `households` counts their families.',
})
export class CaseStatistics {
  @Field(() => JurisdictionRef)
  jurisdiction: JurisdictionRef;

  @Field(() => ReportPeriod)
  period: ReportPeriod;

  scope: ReportScope;

  known: Promise<void>;
}

@ObjectType({
  description:
    'Referrals of the cases of a jurisdiction’s subtree over a period: how each member unit carried out its part ' +
    '(周政办字〔2017〕70号 六(二); 襄政办发〔2023〕26号 附件1 第九条).',
})
export class ReferralStatistics {
  @Field(() => JurisdictionRef)
  jurisdiction: JurisdictionRef;

  @Field(() => ReportPeriod)
  period: ReportPeriod;

  scope: ReportScope;

  known: Promise<void>;
}
