/**
 * Demo data shared by the subgraphs' seeders: the places and agencies of the five seed documents, with
 * fixed ids so that what one subgraph seeds can be referred to by another. County-level and higher codes
 * are the real GB/T 2260 codes; the township and village codes under 城口县 are illustrative.
 */
const id = (n: number) => `019a0000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

export const jurisdictions = [
  { code: '140000000000', name: '山西省', parentCode: null },
  { code: '141000000000', name: '临汾市', parentCode: '140000000000' },
  { code: '141023000000', name: '襄汾县', parentCode: '141000000000' },
  { code: '141023100000', name: '新城镇', parentCode: '141023000000' },
  { code: '350000000000', name: '福建省', parentCode: null },
  { code: '350500000000', name: '泉州市', parentCode: '350000000000' },
  { code: '350582000000', name: '晋江市', parentCode: '350500000000' },
  { code: '370000000000', name: '山东省', parentCode: null },
  { code: '370300000000', name: '淄博市', parentCode: '370000000000' },
  { code: '370306000000', name: '周村区', parentCode: '370300000000' },
  { code: '500000000000', name: '重庆市', parentCode: null },
  { code: '500229000000', name: '城口县', parentCode: '500000000000' },
  { code: '500229218000', name: '河鱼乡', parentCode: '500229000000' },
  { code: '500229218001', name: '河鱼村', parentCode: '500229218000' },
  { code: '500229218002', name: '平原村', parentCode: '500229218000' },
  { code: '500229218003', name: '大店村', parentCode: '500229218000' },
] as const;

export const organisations = {
  xiangfenPolice: { id: id(0x101), name: '襄汾县公安局', kind: 'PUBLIC_SECURITY', jurisdictionCode: '141023000000' },
  xiangfenCivilAffairs: {
    id: id(0x102),
    name: '襄汾县民政局',
    kind: 'CIVIL_AFFAIRS',
    jurisdictionCode: '141023000000',
  },
  xiangfenAgriculture: {
    id: id(0x103),
    name: '襄汾县农业农村局',
    kind: 'AGRICULTURE_RURAL',
    jurisdictionCode: '141023000000',
  },
  xiangfenEducation: { id: id(0x104), name: '襄汾县教育科技局', kind: 'EDUCATION', jurisdictionCode: '141023000000' },
  linfenCivilAffairs: { id: id(0x105), name: '临汾市民政局', kind: 'CIVIL_AFFAIRS', jurisdictionCode: '141000000000' },
  xiangfenDisabledFederation: {
    id: id(0x107),
    name: '襄汾县残疾人联合会',
    kind: 'DISABLED_PERSONS_FEDERATION',
    jurisdictionCode: '141023000000',
  },
  jinjiangProcuratorate: {
    id: id(0x201),
    name: '晋江市人民检察院',
    kind: 'PROCURATORATE',
    jurisdictionCode: '350582000000',
  },
  jinjiangCivilAffairs: {
    id: id(0x202),
    name: '晋江市民政局',
    kind: 'CIVIL_AFFAIRS',
    jurisdictionCode: '350582000000',
  },
  jinjiangWomensFederation: {
    id: id(0x203),
    name: '晋江市妇女联合会',
    kind: 'WOMENS_FEDERATION',
    jurisdictionCode: '350582000000',
  },
  zhoucunCivilAffairs: { id: id(0x301), name: '周村区民政局', kind: 'CIVIL_AFFAIRS', jurisdictionCode: '370306000000' },
  chengkouCivilAffairs: {
    id: id(0x401),
    name: '城口县民政局',
    kind: 'CIVIL_AFFAIRS',
    jurisdictionCode: '500229000000',
  },
  heyuTownship: {
    id: id(0x402),
    name: '河鱼乡人民政府',
    kind: 'TOWNSHIP_GOVERNMENT',
    jurisdictionCode: '500229218000',
  },
  heyuVillage: { id: id(0x403), name: '河鱼村村民委员会', kind: 'VILLAGE_COMMITTEE', jurisdictionCode: '500229218001' },
  xinchengTownship: {
    id: id(0x106),
    name: '新城镇人民政府',
    kind: 'TOWNSHIP_GOVERNMENT',
    jurisdictionCode: '141023100000',
  },
  // 河鱼府发【2021】39号 二(一): county centre, township station and village points form the "三级响应" system.
  chengkouCentre: {
    id: id(0x404),
    name: '城口县主动发现救助指挥中心',
    kind: 'ASSISTANCE_STATION',
    jurisdictionCode: '500229000000',
  },
  heyuStation: {
    id: id(0x405),
    name: '河鱼乡主动发现救助指挥站',
    kind: 'ASSISTANCE_STATION',
    jurisdictionCode: '500229218000',
    // 河鱼府发【2021】39号 二(二): the township's social-assistance hotline (its emergency duty line).
    hotline: '023-59265746',
    liaisonName: '乡民政办主任（指挥站办公室主任）',
  },
  heyuVillagePoint: {
    id: id(0x406),
    name: '河鱼村主动发现救助指挥点',
    kind: 'ASSISTANCE_STATION',
    jurisdictionCode: '500229218001',
  },
  pingyuanVillagePoint: {
    id: id(0x407),
    name: '平原村主动发现救助指挥点',
    kind: 'ASSISTANCE_STATION',
    jurisdictionCode: '500229218002',
  },
  dadianVillagePoint: {
    id: id(0x408),
    name: '大店村主动发现救助指挥点',
    kind: 'ASSISTANCE_STATION',
    jurisdictionCode: '500229218003',
  },
} as const;

export const households = [
  {
    id: id(0x1001),
    jurisdictionCode: '141023100000',
    address: '襄汾县新城镇某村 3 组',
    members: [
      { id: id(0x1101), name: '王秀兰', sex: 'FEMALE', birthDate: '1979-03-14', relationshipToHead: 'SELF' },
      { id: id(0x1102), name: '李明', sex: 'MALE', birthDate: '2012-09-02', relationshipToHead: 'CHILD' },
    ],
  },
  {
    id: id(0x1002),
    jurisdictionCode: '350582000000',
    address: '晋江市某街道某社区',
    members: [
      { id: id(0x1201), name: '陈美玲', sex: 'FEMALE', birthDate: '1988-11-30', relationshipToHead: 'SELF' },
      { id: id(0x1202), name: '陈子涵', sex: 'FEMALE', birthDate: '2015-05-21', relationshipToHead: 'CHILD' },
    ],
  },
  {
    id: id(0x1003),
    jurisdictionCode: '500229218001',
    address: '城口县河鱼乡河鱼村',
    members: [{ id: id(0x1301), name: '张德福', sex: 'MALE', birthDate: '1951-01-08', relationshipToHead: 'SELF' }],
  },
] as const;

/**
 * The programmes of the seed documents; their configuration (versions, rules, caps, approval) is in
 * subgraphs/programmes/src/demo.ts. 临汾's temporary assistance is a city template (临社救办发〔2015〕3号 二(八)
 * sets the caps for the whole city and leaves the rest to the counties), which 襄汾 adopts.
 */
export const programmes = [
  {
    id: id(0x2001),
    kind: 'TEMPORARY',
    name: '临时救助（市级模板）',
    isTemplate: true,
    jurisdictionCode: '141000000000',
    organisationId: organisations.linfenCivilAffairs.id,
  },
  {
    id: id(0x2002),
    kind: 'DIBAO',
    name: '最低生活保障',
    jurisdictionCode: '141023000000',
    organisationId: organisations.xiangfenCivilAffairs.id,
  },
  {
    id: id(0x2003),
    kind: 'JUDICIAL_ASSISTANCE',
    name: '国家司法救助',
    jurisdictionCode: '350582000000',
    organisationId: organisations.jinjiangProcuratorate.id,
  },
  {
    id: id(0x2004),
    kind: 'SPRING_BUD',
    name: '春蕾计划',
    jurisdictionCode: '350582000000',
    organisationId: organisations.jinjiangWomensFederation.id,
  },
  {
    id: id(0x2005),
    kind: 'TEKUN',
    name: '特困人员救助供养',
    jurisdictionCode: '500229000000',
    organisationId: organisations.chengkouCivilAffairs.id,
  },
  {
    id: id(0x2006),
    kind: 'TEMPORARY',
    name: '临时救助',
    templateId: id(0x2001),
    jurisdictionCode: '141023000000',
    organisationId: organisations.xiangfenCivilAffairs.id,
  },
  {
    id: id(0x2007),
    kind: 'DISABLED_CHILD_REHABILITATION',
    name: '残疾儿童康复救助',
    jurisdictionCode: '141023000000',
    organisationId: organisations.xiangfenDisabledFederation.id,
  },
  {
    id: id(0x2008),
    kind: 'RELAPSE_PREVENTION',
    name: '防止返贫动态监测帮扶（低收入人口）',
    jurisdictionCode: '500229000000',
    organisationId: organisations.chengkouCivilAffairs.id,
  },
  {
    id: id(0x2009),
    kind: 'TEMPORARY',
    name: '临时救助（救急难）',
    jurisdictionCode: '370306000000',
    organisationId: organisations.zhoucunCivilAffairs.id,
  },
] as const;

/**
 * One case per workflow family of the seeds, part-way through (dates in 2026: 国庆节 1–7 October, with 10 October
 * a make-up working day). Due dates are as the seeds' default time limits count them.
 */
export const cases = [
  {
    id: id(0x3001),
    householdId: households[0].id,
    jurisdictionCode: households[0].jurisdictionCode,
    channel: 'NON_NATURAL_DEATH',
    stage: 'REFERRED',
    receivedOn: '2026-09-30',
    summary: '非正常死亡案件：家庭主要劳动力去世，留有在校子女',
    leadOrganisationId: organisations.xiangfenPolice.id,
    referrals: [
      {
        id: id(0x3101),
        from: organisations.xiangfenPolice.id,
        to: organisations.xiangfenCivilAffairs.id,
        kind: 'SOCIAL_ASSISTANCE',
        sentOn: '2026-10-20',
        status: 'SENT',
        dueDate: '2026-11-20',
        dueRule: 'AGENCY_WRITTEN_ANSWER',
      },
      {
        id: id(0x3102),
        from: organisations.xiangfenPolice.id,
        to: organisations.xiangfenAgriculture.id,
        kind: 'RURAL_SUPPORT',
        sentOn: '2026-10-20',
        status: 'SENT',
        dueDate: '2026-11-20',
        dueRule: 'AGENCY_WRITTEN_ANSWER',
      },
    ],
  },
  {
    id: id(0x3002),
    householdId: households[1].id,
    jurisdictionCode: households[1].jurisdictionCode,
    channel: 'JUDICIAL_ASSISTANCE',
    stage: 'REFERRED',
    receivedOn: '2026-10-12',
    summary: '刑事案件被害人家庭，因案致贫',
    leadOrganisationId: organisations.jinjiangProcuratorate.id,
    referrals: [
      {
        id: id(0x3201),
        from: organisations.jinjiangProcuratorate.id,
        to: organisations.jinjiangCivilAffairs.id,
        kind: 'SOCIAL_ASSISTANCE',
        sentOn: '2026-10-28',
        // Accepted: the procedure runs, and the report back is due only once it concludes (晋检发办字〔2023〕10号 第二十一条).
        status: 'ACCEPTED',
        dueDate: null,
        dueRule: null,
      },
    ],
  },
  {
    id: id(0x3003),
    householdId: households[2].id,
    jurisdictionCode: households[2].jurisdictionCode,
    channel: 'VILLAGE_DISCOVERY',
    stage: 'LEAD',
    receivedOn: '2026-11-16',
    summary: '独居老人，慢性病，村级救助服务点走访发现',
    leadOrganisationId: organisations.heyuTownship.id,
    referrals: [],
  },
] as const;

/**
 * Demo sign-ins, one per role (README, "Demo accounts"). Loaded only outside production: their passwords
 * are printed in the README.
 */
export const DEMO_PASSWORD = 'doudi-demo-2026';
export const staff = [
  {
    id: id(0x601),
    username: 'doudi.admin',
    displayName: '平台管理员',
    roles: ['SYSTEM_ADMIN'],
    organisationId: organisations.linfenCivilAffairs.id,
  },
  {
    id: id(0x602),
    username: 'xiangfen.admin',
    displayName: '襄汾县民政局管理员',
    roles: ['JURISDICTION_ADMIN'],
    organisationId: organisations.xiangfenCivilAffairs.id,
  },
  {
    id: id(0x603),
    username: 'xincheng.caseworker',
    displayName: '新城镇社会救助经办人',
    roles: ['CASEWORKER'],
    organisationId: organisations.xinchengTownship.id,
  },
  {
    id: id(0x604),
    username: 'xiangfen.police',
    displayName: '襄汾县公安局联络员',
    roles: ['AGENCY_STAFF'],
    organisationId: organisations.xiangfenPolice.id,
  },
  {
    id: id(0x605),
    username: 'xiangfen.dashboard',
    displayName: '襄汾县社会救助看板',
    roles: ['REPORTING'],
    organisationId: organisations.xiangfenCivilAffairs.id,
  },
  {
    id: id(0x606),
    username: 'jinjiang.admin',
    displayName: '晋江市民政局管理员',
    roles: ['JURISDICTION_ADMIN'],
    organisationId: organisations.jinjiangCivilAffairs.id,
  },
  {
    id: id(0x607),
    username: 'jinjiang.procurator',
    displayName: '晋江市人民检察院司法救助专员',
    roles: ['AGENCY_STAFF'],
    organisationId: organisations.jinjiangProcuratorate.id,
  },
  {
    id: id(0x608),
    username: 'heyu.caseworker',
    displayName: '河鱼乡民政办经办人',
    roles: ['CASEWORKER'],
    organisationId: organisations.heyuTownship.id,
  },
  {
    id: id(0x609),
    username: 'xincheng.approver',
    displayName: '新城镇分管社会救助副镇长',
    roles: ['APPROVER'],
    organisationId: organisations.xinchengTownship.id,
  },
  {
    // 临汾市's dashboard: it also sees 洪洞县, the county `npm start` generates beside 襄汾县 (scripts/demo-county.ts).
    id: id(0x60a),
    username: 'linfen.dashboard',
    displayName: '临汾市社会救助看板',
    roles: ['REPORTING'],
    organisationId: organisations.linfenCivilAffairs.id,
  },
  {
    // 河鱼府发【2021】39号 二(一)(二): the village point of 河鱼村 finds families and visits them; its account sits at the
    // village, so it submits VILLAGE_DISCOVERY leads and records visits but takes no application (shared/src/auth/village.ts).
    id: id(0x60b),
    username: 'heyu.villagepoint',
    displayName: '河鱼村主动发现救助指挥点信息员',
    roles: ['CASEWORKER'],
    organisationId: organisations.heyuVillagePoint.id,
  },
] as const;

export const apiClients = [
  {
    id: id(0x701),
    name: '襄汾县公安局非正常死亡案件系统',
    organisationId: organisations.xiangfenPolice.id,
    secret: 'dds_demo-xiangfen-police-not-for-production',
    scopes: [
      'jurisdictions:read',
      'organisations:read',
      'households:read',
      'households:write',
      'cases:read',
      'cases:write',
    ],
  },
  {
    id: id(0x702),
    name: '襄汾县社会救助数据看板',
    organisationId: organisations.xiangfenCivilAffairs.id,
    secret: 'dds_demo-xiangfen-dashboard-not-for-production',
    scopes: ['jurisdictions:read', 'organisations:read', 'programmes:read', 'reports:read'],
  },
] as const;
