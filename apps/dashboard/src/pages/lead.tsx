import { api, type Page } from '../api';
import { asText, type LeadView, type Reason, type TimelineEntry, type WinProbability } from '../lead-types';
import { useLoad } from '../use-load';
import { WinProbabilityCard } from '../win-probability-card';

/** The rules that gave the lead its points, largest total first. */
function topReasons(entries: TimelineEntry[]): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const entry of entries) for (const reason of entry.reasons ?? []) totals.set(reason.ruleId, (totals.get(reason.ruleId) ?? 0) + reason.points);
  return [...totals].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
}

const reasonText = (reason: Reason) => `${reason.ruleId} ${reason.points >= 0 ? '+' : ''}${reason.points}${reason.capped ? ' (capped)' : ''}${reason.limited ? ' (limited)' : ''}${reason.expired ? ' (expired)' : ''}`;

/** A timeline page; with an active model it also has the lead's win probability and why. */
type TimelinePage = Page<TimelineEntry> & { winProbability?: WinProbability };

/** One lead: its view, "why this score", its win probability when a model is active, and its timeline (points per event and rule, stage changes, handoffs). */
export function Lead(props: { leadId: string }) {
  const path = `/v1/leads/${encodeURIComponent(props.leadId)}`;
  const lead = useLoad(path, () => api<LeadView>('GET', path));
  const timeline = useLoad(`${path}/timeline`, () => api<TimelinePage>('GET', `${path}/timeline?limit=500`));
  if (lead.error) return <p class="error">{lead.error}</p>;
  if (!lead.data) return <p>Loading…</p>;
  const view = lead.data;
  const entries = timeline.data?.items ?? [];
  // The why of the same model as the view's probability (a model activated between the two calls gives none).
  const win = timeline.data?.winProbability;
  const why = win && win.modelId === view.modelId ? win.why : null;
  return (
    <section>
      <h2 class="lead-id">{view.leadId}</h2>
      <div class="cards">
        <div class="card"><span>score</span><strong data-testid="score">{view.score}</strong><small>fit {view.fitScore} · engagement {view.engagementScore}</small></div>
        <div class="card"><span>stage</span><strong>{view.stage}</strong><small>grade {view.grade ?? '–'}</small></div>
        <div class="card"><span>owner</span><strong>{view.owner ? view.owner.team : '–'}</strong><small>{view.owner?.member ?? ''}</small></div>
        <div class="card why"><span>why this score</span>
          <ol>{topReasons(entries).map(([rule, points]) => <li key={rule}>{rule}: {points >= 0 ? '+' : ''}{points}</li>)}</ol>
        </div>
        {typeof view.winProbability === 'number' && view.modelId && <WinProbabilityCard winProbability={view.winProbability} modelId={view.modelId} why={why} />}
      </div>
      <h3>Traits</h3>
      <table class="traits"><tbody>{Object.entries(view.traits ?? {}).map(([key, value]) => <tr key={key}><th>{key}</th><td>{asText(value)}</td></tr>)}</tbody></table>
      <h3>Timeline</h3>
      {timeline.error && <p class="error">{timeline.error}</p>}
      <table class="timeline">
        <thead><tr><th>when</th><th>event</th><th>points</th><th>rules</th><th>score</th><th>stage</th><th>handoffs</th></tr></thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq}>
              <td>{entry.occurredAt}</td>
              <td>{entry.type}<small class="props">{asText({ ...entry.properties, ...(entry.traits ? { traits: entry.traits } : {}) })}</small></td>
              <td class="num">{entry.points === null ? '…' : `${entry.points >= 0 ? '+' : ''}${entry.points}`}</td>
              <td>{(entry.reasons ?? []).map((reason) => <div key={reason.ruleId}>{reasonText(reason)}</div>)}</td>
              <td class="num">{entry.scoreAfter ?? '…'}</td>
              <td>{entry.stageChange ? `${entry.stageChange.from} → ${entry.stageChange.to} (${entry.stageChange.cause})` : entry.note ?? entry.stageAfter ?? ''}</td>
              <td>{entry.handoffs.map((handoff) => <div key={handoff.id}>{handoff.promotion} {handoff.status}{handoff.assignedTo ? ` → ${handoff.assignedTo.team}` : ''}</div>)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
