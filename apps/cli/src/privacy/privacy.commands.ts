import { segment } from '../api/api-client';
import { type CliContext, pollUntil } from '../cli-context';
import { renderFields } from '../output/table.format';

interface ErasureAnswer {
  erasureId: string;
  status: 'running' | 'done';
  deleted: Record<string, number>;
  requestedAt: string;
  finishedAt: string | null;
}

/** `leads erase ID`: starts the erasure of the lead and every id merged into it; `--wait` follows it to done. */
export async function eraseLead(context: CliContext, leadId: string, options: { wait: boolean; timeoutMs: number }): Promise<void> {
  const admin = context.admin();
  const { erasureId } = await admin.call<{ erasureId: string }>('DELETE', `/v1/leads/${segment(leadId)}`);
  if (!options.wait) {
    context.show({ erasureId, status: 'running' }, () => `erasure ${erasureId} started (leadscore leads erase --wait follows it to the end)`);
    return;
  }
  const done = await pollUntil(() => admin.call<ErasureAnswer>('GET', `/v1/erasures/${segment(erasureId)}`), (view) => view.status === 'done', { timeoutMs: options.timeoutMs });
  context.show(done, () =>
    renderFields([
      ['erasure', done.erasureId],
      ['status', done.status],
      ['rows deleted', Object.entries(done.deleted).map(([table, rows]) => `${table} ${rows}`).join(', ') || '0'],
      ['finished', done.finishedAt],
    ]),
  );
}

/** `leads export ID`: every stored fact about the lead, as the JSON document the API gives (whatever `-o` says). */
export async function exportLead(context: CliContext, leadId: string): Promise<void> {
  const document = await context.admin().call<unknown>('GET', `/v1/leads/${segment(leadId)}/export`);
  context.show(document, () => JSON.stringify(document, null, 2));
}
