import { api, query } from '../api';
import { HistogramChart, type Bucket } from '../histogram-chart';
import { useLoad } from '../use-load';

interface Insights {
  leads: number;
  currency: string | null;
  funnel: Array<{ stage: string; reached: number; conversionFromPrevious: number | null }>;
  bySource: Array<{ source: string | null; leads: number; mql: number; sql: number; customers: number; mqlToSqlRate: number | null; leadToCustomerRate: number | null; cost: number | null; costPerLead: number | null; revenue: number; roi: number | null }>;
  scoreHistogram: Bucket[];
}

const DAY = 86_400_000;
const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);
const money = (value: number | null) => (value === null ? '–' : value.toFixed(2));

/** Funnel, score histogram, conversion and cost by source: the insights of the leads first seen in the window. */
export function Overview() {
  const to = new Date(Math.ceil(Date.now() / DAY) * DAY + DAY).toISOString().slice(0, 10);
  const from = new Date(Date.parse(to) - 365 * DAY).toISOString().slice(0, 10);
  const { data, error } = useLoad(`${from}/${to}`, () => api<Insights>('GET', `/v1/insights${query({ from, to })}`));
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p>Loading…</p>;
  const top = Math.max(1, ...data.funnel.map((step) => step.reached));
  return (
    <section>
      <h2>Overview</h2>
      <p class="hint">Leads first seen from {from} to {to}: {data.leads}</p>
      <h3>Funnel by stage</h3>
      <table class="funnel">
        <thead><tr><th>stage</th><th>reached</th><th /><th>from previous</th></tr></thead>
        <tbody>
          {data.funnel.map((step) => (
            <tr key={step.stage} data-stage={step.stage}>
              <td>{step.stage}</td><td class="num">{step.reached}</td>
              <td class="bar-cell"><div class="bar" style={{ width: `${(100 * step.reached) / top}%` }} /></td>
              <td class="num">{percent(step.conversionFromPrevious)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Score histogram</h3>
      <HistogramChart buckets={data.scoreHistogram} />
      <h3>Conversion and cost by source{data.currency ? ` (${data.currency})` : ''}</h3>
      <table>
        <thead><tr><th>source</th><th>leads</th><th>mql</th><th>sql</th><th>customers</th><th>mql→sql</th><th>lead→customer</th><th>cost</th><th>per lead</th><th>revenue</th><th>ROI</th></tr></thead>
        <tbody>
          {data.bySource.map((row) => (
            <tr key={row.source ?? ''}>
              <td>{row.source ?? '(none)'}</td><td class="num">{row.leads}</td><td class="num">{row.mql}</td><td class="num">{row.sql}</td><td class="num">{row.customers}</td>
              <td class="num">{percent(row.mqlToSqlRate)}</td><td class="num">{percent(row.leadToCustomerRate)}</td><td class="num">{money(row.cost)}</td>
              <td class="num">{money(row.costPerLead)}</td><td class="num">{money(row.revenue)}</td><td class="num">{row.roi === null ? '–' : row.roi.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
