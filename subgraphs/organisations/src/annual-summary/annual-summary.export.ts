import { shanghaiDate } from '@doudi/shared';
import { exportFile, type ExportFormat } from '@doudi/shared/reporting/export';
import type { Context } from '../context.js';
import type { Jurisdiction } from '../jurisdiction/jurisdiction.entity.js';
import type { Organisation } from '../organisation/organisation.entity.js';
import type { AnnualSummaryView } from './annual-summary.service.js';

/** The figures in the order the report reads them, with their Chinese names. */
const FIGURES: [keyof AnnualSummaryView['figures'], string][] = [
  ['casesOpened', '受理案（事）件数'],
  ['familiesReached', '帮扶家庭数（户）'],
  ['casesClosed', '办结案（事）件数'],
  ['referralsSent', '推送转介数'],
  ['referralsAnswered', '书面函复数'],
  ['answeredOnTime', '按期函复数'],
  ['answeredLate', '逾期函复数'],
  ['referralsDeclined', '不予救助数'],
  ['reliefGrants', '救助发放笔数'],
  ['reliefHouseholds', '救助户数'],
  ['reliefPersons', '救助人数'],
  ['reliefAmount', '救助金额（元）'],
  ['followUps', '跟踪回访次数'],
  ['followUpHouseholds', '回访家庭数（户）'],
];

/** The annual summary as a file (issue 13 item 5): the figures, each member unit's part, the members' reports. */
export async function annualSummaryExport(ctx: Context, view: AnnualSummaryView, format: ExportFormat) {
  const ids = [
    ...new Set([
      ...view.figures.memberUnits.map((u) => u.organisationId),
      ...view.memberReports.map((r) => r.organisationId),
    ]),
  ];
  const organisations = (await ctx.loaders.organisation.loadMany(ids)) as (Organisation | Error | null)[];
  const names = new Map(ids.map((id, i) => [id, (organisations[i] as Organisation | null)?.name ?? id]));
  const jurisdiction = (await ctx.loaders.jurisdiction.load(view.meeting.jurisdictionCode)) as Jurisdiction | null;
  const place = jurisdiction?.name ?? view.meeting.jurisdictionCode;
  const title = `${place} ${view.meeting.name} ${view.year}年度救助帮扶总体工作情况`;
  const subtitle = view.approved
    ? `经联席会议审议通过（${shanghaiDate(view.approved.approvedAt)}）  依据：襄政办发〔2023〕26号 附件1 第九条`
    : `草稿，截至 ${shanghaiDate()} 的数据，未经审议  依据：襄政办发〔2023〕26号 附件1 第九条`;
  const withheld = '（小于5户的数据不予公布，以空白表示）';
  return exportFile(
    {
      fileName: `${place}_${view.meeting.name}_${view.year}年度总体工作情况`,
      sheets: [
        {
          name: '年度数据',
          title,
          subtitle: view.figures.anySuppressed ? `${subtitle}${withheld}` : subtitle,
          columns: [
            { key: 'item', header: '项目' },
            { key: 'value', header: '数值', type: 'decimal' },
          ],
          rows: FIGURES.map(([key, item]) => ({ item, value: view.figures[key] as number | string | null })),
        },
        {
          name: '成员单位',
          title: `${title}：各成员单位落实情况`,
          subtitle,
          columns: [
            { key: 'name', header: '单位' },
            { key: 'member', header: '成员单位' },
            { key: 'sent', header: '收到转介', type: 'integer' },
            { key: 'answered', header: '书面函复', type: 'integer' },
            { key: 'answeredOnTime', header: '按期', type: 'integer' },
            { key: 'answeredLate', header: '逾期', type: 'integer' },
            { key: 'declined', header: '不予救助', type: 'integer' },
            { key: 'medianWorkingDays', header: '函复用时中位数（工作日）', type: 'decimal' },
          ],
          rows: view.figures.memberUnits.map((u) => ({ ...u, name: names.get(u.organisationId) })),
        },
        {
          name: '成员单位年度报告',
          title: `${title}：成员单位上一年度工作报告`,
          subtitle,
          columns: [
            { key: 'name', header: '单位' },
            { key: 'received', header: '已提交' },
            { key: 'submittedOn', header: '提交日期', type: 'date' },
            { key: 'dueDate', header: '应交日期', type: 'date' },
            { key: 'late', header: '逾期' },
          ],
          rows: view.memberReports.map((r) => ({
            name: names.get(r.organisationId),
            received: r.received,
            submittedOn: r.submittedAt ? shanghaiDate(new Date(r.submittedAt)) : null,
            dueDate: r.dueDate,
            late: r.late,
          })),
        },
      ],
    },
    format,
  );
}
