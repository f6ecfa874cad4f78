import { useState } from 'preact/hooks';
import { api, type Page, query } from '../api';
import { percent, STAGES, type LeadView } from '../lead-types';
import { leadHref } from '../router';
import { useLoad } from '../use-load';

const FILTERS = ['stage', 'source', 'minScore', 'team', 'sort'] as const;

/** The leads by score or win probability with the list API's filters (kept in the hash) and cursor paging. */
export function Leads(props: { params: URLSearchParams }) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, props.params.get(name) ?? '']));
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const search = query({ ...filters, cursor, limit: 25 });
  const { data, error } = useLoad(search, () => api<Page<LeadView>>('GET', `/v1/leads${search}`));
  const apply = (form: HTMLFormElement) => {
    const values = new FormData(form);
    setCursors([]);
    const text = (name: string) => {
      const value = values.get(name);
      return typeof value === 'string' ? value.trim() : '';
    };
    location.hash = `#/leads${query(Object.fromEntries(FILTERS.map((name) => [name, text(name)])))}`;
  };
  return (
    <section>
      <h2>Leads</h2>
      <form class="filters" onSubmit={(event) => { event.preventDefault(); apply(event.currentTarget); }}>
        <label>Stage <select name="stage" value={filters.stage}><option value="">any</option>{STAGES.map((stage) => <option key={stage} value={stage}>{stage}</option>)}</select></label>
        <label>Source <input name="source" value={filters.source} /></label>
        <label>Min score <input name="minScore" type="number" value={filters.minScore} /></label>
        <label>Team <input name="team" value={filters.team} /></label>
        <label>Sort <select name="sort" value={filters.sort}><option value="">score</option><option value="winProbability">win probability</option></select></label>
        <button type="submit">Filter</button>
      </form>
      {error && <p class="error">{error}</p>}
      {data && (
        <>
          <table class="leads">
            <thead><tr><th>lead</th><th>score</th><th title="the active model's win probability">win</th><th>stage</th><th>owner</th><th>source</th><th>events</th><th>last activity</th></tr></thead>
            <tbody>
              {data.items.map((lead) => (
                <tr key={lead.leadId}>
                  <td><a href={leadHref(lead.leadId)}>{lead.leadId}</a></td><td class="num">{lead.score}</td>
                  <td class="num win">{percent(lead.winProbability)}</td><td>{lead.stage}</td>
                  <td>{lead.owner ? `${lead.owner.team}${lead.owner.member ? ` / ${lead.owner.member}` : ''}` : '–'}</td>
                  <td>{lead.source ?? '–'}</td><td class="num">{lead.eventCount}</td><td>{lead.lastActivityAt ?? '–'}</td>
                </tr>
              ))}
              {data.items.length === 0 && <tr><td colSpan={8}>No lead matches.</td></tr>}
            </tbody>
          </table>
          <div class="pager">
            <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>← Previous</button>
            <button type="button" disabled={!data.nextCursor} onClick={() => data.nextCursor && setCursors([...cursors, data.nextCursor])}>Next →</button>
          </div>
        </>
      )}
    </section>
  );
}
