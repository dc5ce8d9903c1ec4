import { shanghaiDate } from '@doudi/shared';
import { exportFile, type ExportColumn, type ExportFormat, type ExportSheet } from '@doudi/shared/reporting/export';
import type { Context } from '../context.js';
import { namesOf } from '../remote/organisations.js';
import { maskRow, mayReadItems } from './ledger.access.js';
import { LedgerKind, LedgerStatus } from './ledger.entity.js';
import type { LedgerRow } from './ledger.rows.js';
import type { LedgerView } from './ledger.service.js';
import { ledgerTable } from './ledger.table.js';

const KIND_TITLES: Record<LedgerKind, string> = {
  OFFICE: '科室救助台账',
  TOWNSHIP: '全乡救助情况台账',
  TOWNSHIP_SUMMARY: '救助台账归类汇总',
};

const CHANNELS: Record<string, string> = {
  NON_NATURAL_DEATH: '非正常死亡案（事）件',
  JUDICIAL_ASSISTANCE: '司法救助',
  WINDOW_APPLICATION: '窗口申请',
  HOTLINE: '热线求助',
  VILLAGE_DISCOVERY: '村（社区）排查发现',
  DATA_COMPARISON: '信息比对',
};

const REFERRAL_KINDS: Record<string, string> = {
  SOCIAL_ASSISTANCE: '社会救助',
  RURAL_SUPPORT: '农村帮扶',
  EDUCATION_AID: '教育救助',
  ELDERLY_CARE: '养老服务',
  MEDICAL_AID: '医疗救助',
  EMPLOYMENT_AID: '就业救助',
  HOUSING_AID: '住房救助',
  MENTAL_HEALTH: '心理健康',
  JUDICIAL_ASSISTANCE: '司法救助',
  LEGAL_AID: '法律援助',
  OTHER: '其他',
};

const OUTCOMES: Record<string, string> = {
  CLOSED: '结案',
  ANSWERED: '已答复',
  DECLINED: '不予救助',
  FORWARDED: '已转办',
};

const ITEM_COLUMNS: ExportColumn[] = [
  { key: 'no', header: '序号', type: 'integer' },
  { key: 'office', header: '承办科室' },
  { key: 'itemKind', header: '事项类型' },
  { key: 'caseId', header: '案件编号' },
  { key: 'division', header: '所属区划' },
  { key: 'channel', header: '来源渠道' },
  { key: 'referralKind', header: '转办事项' },
  { key: 'receivedOn', header: '收到日期', type: 'date' },
  { key: 'dueDate', header: '办理时限', type: 'date' },
  { key: 'status', header: '办理状态' },
  { key: 'concludedOn', header: '办结日期', type: 'date' },
  { key: 'outcome', header: '办理结果' },
  { key: 'receivedInMonth', header: '本月收到' },
  { key: 'handledInMonth', header: '本月办理' },
  { key: 'overdue', header: '逾期' },
  { key: 'reason', header: '未办结原因（说明情况）' },
  { key: 'newDueDate', header: '限时办结日期', type: 'date' },
];

const COUNT_COLUMNS: ExportColumn[] = [
  { key: 'office', header: '承办科室' },
  { key: 'submitted', header: '是否报送' },
  { key: 'revision', header: '版本', type: 'integer' },
  { key: 'late', header: '迟报' },
  { key: 'items', header: '事项数', type: 'integer' },
  { key: 'received', header: '本月收到', type: 'integer' },
  { key: 'handled', header: '本月办理', type: 'integer' },
  { key: 'concluded', header: '本月办结', type: 'integer' },
  { key: 'open', header: '未办结', type: 'integer' },
  { key: 'overdue', header: '逾期', type: 'integer' },
];

const named = (names: Map<string, string>, id: string) => names.get(id) ?? id;

function itemSheet(name: string, title: string, subtitle: string, rows: LedgerRow[], names: Map<string, string>) {
  return {
    name,
    title,
    subtitle,
    columns: ITEM_COLUMNS,
    rows: rows.map((row, i) => ({
      no: i + 1,
      office: named(names, row.organisationId),
      itemKind: row.itemKind === 'CASE' ? '线索（清单分配）' : '转介（转办）',
      caseId: row.caseId,
      division: named(names, row.jurisdictionCode),
      channel: CHANNELS[row.channel] ?? row.channel,
      referralKind: row.referralKind ? (REFERRAL_KINDS[row.referralKind] ?? row.referralKind) : null,
      receivedOn: row.receivedOn,
      dueDate: row.dueDate,
      status: row.status === 'OPEN' ? '未办结' : '已办结',
      concludedOn: row.concludedOn,
      outcome: row.outcome ? (OUTCOMES[row.outcome] ?? row.outcome) : null,
      receivedInMonth: row.receivedInMonth,
      handledInMonth: row.handledInMonth,
      overdue: row.overdue,
      reason: row.reason,
      newDueDate: row.newDueDate,
    })),
  } satisfies ExportSheet;
}

