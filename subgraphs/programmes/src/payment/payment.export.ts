import type { EntityManager } from '@mikro-orm/postgresql';
import { formatYuan } from '@doudi/shared';
import { exportFile, type ExportColumn, type ExportFormat } from '@doudi/shared/reporting/export';
import { Programme } from '../programme/programme.entity.js';
import { Payment } from './payment.entity.js';
import { PaymentStatus } from './payment-status.js';
import { rollTotals, type rollScope } from './payment.service.js';

/** The most rows one file carries (a city's month of dibao and tekun fits). */
export const ROLL_EXPORT_MAX = 200_000;

const STATUS_NAMES: Record<PaymentStatus, string> = { SCHEDULED: '待发放', PAID: '已发放', RETURNED: '已退回' };

const COLUMNS: ExportColumn[] = [
  { key: 'no', header: '序号', type: 'integer' },
  { key: 'jurisdictionCode', header: '户籍地区划代码' },
  { key: 'programme', header: '救助项目' },
  { key: 'householdId', header: '家庭编号' },
  { key: 'personId', header: '救助对象编号' },
  { key: 'period', header: '发放月份' },
  { key: 'amount', header: '金额（元）', type: 'yuan' },
  { key: 'status', header: '状态' },
  { key: 'paidOn', header: '发放日期', type: 'date' },
  { key: 'payingOrganisationId', header: '发放单位编号' },
  { key: 'returnReason', header: '退回原因' },
];

/**
 * The payment roll as a file (资金发放花名册, 临社救办发〔2015〕3号 二(一)): one row a payment, its totals in the subtitle.
 * Identifiers, not names: names and ID numbers are read from the households registry under its own rules.
 */
export async function rollExport(
  em: EntityManager,
  where: ReturnType<typeof rollScope>,
  jurisdictionCode: string,
  format: ExportFormat,
) {
  const [payments, totals] = await Promise.all([
    em.find(Payment, where, {
      orderBy: [{ programmeId: 'asc' }, { householdId: 'asc' }, { id: 'asc' }],
      limit: ROLL_EXPORT_MAX,
    }),
    rollTotals(em, jurisdictionCode, where.period),
  ]);
  const programmeIds = [...new Set(payments.map((p) => p.programmeId))];
  const programmes = programmeIds.length
    ? await em.find(Programme, { id: { $in: programmeIds } }, { fields: ['id', 'name'] })
    : [];
  const names = new Map(programmes.map((p) => [p.id, p.name]));
  const rows = payments.map((p, i) => ({
    no: i + 1,
    jurisdictionCode: p.jurisdictionCode,
    programme: names.get(p.programmeId) ?? p.programmeId,
    householdId: p.householdId,
    personId: p.personId,
    period: p.period,
    amount: formatYuan(p.amountFen),
    status: STATUS_NAMES[p.status],
    paidOn: p.paidOn,
    payingOrganisationId: p.payingOrganisationId,
    returnReason: p.returnReason,
  }));
  return exportFile(
    {
      fileName: `${jurisdictionCode}_${where.period}_资金发放花名册`,
      sheets: [
        {
          name: '资金发放花名册',
          title: `${jurisdictionCode} ${where.period} 社会救助资金发放花名册`,
          subtitle:
            `共 ${totals.count} 笔，合计 ${formatYuan(totals.totalFen)} 元；已发放 ${totals.paidCount} 笔 ` +
            `${formatYuan(totals.paidFen)} 元，待发放 ${totals.scheduledCount} 笔 ${formatYuan(totals.scheduledFen)} 元，` +
            `已退回 ${totals.returnedCount} 笔 ${formatYuan(totals.returnedFen)} 元`,
          columns: COLUMNS,
          rows,
        },
      ],
    },
    format,
  );
}
