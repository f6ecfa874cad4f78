import { extname } from 'node:path';
import { type SimulationResult, type SimulationView } from '@leadscore/contracts';
import { segment } from '../api/api-client';
import { type CliContext, pollUntil } from '../cli-context';
import { type Column, renderFields, renderTable, signed } from '../output/table.format';
import { formatSimulationDiff } from './simulation-diff.format';

/** A rule set file as the rules API takes it: YAML for .yaml/.yml, else JSON, sent as written. */
function ruleSetBody(context: CliContext, file: string): { text: string; contentType: string } {
  const yaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  return { text: context.readFile(file), contentType: yaml ? 'application/yaml' : 'application/json' };
}

export async function validateRules(context: CliContext, file: string): Promise<void> {
  const answer = await context.admin().call('POST', '/v1/rules/validate', ruleSetBody(context, file));
  context.show(answer, () => `${file}: valid`);
}

export async function pushRules(context: CliContext, file: string): Promise<void> {
  const answer = await context.admin().call<{ version: number }>('POST', '/v1/rules', ruleSetBody(context, file));
  context.show(answer, () => `pushed ${file} as version ${answer.version}`);
}

export async function activateRules(context: CliContext, version: number, options: { rescore: boolean }): Promise<void> {
  const answer = await context.admin().call<Record<string, unknown>>('POST', `/v1/rules/${segment(version)}/activate`, { json: { rescore: options.rescore } });
  context.show(answer, () => renderFields(Object.entries(answer)));
}

async function runSimulation(context: CliContext, version: number, timeoutMs: number): Promise<SimulationView> {
  const admin = context.admin();
  const { simulationId } = await admin.call<{ simulationId: string }>('POST', `/v1/rules/${segment(version)}/simulate`);
  const progress = context.progress();
  progress.start(0, 0);
  try {
    return await pollUntil(() => admin.call<SimulationView>('GET', `/v1/simulations/${segment(simulationId)}`), (view) => view.status !== 'running', {
      timeoutMs,
      onValue: (view) => progress.update(view.processed, view.total, view.status),
    });
  } finally {
    progress.stop();
  }
}

function finished(view: SimulationView): SimulationResult {
  if (view.status !== 'done' || !view.result) throw new Error(`the simulation ${view.status}${view.error ? `: ${view.error}` : ''}`);
  return view.result;
}

const RULE_TOTAL_COLUMNS: ReadonlyArray<Column<[string, number]>> = [
  { header: 'RULE', value: ([ruleId]) => ruleId },
  { header: 'POINTS', value: ([, points]) => signed(points), align: 'right' },
];

/** `rules simulate N`: what version N would change, in short (the diff has the tables). */
export async function simulateRules(context: CliContext, version: number, options: { timeoutMs: number }): Promise<void> {
  const view = await runSimulation(context, version, options.timeoutMs);
  const result = finished(view);
  context.show(view, () =>
    [
      renderFields([
        ['version', version],
        ['events', view.processed],
        ['changed leads', result.changedLeads],
        ['into MQL', result.crossings.intoMql],
        ['out of MQL', result.crossings.outOfMql],
        ['into SQL', result.crossings.intoSql],
        ['out of SQL', result.crossings.outOfSql],
      ]),
      '',
      renderTable(RULE_TOTAL_COLUMNS, Object.entries(result.ruleTotals).sort(([, a], [, b]) => Math.abs(b) - Math.abs(a))),
    ].join('\n'),
  );
}

/** `rules diff N`: per-stage counts before/after and the top movers, as tables. */
export async function diffRules(context: CliContext, version: number, options: { timeoutMs: number }): Promise<void> {
  const view = await runSimulation(context, version, options.timeoutMs);
  const result = finished(view);
  context.show(result, () => formatSimulationDiff(result));
}
