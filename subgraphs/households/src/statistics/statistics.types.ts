import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { JurisdictionRef, OrganisationRef } from '@doudi/shared';
import { ReportPeriod, reportTableTypes, type ReportScope } from '@doudi/shared/reporting/index';

export const { ReportCell, ReportTable } = reportTableTypes({
  Jurisdiction: JurisdictionRef,
  Organisation: OrganisationRef,
});

/** How a table of households may be cut. */
export enum HouseholdDimension {
  MONITORING_STATUS = 'MONITORING_STATUS',
  LOW_INCOME_BAND = 'LOW_INCOME_BAND',
  HUKOU_TYPE = 'HUKOU_TYPE',
  RELOCATED = 'RELOCATED',
  JURISDICTION = 'JURISDICTION',
}
registerEnumType(HouseholdDimension, {
  name: 'HouseholdDimension',
  valuesConfig: {
    MONITORING_STATUS: {
      description:
        'The hardship category of poverty monitoring (PovertyMonitoringStatus: 脱贫不稳定户, 边缘易致贫户, 突发严重困难户, ' +
        'or NONE; 河鱼府发【2021】39号 一). Dibao and tekun recipients are counted by benefitStatistics.',
    },
    LOW_INCOME_BAND: {
      description:
        'Where the average per-capita monthly income of the 12 months to the period’s end lies against the dibao line ' +
        'of the period’s last year (by hukou type): BELOW_DIBAO_LINE, LOW_INCOME (from the line to below the ' +
        'low-income multiplier times it, 1.5 unless published otherwise: 河鱼府发【2021】39号 一), ' +
        'ABOVE_LOW_INCOME_LINE, INCOME_UNKNOWN (no income recorded), LINE_UNKNOWN (no standard, or no hukou type).',
    },
    HUKOU_TYPE: { description: 'RURAL, URBAN or NONE (not recorded).' },
    RELOCATED: {
      description: 'true when the family lives elsewhere than its hukou place (人户分离, 河鱼府发【2021】39号 二(二)).',
    },
    JURISDICTION: { description: 'The child division of the report’s jurisdiction of the hukou place.' },
  },
});

@ObjectType({
  description:
    'The households registered (hukou place) in a jurisdiction’s subtree at the end of a period, as tables: ' +
    '`value` and `households` count households, `persons` their members. 困难家庭统计。',
})
export class HouseholdStatistics {
  @Field(() => JurisdictionRef)
  jurisdiction: JurisdictionRef;

  @Field(() => ReportPeriod)
  period: ReportPeriod;

  scope: ReportScope;

  known: Promise<void>;
}
