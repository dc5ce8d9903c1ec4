import { registerEnumType } from 'type-graphql';

/** 残疾类别 (the categories of the disability certificate). */
export enum DisabilityCategory {
  VISUAL = 'VISUAL',
  HEARING = 'HEARING',
  SPEECH = 'SPEECH',
  PHYSICAL = 'PHYSICAL',
  INTELLECTUAL = 'INTELLECTUAL',
  MENTAL = 'MENTAL',
  MULTIPLE = 'MULTIPLE',
}
registerEnumType(DisabilityCategory, { name: 'DisabilityCategory' });

/** Schooling stage: education aid is given by stage (临社救办发〔2015〕3号 二(五)). */
export enum SchoolingStage {
  NONE = 'NONE',
  PRESCHOOL = 'PRESCHOOL',
  PRIMARY = 'PRIMARY',
  JUNIOR_SECONDARY = 'JUNIOR_SECONDARY',
  SENIOR_SECONDARY = 'SENIOR_SECONDARY',
  VOCATIONAL = 'VOCATIONAL',
  HIGHER = 'HIGHER',
  FINISHED = 'FINISHED',
}
registerEnumType(SchoolingStage, { name: 'SchoolingStage' });

export enum EmploymentStatus {
  EMPLOYED = 'EMPLOYED',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  UNEMPLOYED = 'UNEMPLOYED',
  RETIRED = 'RETIRED',
  STUDENT = 'STUDENT',
  NOT_IN_LABOUR_FORCE = 'NOT_IN_LABOUR_FORCE',
}
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus' });

/** Ability to work: 特困 support needs "no ability to work" (临社救办发〔2015〕3号 二(二)). */
export enum WorkAbility {
  FULL = 'FULL',
  PARTIAL = 'PARTIAL',
  NONE = 'NONE',
}
registerEnumType(WorkAbility, { name: 'WorkAbility' });

/** Veterans and 优抚对象 are a priority group (晋检发办字〔2023〕10号 第五条). */
export enum VeteranStatus {
  NONE = 'NONE',
  VETERAN = 'VETERAN',
  ENTITLED_GROUP = 'ENTITLED_GROUP',
  MARTYR_FAMILY = 'MARTYR_FAMILY',
}
registerEnumType(VeteranStatus, { name: 'VeteranStatus' });

/**
 * 在册救助对象: a person the civil-affairs office lists as a dibao or tekun recipient (河鱼府发【2021】39号 二(四));
 * the relief granted in this system is in programmes' benefits, this is the office's own register.
 */
export enum ReliefCategory {
  DIBAO = 'DIBAO',
  TEKUN = 'TEKUN',
}
registerEnumType(ReliefCategory, { name: 'ReliefCategory' });
