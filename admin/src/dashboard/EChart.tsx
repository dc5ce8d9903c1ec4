import { useEffect, useRef } from 'react';
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, ScatterChart, type BarSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only what the dashboard draws is registered, so the dashboard's chunk carries a fraction of ECharts.
use([BarChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export type EChartOption = ComposeOption<
  BarSeriesOption | ScatterSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/**
 * ECharts in React 19 without a wrapper library: one instance per element, options replaced whole on change,
 * resized with its box, disposed on unmount. The canvas is an image to assistive technology; the numbers are in
 * the table view beside it.
 */
export function EChart({ option, label, height = 320 }: { option: EChartOption; label: string; height?: number }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    const instance = init(element.current!, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    // data-drawn marks the canvas once ECharts has drawn these figures (npm run bench:console waits for it).
    element.current?.removeAttribute('data-drawn');
    instance.on('finished', () => element.current?.setAttribute('data-drawn', 'true'));
    instance.setOption(option, { notMerge: true });
    return () => {
      instance.off('finished');
    };
  }, [option]);
  return <div ref={element} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
