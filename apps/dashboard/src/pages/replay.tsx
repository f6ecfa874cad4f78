import { useState } from 'preact/hooks';
import { api, type Page } from '../api';
import { poll } from '../poll';
import { useLoad } from '../use-load';

interface ReplayJob { status: string; processed: number; total: number; eventsPerSecond: number | null; eta: string | null }

/** Start a replay of a rule version and follow it to "switched". */
export function Replay() {
  const versions = useLoad('rules', () => api<Page<{ version: number; active: boolean }>>('GET', '/v1/rules?limit=100'));
  const [version, setVersion] = useState('');
  const [job, setJob] = useState<ReplayJob | null>(null);
  const [error, setError] = useState('');
  const start = async () => {
    setError('');
    const chosen = Number(version || versions.data?.items[0]?.version);
    const { replayId } = await api<{ replayId: string }>('POST', '/v1/replay', { rulesVersion: chosen });
    await poll(() => api<ReplayJob>('GET', `/v1/replay/${replayId}`), (value) => value.status === 'switched' || value.status === 'failed', setJob);
  };
  const share = job && job.total > 0 ? Math.min(1, job.processed / job.total) : job?.status === 'switched' ? 1 : 0;
  return (
    <section>
      <h2>Replay</h2>
      <label>Rule version <select value={version} onChange={(event) => setVersion(event.currentTarget.value)}>
        <option value="">latest</option>
        {(versions.data?.items ?? []).map((item) => <option key={item.version} value={item.version}>{item.version}{item.active ? ' (active)' : ''}</option>)}
      </select></label>
      <button type="button" onClick={() => void start().catch((failure: unknown) => setError(String(failure)))}>Start replay</button>
      {error && <p class="error">{error}</p>}
      {job && (
        <div class="replay">
          <progress max={1} value={share} />
          <p>Status: <strong data-testid="replay-status">{job.status}</strong> — {job.processed} / {job.total} events{job.eventsPerSecond ? `, ${Math.round(job.eventsPerSecond)} events/s` : ''}{job.eta ? `, ETA ${job.eta}` : ''}</p>
        </div>
      )}
    </section>
  );
}
