/** The dashboard's words (issue 14 item 6), merged in index.ts by one line; dashboard-en.ts has the same keys. */
export const dashboardChinese = {
  doudi: {
    dashboard: {
      title: '统计看板',
      period_kind: '统计周期',
      period: '期间',
      kinds: { month: '月', quarter: '季度', year: '年' },
      suppressed: '已隐藏（少于5户）',
      nothing: '本期无数据',
      total: '合计',
      view_of: '%{title}的显示方式',
      view_chart: '图表',
      view_table: '表格',
      chart_label: '%{title}（图表；数据见表格视图）',
      charts: {
        flow: '案件与转介（按月）',
        on_time: '成员单位按时函复率',
        relief: '救助发放金额（按项目、按月）',
        households: '困难家庭（按监测类别、收入档次）',
      },
      series: {
        opened: '受理案件',
        closed: '办结案件',
        sent: '发出转介',
        answered: '书面函复',
        on_time: '按时函复',
        late: '逾期函复',
        on_time_rate: '按时率',
        median: '函复用时中位数（工作日）',
      },
      monitoring: {
        UNSTABLE_OUT_OF_POVERTY: '脱贫不稳定户',
        MARGINAL_AT_RISK: '边缘易致贫户',
        SUDDEN_SEVERE_HARDSHIP: '突发严重困难户',
        NONE: '非监测对象',
      },
      bands: {
        BELOW_DIBAO_LINE: '低于低保标准',
        LOW_INCOME: '低收入',
        ABOVE_LOW_INCOME_LINE: '高于低收入标准',
        INCOME_UNKNOWN: '无收入记录',
        LINE_UNKNOWN: '无适用标准',
      },
    },
  },
  resources: { dashboard: { name: '统计看板' } },
};
