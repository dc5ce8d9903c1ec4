import { registerEnumType } from 'type-graphql';

/** PROPOSED → APPROVED or REJECTED → IN_NOTICE (公示, where configured) → ACTIVE → ENDED. */
export enum BenefitStatus {
  PROPOSED = 'PROPOSED',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  IN_NOTICE = 'IN_NOTICE',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(BenefitStatus, {
  name: 'BenefitStatus',
  valuesConfig: {
    PROPOSED: { description: 'Proposed by a caseworker; awaits the approving level.' },
    APPROVED: { description: 'Approved; becomes active (no public notice configured).' },
    REJECTED: { description: 'Refused, or an objection during public notice was upheld.' },
    IN_NOTICE: { description: 'Approved and under public notice (公示) until noticeEndsOn.' },
    ACTIVE: { description: 'Being paid or delivered.' },
    ENDED: { description: 'Ended (period over, no longer eligible, or stopped).' },
  },
});

/** 备案 (临社救办发〔2015〕3号 二(一)): relief to staff and their close relatives is filed for oversight. */
export enum StaffRelation {
  NONE = 'NONE',
  STAFF_MEMBER = 'STAFF_MEMBER',
  CLOSE_RELATIVE = 'CLOSE_RELATIVE',
}
registerEnumType(StaffRelation, {
  name: 'StaffRelation',
  valuesConfig: {
    NONE: { description: 'Not related to relief staff.' },
    STAFF_MEMBER: { description: '社会救助经办人员或村(居)委会工作人员 themselves.' },
    CLOSE_RELATIVE: { description: 'A close relative (近亲属) of such staff.' },
  },
});

export enum AmountSource {
  ENTERED = 'ENTERED',
  FIXED = 'FIXED',
  FORMULA = 'FORMULA',
}
registerEnumType(AmountSource, { name: 'AmountSource', description: 'Where the amount came from.' });

/** Why a benefit ends (endBenefit). */
export enum BenefitEndCause {
  NO_LONGER_QUALIFIES = 'NO_LONGER_QUALIFIES',
  DECEASED = 'DECEASED',
  MOVED_AWAY = 'MOVED_AWAY',
  WITHDRAWN = 'WITHDRAWN',
  PERIOD_OVER = 'PERIOD_OVER',
}
registerEnumType(BenefitEndCause, {
  name: 'BenefitEndCause',
  valuesConfig: {
    NO_LONGER_QUALIFIES: {
      description:
        'The household no longer qualifies: for 最低生活保障 and 特困人员救助供养 the ending is put under public notice ' +
        'first (临社救办发〔2015〕3号 二(二)1: 终止供养并予以公示) and takes effect when the notice closes.',
    },
    // 二(二)1 asks for a notice when a household no longer qualifies; for these causes the seeds say nothing, and
    // Doudi ends at once (there is nobody left to object for, or the family itself asked).
    DECEASED: { description: 'The person it is for died: ends at once.' },
    MOVED_AWAY: { description: 'The household’s hukou moved elsewhere: ends at once (the new place decides anew).' },
    WITHDRAWN: { description: 'The family asked to stop it: ends at once.' },
    PERIOD_OVER: { description: 'The period it covered is over: ends at once.' },
  },
});
