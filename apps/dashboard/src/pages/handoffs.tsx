import { api, type Page } from '../api';
import { leadHref } from '../router';
import { useLoad } from '../use-load';

interface Handoff { id: string; leadId: string; promotion: string; status: string; createdAt: string; assignedTo: { team: string; member: string | null } | null; delivery: { attempts: number; lastError: string | null } | null }

function HandoffList(props: { status: 'failed' | 'unassigned' }) {
  const list = useLoad(props.status, () => api<Page<Handoff>>('GET', `/v1/handoffs?status=${props.status}&limit=100`));
  const redeliver = (id: string) => void api('POST', `/v1/handoffs/${encodeURIComponent(id)}/redeliver`).then(list.reload, (error: unknown) => alert(String(error)));
  return (
    <>
      <h3>{props.status === 'failed' ? 'Failed deliveries' : 'Unassigned'}</h3>
      {list.error && <p class="error">{list.error}</p>}
      <table>
        <thead><tr><th>lead</th><th>promotion</th><th>team</th><th>created</th><th>attempts</th><th>last error</th><th /></tr></thead>
        <tbody>{(list.data?.items ?? []).map((handoff) => (
          <tr key={handoff.id}>
            <td><a href={leadHref(handoff.leadId)}>{handoff.leadId}</a></td><td>{handoff.promotion}</td><td>{handoff.assignedTo?.team ?? '–'}</td><td>{handoff.createdAt}</td>
            <td class="num">{handoff.delivery?.attempts ?? '–'}</td><td>{handoff.delivery?.lastError ?? ''}</td>
            <td>{props.status === 'failed' && <button type="button" onClick={() => redeliver(handoff.id)}>Redeliver</button>}</td>
          </tr>
        ))}</tbody>
      </table>
    </>
  );
}

/** Handoffs that need a person: failed deliveries (redeliver) and unassigned promotions. */
export function Handoffs() {
  return <section><h2>Handoffs</h2><HandoffList status="failed" /><HandoffList status="unassigned" /></section>;
}
