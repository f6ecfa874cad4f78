import { type ApiClient } from '../api/api-client';
import { type LineEvent, readJsonLines, type RefusedLine } from './json-lines';
import { planBatches } from './plan-batches';
import { sendBatch } from './send-batch';

export interface SendSummary {
  lines: number;
  accepted: number[];
  refused: RefusedLine[];
}

export interface SendFileOptions {
  ingest: ApiClient;
  text: string;
  fileName: string;
  onProgress?: (done: number, total: number) => void;
  onRetry?: (reason: string, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** `leadscore send FILE.jsonl`: every line posted to `POST /v1/events` in batches, refused lines named. */
export async function sendFile(options: SendFileOptions): Promise<SendSummary> {
  const read = readJsonLines(options.text, options.fileName);
  const total = read.events.length + read.refused.length;
  const summary: SendSummary = { lines: total, accepted: [], refused: [...read.refused] };
  let done = read.refused.length;
  options.onProgress?.(done, total);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (const batch of planBatches(read.events)) {
    const outcome = await sendBatch(batch, {
      post: (events) => options.ingest.request('POST', '/v1/events', { json: { events } }),
      sleep,
      onRetry: options.onRetry,
    });
    summary.accepted.push(...outcome.accepted.map((item: LineEvent) => item.line));
    summary.refused.push(...outcome.refused);
    done += batch.length;
    options.onProgress?.(done, total);
  }
  summary.refused.sort((a, b) => a.line - b.line);
  return summary;
}
