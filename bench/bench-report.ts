/** Prints a progress line in place (TTY) or every 10 % (logs), and result lines as JSON + text. */
export function progress(label: string, done: number, total: number): void {
  const pct = Math.floor((done / total) * 100);
  if (process.stdout.isTTY) process.stdout.write(`\r${label}: ${done}/${total} (${pct}%)${done >= total ? '\n' : ''}`);
  else if (done === total || pct % 10 === 0) process.stdout.write(`${label}: ${done}/${total} (${pct}%)\n`);
}

export function report(result: Record<string, unknown>, human: string): void {
  process.stdout.write(`${JSON.stringify(result)}\n${human}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Best wall time, in ms, of `runs` runs after one warm-up. */
export async function bestOf(runs: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
