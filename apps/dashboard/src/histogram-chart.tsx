import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export interface Bucket {
  from: number | null;
  to: number | null;
  count: number;
}

export const bucketLabel = (bucket: Bucket) => (bucket.from === null ? `< ${bucket.to}` : bucket.to === null ? `≥ ${bucket.from}` : `${bucket.from}–${bucket.to}`);

/** The score histogram as bars (uPlot). */
export function HistogramChart(props: { buckets: Bucket[] }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const xs = props.buckets.map((_bucket, index) => index);
    const plot = new uPlot({
      width: 560, height: 220, legend: { show: false }, cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, xs.length - 0.5] } },
      axes: [{ values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) && props.buckets[tick] ? bucketLabel(props.buckets[tick]) : '')), incrs: [1] }, {}],
      series: [{}, { label: 'leads', fill: '#4a7bd0', stroke: '#2d5aa8', paths: uPlot.paths.bars!({ size: [0.8, 60] }), points: { show: false } }],
    }, [xs, props.buckets.map((bucket) => bucket.count)], host.current);
    return () => plot.destroy();
  }, [JSON.stringify(props.buckets)]);
  return <div ref={host} class="chart" aria-label="score histogram" />;
}
