import { registerEnumType } from 'type-graphql';

export enum DeadlineUnit {
  WORKING_DAYS = 'WORKING_DAYS',
  CALENDAR_MONTHS = 'CALENDAR_MONTHS',
  /** A day of the month: "by the 5th of the next month" (amount = the day; 0 = the last day of this month). */
  DAY_OF_MONTH = 'DAY_OF_MONTH',
}
registerEnumType(DeadlineUnit, { name: 'DeadlineUnit' });

/**
 * The time limits the seed workflows set (docs/regulations.md); each a per-jurisdiction setting with this default.
 * Cases keeps the settings (DeadlineSetting) and is their only reader: it stamps due dates with the rule
 * that set them.
 */
export enum DeadlineRule {
  DEATH_CASE_VISIT = 'DEATH_CASE_VISIT',
  DEATH_CASE_STATION_REPORT = 'DEATH_CASE_STATION_REPORT',
  DEATH_CASE_REFERRALS = 'DEATH_CASE_REFERRALS',
  AGENCY_WRITTEN_ANSWER = 'AGENCY_WRITTEN_ANSWER',
  JUDICIAL_TO_SOCIAL_REFERRAL = 'JUDICIAL_TO_SOCIAL_REFERRAL',
  SOCIAL_TO_JUDICIAL_REFERRAL = 'SOCIAL_TO_JUDICIAL_REFERRAL',
  RECEIVER_STARTS_PROCEDURE = 'RECEIVER_STARTS_PROCEDURE',
  RECEIVER_REPORTS_BACK = 'RECEIVER_REPORTS_BACK',
  WINDOW_TRANSFER = 'WINDOW_TRANSFER',
  WINDOW_CONCLUDE = 'WINDOW_CONCLUDE',
  TOWNSHIP_MONTHLY_LEDGER = 'TOWNSHIP_MONTHLY_LEDGER',
  TOWNSHIP_CLASSIFIED_SUMMARY = 'TOWNSHIP_CLASSIFIED_SUMMARY',
  ECONOMIC_CHECK = 'ECONOMIC_CHECK',
  COMPLAINT_VERIFICATION = 'COMPLAINT_VERIFICATION',
}
registerEnumType(DeadlineRule, { name: 'DeadlineRule' });

export interface DeadlineDefault {
  amount: number;
  unit: DeadlineUnit;
  /** The seed and section the figure comes from. */
  source: string;
}

export const DEADLINE_DEFAULTS: Record<DeadlineRule, DeadlineDefault> = {
  DEATH_CASE_VISIT: {
    amount: 3,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '襄政办发〔2023〕26号 七(二): 派出所、村委会3个工作日内走访',
  },
  DEATH_CASE_STATION_REPORT: {
    amount: 5,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '襄政办发〔2023〕26号 七(三): 派出所5个工作日内报送牵头部门',
  },
  DEATH_CASE_REFERRALS: {
    amount: 7,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '襄政办发〔2023〕26号 七(三): 牵头部门收到报送后7个工作日内完成推送',
  },
  AGENCY_WRITTEN_ANSWER: {
    amount: 1,
    unit: DeadlineUnit.CALENDAR_MONTHS,
    source: '襄政办发〔2023〕26号 七(五): 收到推送函1个月内书面函复',
  },
  JUDICIAL_TO_SOCIAL_REFERRAL: {
    amount: 5,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '晋检发办字〔2023〕10号 第十九条: 调查结束后五个工作日内移送',
  },
  SOCIAL_TO_JUDICIAL_REFERRAL: {
    amount: 5,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '晋检发办字〔2023〕10号 第二十条: 五个工作日内移送司法救助线索',
  },
  RECEIVER_STARTS_PROCEDURE: {
    amount: 5,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '晋检发办字〔2023〕10号 第二十一条: 五个工作日内启动司法救助程序',
  },
  RECEIVER_REPORTS_BACK: {
    amount: 5,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '晋检发办字〔2023〕10号 第二十一条: 办结后五个工作日内反馈',
  },
  // 周政办字〔2017〕70号 leaves both figures to the local government ("制定具体转办流程和办结时限"); the defaults are
  // Doudi's, short because these are urgent cases (救急难), and each county sets its own with setDeadline.
  WINDOW_TRANSFER: {
    amount: 1,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '周政办字〔2017〕70号 四(二)(四): 窗口受理后及时转办（时限由各地确定，默认1个工作日）',
  },
  WINDOW_CONCLUDE: {
    amount: 10,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '周政办字〔2017〕70号 四(四): 限时办结（时限由各地确定，默认10个工作日）',
  },
  TOWNSHIP_MONTHLY_LEDGER: {
    amount: 0,
    unit: DeadlineUnit.DAY_OF_MONTH,
    source: '河鱼府发【2021】39号 二(四): 当月月末报县民政局备案',
  },
  TOWNSHIP_CLASSIFIED_SUMMARY: {
    amount: 5,
    unit: DeadlineUnit.DAY_OF_MONTH,
    source: '河鱼府发【2021】39号 二(四): 次月5日前归类汇总',
  },
  // 临社救办发〔2015〕3号 二(一) asks each county to set out the economic check's procedure but gives no figure; the
  // default is Doudi's, and each county sets its own with setDeadline.
  ECONOMIC_CHECK: {
    amount: 10,
    unit: DeadlineUnit.WORKING_DAYS,
    source: '临社救办发〔2015〕3号 二(一)、三(三): 家庭经济状况核对（时限由各地确定，默认10个工作日）',
  },
  // 临社救办发〔2015〕3号 二(一) asks that every report be verified and answered but sets no figure; the default is
  // Doudi's, and each county sets its own with setDeadline.
  COMPLAINT_VERIFICATION: {
    amount: 15,
    unit: DeadlineUnit.WORKING_DAYS,
    source:
      '临社救办发〔2015〕3号 二(一): 对群众举报的问题做到件件有核实、事事有回音（时限由各地确定，默认15个工作日）',
  },
};

export interface RuleInForce {
  rule: DeadlineRule;
  amount: number;
  unit: DeadlineUnit;
}

/**
 * The seeds' own figures, used only when the caller's credential may not read the county's settings
 * (an agency app without programmes:read): the due date then says so in `dueDateWarning`.
 */
export const SEED_FIGURES = Object.fromEntries(
  Object.entries(DEADLINE_DEFAULTS).map(([rule, { amount, unit }]) => [rule, { amount, unit }]),
) as Record<DeadlineRule, Omit<RuleInForce, 'rule'>>;
