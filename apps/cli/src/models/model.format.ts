import { renderFields, renderTable } from '../output/table.format';

/** `GET /v1/models/{id}` (docs/learned-scoring.md), the fields the CLI shows. */
export interface ModelAnswer {
  modelId: string;
  status: 'running' | 'done' | 'failed';
  from: string;
  to: string;
  processed: number;
  total: number;
  reason: string | null;
  active: boolean;
  result: {
    trainedOn: { won: number; lost: number };
    heldOut: { won: number; lost: number };
    auc: number;
    rulesAuc: number;
    rulesVersion: number;
    calibration: Array<{ from: number; to: number; predicted: number; observed: number; count: number }>;
    features: Array<{ name: string; weight: number; strength: number }>;
    suggestedRuleVersion: number;
    simulationId: string | null;
    backtest?: Record<'mql' | 'sql', Record<'active' | 'suggested', BacktestRow>>;
  } | null;
}

interface BacktestRow {
  threshold: number;
  won: number;
  lost: number;
  precision: number | null;
  recall: number | null;
}

const TOP_FEATURES = 10;
const percent = (value: number | null) => (value === null ? '-' : `${(value * 100).toFixed(1)}%`);
const round3 = (value: number) => (Math.round(value * 1000) / 1000).toFixed(3);

/** One model: its job, then the evaluation (model vs rules), calibration and strongest features. */
export function formatModel(model: ModelAnswer): string {
  const fields: Array<[string, unknown]> = [
    ['model', model.modelId], ['status', model.active ? `${model.status} (active)` : model.status],
    ['window', `[${model.from}, ${model.to})`], ['progress', `${model.processed}/${model.total} leads`],
  ];
  if (model.reason) fields.push(['reason', model.reason]);
  const result = model.result;
  if (!result) return renderFields(fields);
  fields.push(
    ['trained on', `${result.trainedOn.won} won, ${result.trainedOn.lost} lost`],
    ['held out', `${result.heldOut.won} won, ${result.heldOut.lost} lost`],
    ['AUC model', round3(result.auc)],
    [`AUC rules v${result.rulesVersion}`, round3(result.rulesAuc)],
    ['suggested rules', `v${result.suggestedRuleVersion} (inactive)${result.simulationId ? `, simulation ${result.simulationId}` : ''}`],
  );
  const calibration = renderTable([
    { header: 'predicted from', value: (bin) => round3(bin.from), align: 'right' },
    { header: 'to', value: (bin) => round3(bin.to), align: 'right' },
    { header: 'mean predicted', value: (bin) => round3(bin.predicted), align: 'right' },
    { header: 'observed', value: (bin) => round3(bin.observed), align: 'right' },
    { header: 'leads', value: (bin) => bin.count, align: 'right' },
  ], result.calibration);
  const features = renderTable([
    { header: 'feature', value: (f) => f.name },
    { header: 'weight (log-odds)', value: (f) => round3(f.weight), align: 'right' },
    { header: 'strength', value: (f) => round3(f.strength), align: 'right' },
  ], result.features.slice(0, TOP_FEATURES));
  const backtest = result.backtest ? ['', 'held-out leads at the thresholds (rules vs suggestion)', renderTable([
    { header: 'stage', value: (row: [string, string, BacktestRow]) => row[0] },
    { header: 'rule set', value: (row) => row[1] },
    { header: 'threshold', value: (row) => row[2].threshold, align: 'right' },
    { header: 'won', value: (row) => row[2].won, align: 'right' },
    { header: 'lost', value: (row) => row[2].lost, align: 'right' },
    { header: 'precision', value: (row) => percent(row[2].precision), align: 'right' },
    { header: 'recall', value: (row) => percent(row[2].recall), align: 'right' },
  ], (['mql', 'sql'] as const).flatMap((stage) => [
    [stage, `rules v${result.rulesVersion}`, result.backtest![stage].active] as [string, string, BacktestRow],
    [stage, `suggested v${result.suggestedRuleVersion}`, result.backtest![stage].suggested] as [string, string, BacktestRow],
  ]))] : [];
  return [
    renderFields(fields), '', 'calibration (held-out leads)', calibration, ...backtest, '',
    `strongest features (${Math.min(TOP_FEATURES, result.features.length)} of ${result.features.length})`, features,
  ].join('\n');
}

/** Models, newest first. */
export function formatModelList(models: readonly ModelAnswer[]): string {
  return renderTable([
    { header: 'model', value: (m) => m.modelId },
    { header: 'status', value: (m) => (m.active ? `${m.status}, active` : m.status) },
    { header: 'window', value: (m) => `${m.from.slice(0, 10)}..${m.to.slice(0, 10)}` },
    { header: 'leads', value: (m) => m.total, align: 'right' },
    { header: 'AUC', value: (m) => (m.result ? round3(m.result.auc) : ''), align: 'right' },
    { header: 'rules AUC', value: (m) => (m.result ? round3(m.result.rulesAuc) : ''), align: 'right' },
    { header: 'suggested', value: (m) => (m.result ? `v${m.result.suggestedRuleVersion}` : '') },
  ], models);
}
