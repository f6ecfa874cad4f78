import { segment } from '../api/api-client';
import { type CliContext, pollUntil } from '../cli-context';
import { renderFields } from '../output/table.format';

interface ReplayAnswer {
  replayId: string;
  rulesVersion: number;
  status: 'running' | 'catching_up' | 'switched' | 'failed';
  processed: number;
  total: number;
  eventsPerSecond: number;
  eta: number | null;
  error: string | null;
}

const FINISHED = new Set(['switched', 'failed']);

/** `replay N`: rebuilds the projections under version N, with a progress bar until it switched. */
export async function replay(context: CliContext, version: number, options: { wait: boolean; timeoutMs: number }): Promise<void> {
  const admin = context.admin();
  const { replayId } = await admin.call<{ replayId: string }>('POST', '/v1/replay', { json: { rulesVersion: version } });
  if (!options.wait) {
    context.show({ replayId }, () => `replay ${replayId} started`);
    return;
  }
  const progress = context.progress();
  progress.start(0, 0);
  let view: ReplayAnswer;
  try {
    view = await pollUntil(() => admin.call<ReplayAnswer>('GET', `/v1/replay/${segment(replayId)}`), (current) => FINISHED.has(current.status), {
      timeoutMs: options.timeoutMs,
      onValue: (current) => progress.update(current.processed, Math.max(current.total, current.processed), current.status),
    });
  } finally {
    progress.stop();
  }
  if (view.status === 'failed') throw new Error(`replay ${replayId} failed${view.error ? `: ${view.error}` : ''}`);
  context.show(view, () =>
    renderFields([
      ['replay', view.replayId],
      ['rules version', view.rulesVersion],
      ['status', view.status],
      ['processed', view.processed],
      ['events/s', view.eventsPerSecond],
    ]),
  );
}
