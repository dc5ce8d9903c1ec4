import { registerEnumType } from 'type-graphql';

/**
 * The programmes the seeds name: the eight of the 社会救助暂行办法 as 临社救办发〔2015〕3号 二 lists them, 国家司法救助
 * (晋检发办字〔2023〕10号), 防止返贫动态监测帮扶 (河鱼府发【2021】39号), and those run by organisations (襄政办发〔2023〕26号 六, 晋检发办字〔2023〕10号 第三节).
 */
export enum ProgrammeKind {
  DIBAO = 'DIBAO',
  TEKUN = 'TEKUN',
  DISASTER_RELIEF = 'DISASTER_RELIEF',
  MEDICAL = 'MEDICAL',
  EDUCATION = 'EDUCATION',
  HOUSING = 'HOUSING',
  EMPLOYMENT = 'EMPLOYMENT',
  TEMPORARY = 'TEMPORARY',
  JUDICIAL_ASSISTANCE = 'JUDICIAL_ASSISTANCE',
  RELAPSE_PREVENTION = 'RELAPSE_PREVENTION',
  TRADE_UNION_HARDSHIP = 'TRADE_UNION_HARDSHIP',
  YOUTH_LEAGUE_TIMELY_RAIN = 'YOUTH_LEAGUE_TIMELY_RAIN',
  SPRING_BUD = 'SPRING_BUD',
  DISABLED_CHILD_REHABILITATION = 'DISABLED_CHILD_REHABILITATION',
  RED_CROSS_HARDSHIP = 'RED_CROSS_HARDSHIP',
  OTHER = 'OTHER',
}
registerEnumType(ProgrammeKind, {
  name: 'ProgrammeKind',
  valuesConfig: {
    DIBAO: { description: '最低生活保障' },
    TEKUN: { description: '特困人员救助供养' },
    DISASTER_RELIEF: { description: '受灾人员救助' },
    MEDICAL: { description: '医疗救助' },
    EDUCATION: { description: '教育救助' },
    HOUSING: { description: '住房救助' },
    EMPLOYMENT: { description: '就业救助' },
    TEMPORARY: { description: '临时救助' },
    JUDICIAL_ASSISTANCE: { description: '国家司法救助' },
    RELAPSE_PREVENTION: { description: '防止返贫动态监测帮扶' },
    TRADE_UNION_HARDSHIP: { description: '工会困难职工帮扶' },
    YOUTH_LEAGUE_TIMELY_RAIN: { description: '希望工程“及时雨”' },
    SPRING_BUD: { description: '春蕾计划' },
    DISABLED_CHILD_REHABILITATION: { description: '残疾儿童康复救助' },
    RED_CROSS_HARDSHIP: { description: '红十字特困临时救助' },
  },
});
