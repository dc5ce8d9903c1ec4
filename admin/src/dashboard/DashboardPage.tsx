import { useMemo, useState } from 'react';
import { Alert, Box, Stack } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useTranslate } from 'react-admin';
import { execute } from '../data/client';
import { useWorkingJurisdiction } from '../jurisdictions';
import { JurisdictionBar } from '../standards/JurisdictionBar';
import { ChartCard } from './ChartCard';
import { LedgerCard } from './LedgerCard';
import { DASHBOARD, PROGRAMME_NAMES } from './documents';
import { along, crossTable, keysOf, monthsOf, onTime, totalOf, type Cell, type ChartModel } from './model';

/** A programme × month cell read as month × programme, for months along the axis. */
const turned = (c: Cell): Cell => ({ ...c, keys: [c.keys[1] ?? null, c.keys[0] ?? null] });
import { currentPeriod, periodInput, type Period } from './period';
import { PeriodPicker } from './PeriodPicker';

const MONITORING = ['UNSTABLE_OUT_OF_POVERTY', 'MARGINAL_AT_RISK', 'SUDDEN_SEVERE_HARDSHIP', 'NONE'];
const BANDS = ['BELOW_DIBAO_LINE', 'LOW_INCOME', 'ABOVE_LOW_INCOME_LINE', 'INCOME_UNKNOWN', 'LINE_UNKNOWN'];

/**
 * The dashboards (issue 14 item 6) of the working division's subtree over a month, quarter or year, from the
 * reporting aggregates alone: cases and referrals by month, each member unit's answers on time, relief by
 * programme and month, households by hardship category and low-income band.
 */
export default function DashboardPage() {
  const translate = useTranslate();
  const { working } = useWorkingJurisdiction();
  const [period, setPeriod] = useState<Period>(() => currentPeriod());
  const stats = useQuery({
    queryKey: ['dashboard', working, period],
    queryFn: ({ signal }) =>
      execute(DASHBOARD, { jurisdictionCode: working!, period: periodInput(period) }, { signal }),
    enabled: !!working,
  });
  const programmes = useQuery({
    queryKey: ['dashboard', 'programmes'],
    queryFn: ({ signal }) => execute(PROGRAMME_NAMES, {}, { signal }).then((d) => d.programmes.nodes),
    staleTime: 10 * 60_000,
  });
  const models = useMemo(() => {
    if (!stats.data) return null;
    const d = stats.data;
    const t = (key: string) => translate(`doudi.dashboard.${key}`);
    const cells = (table: { cells: readonly unknown[] }) => table.cells as readonly Cell[];
    const months = monthsOf(d.caseStatistics.period.from, d.caseStatistics.period.to);
    const monthAxis = months.map((m) => ({ key: m, name: m }));
    const flowTables = [
      d.caseStatistics.opened,
      d.caseStatistics.closed,
      d.referralStatistics.sent,
      d.referralStatistics.answeredByMonth,
    ];
    const flow: ChartModel = {
      categories: monthAxis,
      totals: flowTables.map((table) => totalOf(cells(table))),
      series: [
        {
          key: 'opened',
          name: t('series.opened'),
          unit: 'count',
          figures: along(cells(d.caseStatistics.opened), months),
        },
        {
          key: 'closed',
          name: t('series.closed'),
          unit: 'count',
          figures: along(cells(d.caseStatistics.closed), months),
        },
        {
          key: 'sent',
          name: t('series.sent'),
          unit: 'count',
          figures: along(cells(d.referralStatistics.sent), months),
        },
        {
          key: 'answered',
          name: t('series.answered'),
          unit: 'count',
          figures: along(cells(d.referralStatistics.answeredByMonth), months),
        },
      ],
    };
    const units = onTime(cells(d.referralStatistics.answered), {
      rate: t('series.on_time_rate'),
      answered: t('series.answered'),
      onTime: t('series.on_time'),
      late: t('series.late'),
      median: t('series.median'),
    });
    const names = new Map((programmes.data ?? []).map((p) => [p.id, p.name]));
    const granted = cells(d.benefitStatistics.granted);
    const programmeKeys = keysOf(granted, 0);
    const relief: ChartModel = {
      categories: monthAxis,
      stacked: true,
      ...crossTable(
        granted.map(turned),
        months,
        programmeKeys.map((id) => ({ key: id, name: names.get(id) ?? id })),
        'yuan',
        t('total'),
      ),
    };
    const held = cells(d.householdStatistics.households);
    const statuses = keysOf(held, 0, MONITORING);
    const bands = keysOf(held, 1, BANDS);
    const households: ChartModel = {
      categories: statuses.map((key) => ({ key, name: t(`monitoring.${key}`) })),
      stacked: true,
      ...crossTable(
        held,
        statuses,
        bands.map((key) => ({ key, name: t(`bands.${key}`) })),
        'count',
        t('total'),
      ),
    };
    return { flow, units, relief, households };
  }, [stats.data, programmes.data, translate]);
  return (
    <Box>
      <JurisdictionBar title="doudi.dashboard.title">
        <PeriodPicker value={period} onChange={setPeriod} />
      </JurisdictionBar>
      {stats.error && <Alert severity="error">{(stats.error as Error).message}</Alert>}
      {stats.isPending && working && <Loading />}
      {models && (
        <Stack spacing={2} sx={{ mb: 2 }}>
          <ChartCard id="flow" title={translate('doudi.dashboard.charts.flow')} model={models.flow} />
          <ChartCard id="on-time" title={translate('doudi.dashboard.charts.on_time')} model={models.units} />
          <ChartCard id="relief" title={translate('doudi.dashboard.charts.relief')} model={models.relief} />
          <ChartCard id="households" title={translate('doudi.dashboard.charts.households')} model={models.households} />
        </Stack>
      )}
      {working && <LedgerCard jurisdictionCode={working} />}
    </Box>
  );
}
