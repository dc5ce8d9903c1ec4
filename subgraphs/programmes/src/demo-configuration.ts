import * as demo from '@doudi/shared/demo';
import { ApprovalLevel, ProgrammeSetting, type ProgrammeSettings } from './version/programme-settings.js';

const [linfenTemporary, xiangfenDibao, jinjiangJudicial, jinjiangSpringBud, chengkouTekun, xiangfenTemporary] =
  demo.programmes;
const [, , , , , , xiangfenRehabilitation, chengkouLowIncome, zhoucunTemporary] = demo.programmes;

/**
 * Local standards for 2026, monthly, in fen. The figures are illustrative (each city publishes its own);
 * the structure follows 临社救办发〔2015〕3号 二(一) (the city sets the line, counties inherit it) and 河鱼府发【2021】39号 一
 * (low income: up to 1.5 × the dibao line).
 */
export const DEMO_STANDARDS = [
  {
    jurisdictionCode: '141000000000',
    year: 2026,
    urban: 78_000,
    rural: 60_000,
    tekun: 101_400,
    publishedIn: '临汾市 2026 年城乡低保标准（示例）',
  },
  {
    jurisdictionCode: '350500000000',
    year: 2026,
    urban: 93_000,
    rural: 93_000,
    tekun: 120_900,
    publishedIn: '泉州市 2026 年城乡低保标准（示例）',
  },
  {
    jurisdictionCode: '370300000000',
    year: 2026,
    urban: 96_000,
    rural: 80_000,
    tekun: 124_800,
    publishedIn: '淄博市 2026 年城乡低保标准（示例）',
  },
  {
    jurisdictionCode: '500229000000',
    year: 2026,
    urban: 76_000,
    rural: 61_000,
    tekun: 98_800,
    publishedIn: '城口县 2026 年城乡低保标准（示例）',
  },
];

const FROM = '2026-01-01';

interface DemoVersion {
  programmeId: string;
  effectiveFrom: string;
  note: string;
  settings: ProgrammeSettings;
  locks?: ProgrammeSetting[];
}

/** The demo configuration: one version per programme, each following its seed document. */
export const DEMO_VERSIONS: DemoVersion[] = [
  {
    programmeId: linfenTemporary.id,
    effectiveFrom: FROM,
    note: '临社救办发〔2015〕3号 二(八): 原则上个人年最高救助额不超过5000元，家庭年最高救助额不超过10000元（市定上限，县不得突破）',
    settings: { caps: { perPersonYearFen: 500_000, perHouseholdYearFen: 1_000_000, perGrantFen: null } },
    locks: [ProgrammeSetting.CAPS],
  },
  {
    programmeId: xiangfenTemporary.id,
    effectiveFrom: FROM,
    note: '临社救办发〔2015〕3号 二(八): 救助金额较小的，县民政部门可以委托乡(镇)人民政府审批；较大金额集体研究后由县审批',
    settings: {
      approval: {
        tiers: [
          { upToFen: 100_000, level: ApprovalLevel.TOWNSHIP, collectiveReview: false },
          { upToFen: null, level: ApprovalLevel.COUNTY, collectiveReview: true },
        ],
      },
    },
  },
  {
    programmeId: xiangfenDibao.id,
    effectiveFrom: FROM,
    note: '临社救办发〔2015〕3号 二(一): 按实际收入计算家庭收入；民主评议、公示、审批；低保金按差额发放',
    settings: {
      eligibilityRule: 'household.perCapitaIncome < standards.dibaoLine && household.totalAssets < 100000.0',
      amount: { fixedFen: null, formula: '(standards.dibaoLine - household.perCapitaIncome) * double(household.size)' },
      approval: { tiers: [{ upToFen: null, level: ApprovalLevel.COUNTY, collectiveReview: false }] },
      publicNoticeDays: 7,
      // 临社救办发〔2015〕3号 二(一) 动态管理: reviewed once a year (the regulation leaves the cycle to the county).
      reviewCycleMonths: 12,
    },
  },
  {
    programmeId: jinjiangJudicial.id,
    effectiveFrom: FROM,
    note: '晋检发办字〔2023〕10号 第六条、第二十条: decided case by case by the procuratorate; emergencies paid first',
    settings: {},
  },
  {
    programmeId: jinjiangSpringBud.id,
    effectiveFrom: FROM,
    note: '晋检发办字〔2023〕10号 第十七条: 妇联对困难家庭的未成年女童开展帮扶（春蕾计划）',
    settings: {
      eligibilityRule:
        "members.exists(m, m.sex == 'FEMALE' && m.age < 18 && m.schooling in ['PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'VOCATIONAL'])\n&& household.perCapitaIncome < standards.lowIncomeLine",
      amount: { fixedFen: 200_000, formula: null },
    },
  },
  {
    programmeId: chengkouTekun.id,
    effectiveFrom: FROM,
    note: '临社救办发〔2015〕3号 二(二): 无劳动能力、无生活来源且无法定赡养、抚养、扶养义务人或其无能力的老年人、残疾人以及未满16周岁的未成年人',
    settings: {
      eligibilityRule:
        "members.exists(m, (m.age >= 60 || m.disabled || m.age < 16) && m.workAbility == 'NONE')\n&& household.perCapitaIncome < standards.tekun\n&& !household.hasAbleObligor",
      amount: { fixedFen: null, formula: 'standards.tekun' },
      publicNoticeDays: 7,
      // 临社救办发〔2015〕3号 二(二): 不再符合供养条件的，及时终止供养并予以公示 — checked once a year.
      reviewCycleMonths: 12,
    },
  },
  {
    programmeId: xiangfenRehabilitation.id,
    effectiveFrom: FROM,
    note: '襄政办发〔2023〕26号 六(十一): 对符合救助条件的0—15岁残疾儿童提供康复救助',
    settings: { eligibilityRule: 'members.exists(m, m.disabled && m.age <= 15)' },
  },
  {
    programmeId: chengkouLowIncome.id,
    effectiveFrom: FROM,
    note: '河鱼府发【2021】39号 一: 低收入家庭（人均收入在低保标准1.5倍以内）与监测对象纳入主动发现范围',
    settings: {
      eligibilityRule:
        "household.povertyMonitoring != 'NONE'\n|| household.perCapitaIncome >= standards.dibaoLine && household.perCapitaIncome < standards.lowIncomeLine",
    },
  },
  {
    programmeId: zhoucunTemporary.id,
    effectiveFrom: FROM,
    note: '周政办字〔2017〕70号 四: 一门受理、转办、办结；救急难 decided case by case',
    settings: { approval: { tiers: [{ upToFen: null, level: ApprovalLevel.COUNTY, collectiveReview: false }] } },
  },
];
