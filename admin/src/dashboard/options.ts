import type { EChartOption } from './EChart';
import type { ChartModel, Figure, Unit } from './model';
import { yuan } from '../format';

/** The mark of a withheld cell: grey and hatched, the same in the chart as in the table. */
export const SUPPRESSED_GREY = '#9e9e9e';
const HATCH = { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: Math.PI / 4, color: '#fff' };

/** A figure as people read it; a withheld one in the words given. */
export function show(figure: Figure, unit: Unit, suppressed: string): string {
  if (figure.suppressed) return suppressed;
  if (figure.value == null) return '—';
  if (unit === 'yuan') return yuan(figure.amount ?? String(figure.value)) ?? '—';
  if (unit === 'percent') return `${figure.value.toFixed(1)}%`;
  if (unit === 'days') return figure.value.toFixed(1);
  return figure.value.toLocaleString('zh-CN');
}

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Bars per series; a withheld figure draws no bar but a hatched grey mark on the axis, named in the legend and
 * worded in the tooltip, so it never reads as 0.
 */
export function barOption(model: ChartModel, suppressed: string): EChartOption {
  const charted = model.series.filter((s) => s.charted !== false);
  const unit = charted[0]?.unit ?? 'count';
  const names = model.categories.map((c) => c.name);
  const marks = model.categories.flatMap((_, i) =>
    charted.some((s) => s.figures[i]?.suppressed) ? [model.horizontal ? [0, i] : [i, 0]] : [],
  );
  const categoryAxis = { type: 'category' as const, data: names, axisLabel: { interval: 0, hideOverlap: true } };
  const valueAxis = { type: 'value' as const, max: unit === 'percent' ? 100 : undefined };
  return {
    aria: { enabled: true, decal: { show: false } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const i = list.find((p) => (p.seriesIndex ?? 0) < charted.length)?.dataIndex ?? list[0]?.dataIndex ?? 0;
        const lines = charted.map(
          (s) =>
            `${escape(s.name)}：${escape(show(s.figures[i] ?? { value: null, suppressed: false }, s.unit, suppressed))}`,
        );
        return [`<b>${escape(names[i] ?? '')}</b>`, ...lines].join('<br/>');
      },
    },
    xAxis: model.horizontal ? valueAxis : categoryAxis,
    yAxis: model.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: [
      ...charted.map((s) => ({
        type: 'bar' as const,
        name: s.name,
        stack: model.stacked ? 'all' : undefined,
        data: s.figures.map((f) => (f.suppressed ? null : f.value)),
      })),
      // Named in the legend only where a cell is withheld.
      ...(marks.length
        ? [
            {
              type: 'scatter' as const,
              name: suppressed,
              symbol: 'rect',
              symbolSize: model.horizontal ? [10, 16] : [16, 10],
              itemStyle: { color: SUPPRESSED_GREY, decal: HATCH },
              data: marks,
              z: 5,
            },
          ]
        : []),
    ],
  };
}
