import { type CliContext } from '../cli-context';
import { sendFile } from './send-file';
import { formatSendSummary } from './send-summary.format';

/** `send FILE.jsonl`: true when every line was accepted. */
export async function send(context: CliContext, file: string): Promise<boolean> {
  const text = context.readFile(file);
  const ingest = context.ingest();
  const progress = context.progress();
  progress.start(0, 0);
  let summary;
  try {
    summary = await sendFile({
      ingest,
      text,
      fileName: file,
      onProgress: (done, total) => progress.update(done, total, 'sending'),
      onRetry: (reason, waitMs) => progress.note(`retrying in ${Math.round(waitMs / 100) / 10} s (${reason})`),
    });
  } finally {
    progress.stop();
  }
  context.show(summary, () => formatSendSummary(summary));
  return summary.refused.length === 0;
}
