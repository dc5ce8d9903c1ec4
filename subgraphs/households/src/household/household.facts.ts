import { registerEnumType } from 'type-graphql';

/** 户口性质: rural or urban registration (dibao lines differ, 临社救办发〔2015〕3号 二(一)). */
export enum HukouType {
  RURAL = 'RURAL',
  URBAN = 'URBAN',
}
registerEnumType(HukouType, { name: 'HukouType' });

/**
 * Poverty-monitoring status pushed by agriculture and rural affairs (防止返贫动态监测, 河鱼府发【2021】39号 一):
 * 脱贫不稳定户, 边缘易致贫户, 突发严重困难户.
 */
export enum PovertyMonitoringStatus {
  NONE = 'NONE',
  UNSTABLE_OUT_OF_POVERTY = 'UNSTABLE_OUT_OF_POVERTY',
  MARGINAL_AT_RISK = 'MARGINAL_AT_RISK',
  SUDDEN_SEVERE_HARDSHIP = 'SUDDEN_SEVERE_HARDSHIP',
}
registerEnumType(PovertyMonitoringStatus, { name: 'PovertyMonitoringStatus' });

/** 住房保障 reported by the urban-construction office (河鱼府发【2021】39号 二(四)); 临社救办发〔2015〕3号 二(六) housing relief. */
export enum HousingAssistance {
  /** 公共租赁住房 */
  PUBLIC_RENTAL_HOUSING = 'PUBLIC_RENTAL_HOUSING',
  /** 租赁补贴 */
  RENT_SUBSIDY = 'RENT_SUBSIDY',
  /** 农村危房改造 */
  DILAPIDATED_HOUSE_RENOVATION = 'DILAPIDATED_HOUSE_RENOVATION',
}
registerEnumType(HousingAssistance, { name: 'HousingAssistance' });

/** The kind of disaster the emergency office reports a family in hardship through (河鱼府发【2021】39号 二(四)). */
export enum DisasterKind {
  FLOOD = 'FLOOD',
  DROUGHT = 'DROUGHT',
  EARTHQUAKE = 'EARTHQUAKE',
  GEOLOGICAL = 'GEOLOGICAL',
  STORM = 'STORM',
  FIRE = 'FIRE',
  OTHER = 'OTHER',
}
registerEnumType(DisasterKind, { name: 'DisasterKind' });