function subtitleOf(view: LedgerView): string {
  const state =
    view.status === LedgerStatus.SUBMITTED
      ? `已报送（第${view.version}版，首次报送 ${view.submittedOn}${view.late ? '，迟报' : ''}）`
      : `未报送（截至 ${shanghaiDate()} 的办理情况）`;
  return `报送期限：${view.dueDate}  ${state}  依据：河鱼府发【2021】39号 二(四)`;
}

/**
 * The ledger as a file (issue 13 item 5). Those who may read the items get them, health facts masked as in the
 * API; a reporting caller gets the suppressed table alone, never an item.
 */
export async function ledgerExport(ctx: Context, view: LedgerView, format: ExportFormat) {
  const names = await namesOf(ctx, {
    codes: [view.subject.jurisdictionCode, ...view.rows.map((r) => r.jurisdictionCode)],
    organisationIds: [
      ...(view.subject.organisationId ? [view.subject.organisationId] : []),
      ...view.rows.map((r) => r.organisationId),
    ],
  });
  const [year, month] = view.month.split('-').map(Number);
  const who = named(names, view.subject.organisationId ?? view.subject.jurisdictionCode);
  const title = `${who} ${year}年${month}月 ${KIND_TITLES[view.subject.kind]}`;
  const subtitle = subtitleOf(view);
  const sheets: ExportSheet[] = [];
  if (mayReadItems(ctx.principal, view.subject)) {
    const rows = view.rows.map((row) => maskRow(ctx.principal, row));
    if (view.subject.kind === LedgerKind.TOWNSHIP_SUMMARY) {
      const concluded = rows.filter((r) => r.status === 'CONCLUDED');
      const open = rows.filter((r) => r.status === 'OPEN');
      sheets.push(itemSheet('已办结（建档归卷）', `${title}：已办结事项（建档归卷）`, subtitle, concluded, names));
      sheets.push(itemSheet('未办结（限时办结）', `${title}：未办结事项（说明情况，限时办结）`, subtitle, open, names));
    } else {
      sheets.push(itemSheet('台账', title, subtitle, rows, names));
    }
    if (view.subject.kind !== LedgerKind.OFFICE) {
      sheets.push({
        name: '科室报送情况',
        title: `${title}：各科室报送情况`,
        subtitle,
        columns: COUNT_COLUMNS,
        rows: view.offices.map((o) => ({
          office: named(names, o.organisationId),
          submitted: o.submitted,
          revision: o.revision,
          late: o.late,
          ...o.counts,
        })),
      });
    }
  } else {
    const table = ledgerTable(view.subject.kind, view.rows);
    const organisationAt = table.dimensions.indexOf('RESPONSIBLE_ORGANISATION');
    const statusAt = table.dimensions.indexOf('STATUS');
    sheets.push({
      name: '统计',
      title: `${title}（统计，小于5户的单元格不予公布）`,
      subtitle,
      columns: [
        ...(organisationAt >= 0 ? [{ key: 'office', header: '承办科室' }] : []),
        { key: 'status', header: '办理状态' },
        { key: 'items', header: '事项数', type: 'integer' as const },
        { key: 'households', header: '涉及户数', type: 'integer' as const },
        { key: 'suppressed', header: '已隐去' },
      ],
      rows: table.cells.map((cell) => {
        const office = organisationAt >= 0 ? cell.keys[organisationAt] : null;
        const status = cell.keys[statusAt];
        return {
          office: office ? named(names, office) : '合计',
          status: status === null ? '合计' : status === 'OPEN' ? '未办结' : '已办结',
          items: cell.value,
          households: cell.households,
          suppressed: cell.suppressed,
        };
      }),
    });
  }
  return exportFile({ fileName: `${who}_${view.month}_${KIND_TITLES[view.subject.kind]}`, sheets }, format);
}
