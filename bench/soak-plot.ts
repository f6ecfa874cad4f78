import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';

export interface SoakSample {
  seconds: number;
  rssMb: number;
  heapUsedMb: number | null;
  lag: number;
  load1: number;
}

/** The soak's samples as CSV, one row per sample. */
export function soakCsv(samples: SoakSample[]): string {
  const rows = samples.map((s) => [s.seconds, s.rssMb, s.heapUsedMb ?? '', s.lag, s.load1].join(','));
  return `seconds,rss_mb,heap_used_mb,consumer_lag,load_average_1m\n${rows.join('\n')}\n`;
}

/**
 * A small PNG of the worker's RSS (and heap) on the left axis and the consumer lag on the right,
 * over time: ECharts renders SVG without a canvas, resvg turns it into PNG with the system's fonts.
 */
export function soakPng(samples: SoakSample[], title: string): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 900, height: 420 });
  chart.setOption({
    animation: false,
    title: { text: title, left: 'center', top: 6, textStyle: { fontSize: 14 } },
    legend: { top: 34, itemGap: 40 },
    grid: { left: 70, right: 80, top: 84, bottom: 50 },
    xAxis: { type: 'value', name: 'seconds', nameLocation: 'middle', nameGap: 28, max: 'dataMax' },
    yAxis: [
      { type: 'value', name: 'MB', min: 0 },
      { type: 'value', name: 'lag (events)', min: 0, splitLine: { show: false } },
    ],
    series: [
      { name: 'worker RSS (MB)', type: 'line', showSymbol: false, data: samples.map((s) => [s.seconds, s.rssMb]) },
      { name: 'worker heap used (MB)', type: 'line', showSymbol: false, data: samples.filter((s) => s.heapUsedMb !== null).map((s) => [s.seconds, s.heapUsedMb]) },
      { name: 'consumer lag', type: 'line', yAxisIndex: 1, showSymbol: false, lineStyle: { width: 1 }, data: samples.map((s) => [s.seconds, s.lag]) },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
