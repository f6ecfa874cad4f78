import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, type FieldError, type Page } from '../api';
import { poll } from '../poll';
import { leadHref } from '../router';
import { useLoad } from '../use-load';

interface Version { version: number; name: string; createdAt: string; author: string; active: boolean }
interface SimulationResult {
  changedLeads: number;
  stageCountsBefore: Record<string, number>;
  stageCountsAfter: Record<string, number>;
  topMovers: Array<{ leadId: string; before: { score: number; stage: string } | null; after: { score: number; stage: string } }>;
}
interface Simulation { status: string; processed: number; total: number; result: SimulationResult | null }

const YAML = 'application/yaml';

/** Rule versions; an editor validated as you type; simulate (per-stage diff, top movers) before activate. */
export function Rules() {
  const versions = useLoad('rules', () => api<Page<Version>>('GET', '/v1/rules?limit=100'));
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldError[] | null>(null);
  const [simulation, setSimulation] = useState<(Simulation & { version: number }) | null>(null);
  const [message, setMessage] = useState('');
  const active = versions.data?.items.find((version) => version.active);
  useEffect(() => {
    if (active && !text) void api<{ sourceText: string }>('GET', `/v1/rules/${active.version}`).then((rule) => setText(rule.sourceText));
  }, [active?.version]);
  useEffect(() => {
    if (!text) return;
    const timer = setTimeout(() => {
      api('POST', '/v1/rules/validate', text, YAML).then(() => setErrors([]), (error: unknown) => setErrors(error instanceof ApiError ? error.errors : [{ path: '', message: String(error) }]));
    }, 400);
    return () => clearTimeout(timer);
  }, [text]);
  const simulate = async () => {
    setMessage('');
    const { version } = await api<{ version: number }>('POST', '/v1/rules', text, YAML);
    const { simulationId } = await api<{ simulationId: string }>('POST', `/v1/rules/${version}/simulate`);
    versions.reload();
    await poll(() => api<Simulation>('GET', `/v1/simulations/${simulationId}`), (value) => value.status !== 'running', (value) => setSimulation({ ...value, version }));
  };
  const activate = async (version: number) => {
    await api('POST', `/v1/rules/${version}/activate`, {});
    setMessage(`Version ${version} is active.`);
    versions.reload();
  };
  return (
    <section>
      <h2>Rules</h2>
      <table>
        <thead><tr><th>version</th><th>name</th><th>author</th><th>created</th><th /></tr></thead>
        <tbody>{(versions.data?.items ?? []).map((version) => (
          <tr key={version.version}><td class="num">{version.version}</td><td>{version.name}</td><td>{version.author}</td><td>{version.createdAt}</td>
            <td>{version.active ? <strong>active</strong> : <button type="button" onClick={() => void api<{ sourceText: string }>('GET', `/v1/rules/${version.version}`).then((rule) => setText(rule.sourceText))}>Edit</button>}</td></tr>
        ))}</tbody>
      </table>
      <h3>Editor</h3>
      <textarea class="editor" aria-label="rule set" spellcheck={false} value={text} onInput={(event) => setText(event.currentTarget.value)} />
      <div class="validation" aria-live="polite">
        {errors === null ? 'Not validated yet.' : errors.length === 0 ? <span class="ok">Valid.</span> : (
          <ul class="error">{errors.map((error, index) => <li key={index}><code>{error.path || '(document)'}</code> {error.message}</li>)}</ul>
        )}
      </div>
      <button type="button" disabled={!errors || errors.length > 0} onClick={() => void simulate().catch((error: unknown) => setMessage(String(error)))}>Save and simulate</button>
      {message && <p>{message}</p>}
      {simulation && <SimulationDiff simulation={simulation} onActivate={() => void activate(simulation.version).catch((error: unknown) => setMessage(String(error)))} />}
    </section>
  );
}

function SimulationDiff(props: { simulation: Simulation & { version: number }; onActivate: () => void }) {
  const { simulation } = props;
  const result = simulation.result;
  if (!result) return <p>Simulating version {simulation.version}: {simulation.processed} / {simulation.total} ({simulation.status})</p>;
  const stages = [...new Set([...Object.keys(result.stageCountsBefore), ...Object.keys(result.stageCountsAfter)])];
  return (
    <div class="simulation">
      <h3>Simulation of version {simulation.version}: {result.changedLeads} leads change</h3>
      <table class="diff">
        <thead><tr><th>stage</th><th>now</th><th>after</th><th>Δ</th></tr></thead>
        <tbody>{stages.map((stage) => {
          const before = result.stageCountsBefore[stage] ?? 0;
          const after = result.stageCountsAfter[stage] ?? 0;
          return <tr key={stage}><td>{stage}</td><td class="num">{before}</td><td class="num">{after}</td><td class="num">{after - before > 0 ? '+' : ''}{after - before}</td></tr>;
        })}</tbody>
      </table>
      <h4>Top movers</h4>
      <table>
        <thead><tr><th>lead</th><th>score now</th><th>after</th><th>stage now</th><th>after</th></tr></thead>
        <tbody>{result.topMovers.map((mover) => (
          <tr key={mover.leadId}><td><a href={leadHref(mover.leadId)}>{mover.leadId}</a></td><td class="num">{mover.before?.score ?? '–'}</td><td class="num">{mover.after.score}</td><td>{mover.before?.stage ?? '–'}</td><td>{mover.after.stage}</td></tr>
        ))}</tbody>
      </table>
      <button type="button" onClick={props.onActivate}>Activate version {simulation.version}</button>
    </div>
  );
}
