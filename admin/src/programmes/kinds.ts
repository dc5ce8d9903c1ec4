/** ProgrammeKind values in the order an administrator looks for them (临社救办发〔2015〕3号's eight first). */
export const KINDS = [
  'DIBAO',
  'TEKUN',
  'DISASTER_RELIEF',
  'MEDICAL',
  'EDUCATION',
  'HOUSING',
  'EMPLOYMENT',
  'TEMPORARY',
  'JUDICIAL_ASSISTANCE',
  'RELAPSE_PREVENTION',
  'DISABLED_CHILD_REHABILITATION',
  'SPRING_BUD',
  'RED_CROSS_HARDSHIP',
  'TRADE_UNION_HARDSHIP',
  'YOUTH_LEAGUE_TIMELY_RAIN',
  'OTHER',
] as const;
