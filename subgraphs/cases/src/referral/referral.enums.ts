import { registerEnumType } from 'type-graphql';

/** What the sender asks the receiver to look at (襄政办发〔2023〕26号 七(二): the six life areas, and more). */
export enum ReferralKind {
  SOCIAL_ASSISTANCE = 'SOCIAL_ASSISTANCE',
  RURAL_SUPPORT = 'RURAL_SUPPORT',
  EDUCATION_AID = 'EDUCATION_AID',
  ELDERLY_CARE = 'ELDERLY_CARE',
  MEDICAL_AID = 'MEDICAL_AID',
  EMPLOYMENT_AID = 'EMPLOYMENT_AID',
  HOUSING_AID = 'HOUSING_AID',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  JUDICIAL_ASSISTANCE = 'JUDICIAL_ASSISTANCE',
  LEGAL_AID = 'LEGAL_AID',
  OTHER = 'OTHER',
}
registerEnumType(ReferralKind, { name: 'ReferralKind' });

/**
 * SENT → ACCEPTED → ANSWERED → RECEIPTED; SENT or ACCEPTED → DECLINED → RECEIPTED; SENT or ACCEPTED →
 * FORWARDED (a new referral carries on from the receiver).
 */
export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  FORWARDED = 'FORWARDED',
  ANSWERED = 'ANSWERED',
  RECEIPTED = 'RECEIPTED',
}
registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  valuesConfig: {
    SENT: { description: 'Waiting for the receiver.' },
    ACCEPTED: { description: 'The receiver started its procedure (启动救助程序).' },
    DECLINED: { description: 'Refused with a reason: that is the written answer (不予救助的原因).' },
    FORWARDED: { description: 'Passed on to the responsible organisation; see forwardedTo.' },
    ANSWERED: { description: 'Answered in writing with the measures taken (书面函复).' },
    RECEIPTED: { description: 'The sender filed the answer (回执, 襄政办发〔2023〕26号 七(五)).' },
  },
});

/** The referrals still waiting for their receiver. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [ReferralStatus.SENT, ReferralStatus.ACCEPTED];

/** Why a receiver declines: the six exclusions of 晋检发办字〔2023〕10号 第六条, then the general reasons. */
export enum DeclineReason {
  CAUSED_BY_OWN_FAULT = 'CAUSED_BY_OWN_FAULT',
  REFUSES_TO_COOPERATE = 'REFUSES_TO_COOPERATE',
  FALSE_INFORMATION = 'FALSE_INFORMATION',
  WAIVED_COMPENSATION = 'WAIVED_COMPENSATION',
  HARDSHIP_NOT_CAUSED_BY_CASE = 'HARDSHIP_NOT_CAUSED_BY_CASE',
  ALREADY_ASSISTED = 'ALREADY_ASSISTED',
  NOT_OUR_RESPONSIBILITY = 'NOT_OUR_RESPONSIBILITY',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  OTHER = 'OTHER',
}
registerEnumType(DeclineReason, {
  name: 'DeclineReason',
  valuesConfig: {
    CAUSED_BY_OWN_FAULT: { description: '晋检发办字〔2023〕10号 第六条(一): 对案件发生有重大过错的' },
    REFUSES_TO_COOPERATE: { description: '晋检发办字〔2023〕10号 第六条(二): 无正当理由，拒绝配合查明案件事实的' },
    FALSE_INFORMATION: { description: '晋检发办字〔2023〕10号 第六条(三): 故意作虚假陈述或者伪造证据，妨害诉讼的' },
    WAIVED_COMPENSATION: {
      description: '晋检发办字〔2023〕10号 第六条(四): 在诉讼中主动放弃民事赔偿请求或者拒绝加害责任人及其近亲属赔偿的',
    },
    HARDSHIP_NOT_CAUSED_BY_CASE: { description: '晋检发办字〔2023〕10号 第六条(五): 生活困难非案件原因所导致的' },
    ALREADY_ASSISTED: { description: '晋检发办字〔2023〕10号 第六条(六): 通过社会救助等措施已经得到合理补偿、救助的' },
    NOT_OUR_RESPONSIBILITY: { description: '不属于本单位职责（可转办：forwardReferral）' },
    NOT_ELIGIBLE: { description: '不符合救助条件' },
    OTHER: { description: '其他原因（见说明）' },
  },
});
