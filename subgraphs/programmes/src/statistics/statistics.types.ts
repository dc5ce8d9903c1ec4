import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ReportPeriod, reportTableTypes, type ReportScope } from '@doudi/shared/reporting/index';
import { JurisdictionRef } from '../jurisdiction/jurisdiction.ref.js';
import { OrganisationRef } from '../organisation/organisation.ref.js';

export const { ReportCell, ReportTable } = reportTableTypes({
  Jurisdiction: JurisdictionRef,
  Organisation: OrganisationRef,
});

/** How a table of benefits may be cut. */
export enum BenefitDimension {
  PROGRAMME_KIND = 'PROGRAMME_KIND',
  PROGRAMME = 'PROGRAMME',
  STATUS = 'STATUS',
  APPROVAL_LEVEL = 'APPROVAL_LEVEL',
  JURISDICTION = 'JURISDICTION',
  MONTH = 'MONTH',
  STAFF_RELATION = 'STAFF_RELATION',
  CAP = 'CAP',
}
registerEnumType(BenefitDimension, {
  name: 'BenefitDimension',
  valuesConfig: {
    PROGRAMME_KIND: { description: 'The programme’s kind (ProgrammeKind: DIBAO, TEKUN, TEMPORARY …).' },
    PROGRAMME: { description: 'The programme (its id in ReportCell.keys; read its name with `programmes`).' },
    STATUS: { description: 'Where the grant stands now (BenefitStatus).' },
    APPROVAL_LEVEL: {
      description: 'The level that approves its amount (临社救办发〔2015〕3号 二(八): small amounts by the township).',
    },
    JURISDICTION: { description: 'The child division of the report’s jurisdiction of the household’s hukou place.' },
    MONTH: { description: 'The month (YYYY-MM) of the decision date (grantedOn).' },
    STAFF_RELATION: { description: 'Filed (备案) grants: to staff, or to their close relatives (StaffRelation).' },
    CAP: { description: 'capsReached only: PER_HOUSEHOLD_PER_YEAR or PER_PERSON_PER_YEAR.' },
  },
});

@ObjectType({
  description:
    'The relief ledger of a jurisdiction’s subtree over a period, as tables: by the household’s hukou place, by the ' +
    'decision date. No personal data; small cells suppressed. 救助发放统计。',
})
export class BenefitStatistics {
  @Field(() => JurisdictionRef)
  jurisdiction: JurisdictionRef;

  @Field(() => ReportPeriod)
  period: ReportPeriod;

  scope: ReportScope;

  known: Promise<void>;
}
