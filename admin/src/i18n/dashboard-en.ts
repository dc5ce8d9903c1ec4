import type { dashboardChinese } from './dashboard-zh';

/** English words of the dashboard: the same keys as dashboard-zh.ts. */
export const dashboardEnglish: typeof dashboardChinese = {
  doudi: {
    dashboard: {
      title: 'Dashboard',
      period_kind: 'Period',
      period: 'Which',
      kinds: { month: 'Month', quarter: 'Quarter', year: 'Year' },
      suppressed: 'Withheld (fewer than 5 households)',
      nothing: 'No figures for this period',
      total: 'Total',
      view_of: 'How %{title} is shown',
      view_chart: 'Chart',
      view_table: 'Table',
      chart_label: '%{title} (chart; the figures are in the table view)',
      ledger: {
        title: 'Monthly ledger',
        pick_township: 'Ledgers are filed per township: pick a township as the division.',
        kind: 'Ledger',
        kinds: { TOWNSHIP: 'Township ledger (month end)', TOWNSHIP_SUMMARY: 'Classified summary (by the 5th)' },
        month: 'Month',
        export: 'Export XLSX',
        status: { NOT_SUBMITTED: 'Not submitted', SUBMITTED: 'Submitted' },
        due: 'due %{date}',
        items: 'items',
      },
      charts: {
        flow: 'Cases and referrals by month',
        on_time: 'Member units answering on time',
        relief: 'Relief granted by programme and month',
        households: 'Households by hardship category and income band',
      },
      series: {
        opened: 'Cases received',
        closed: 'Cases closed',
        sent: 'Referrals sent',
        answered: 'Answered in writing',
        on_time: 'On time',
        late: 'Late',
        on_time_rate: 'On-time rate',
        median: 'Median working days to answer',
      },
      monitoring: {
        UNSTABLE_OUT_OF_POVERTY: 'Unstable after poverty',
        MARGINAL_AT_RISK: 'Marginal, at risk',
        SUDDEN_SEVERE_HARDSHIP: 'Sudden severe hardship',
        NONE: 'Not monitored',
      },
      bands: {
        BELOW_DIBAO_LINE: 'Below the dibao line',
        LOW_INCOME: 'Low income',
        ABOVE_LOW_INCOME_LINE: 'Above the low-income line',
        INCOME_UNKNOWN: 'No income recorded',
        LINE_UNKNOWN: 'No line applies',
      },
    },
  },
  resources: { dashboard: { name: 'Dashboard' } },
};
