import { readFileSync } from 'node:fs';
import { type CliConfig } from '@leadscore/config/cli';
import { ApiClient, UsageError } from './api/api-client';
import { terminalJson } from './output/terminal-text';

export type OutputFormat = 'table' | 'json';

/** A progress bar on stderr (cli-progress in the real CLI). */
export interface Progress {
  start(total: number, done: number): void;
  update(done: number, total?: number, status?: string): void;
  /** A word on the bar's status without moving it (a retry). */
  note(status: string): void;
  stop(): void;
}

/** What every command gets: the configuration, the output format, where to write. */
export class CliContext {
  constructor(
    readonly config: CliConfig,
    readonly output: OutputFormat,
    private readonly streams: { out: (text: string) => void; err: (text: string) => void; progress: () => Progress },
  ) {}

  /** The ops API with the admin token. */
  admin(): ApiClient {
    if (!this.config.adminToken) throw new UsageError('LEADSCORE_TOKEN is not set (the admin token of the ops API)');
    return new ApiClient(this.config.adminUrl, `Bearer ${this.config.adminToken}`);
  }

  /** Ingest with a source's write key. */
  ingest(): ApiClient {
    if (!this.config.writeKey) throw new UsageError('LEADSCORE_WRITE_KEY is not set (a source write key, for send)');
    return new ApiClient(this.config.ingestUrl, `Bearer ${this.config.writeKey}`);
  }

  /** Writes `table()` for `-o table`, the answer as JSON for `-o json`. */
  show(answer: unknown, table: () => string): void {
    this.streams.out(this.output === 'json' ? terminalJson(answer) : table());
  }

  print(text: string): void {
    this.streams.out(text);
  }

  warn(text: string): void {
    this.streams.err(text);
  }

  progress(): Progress {
    return this.streams.progress();
  }

  readFile(path: string): string {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
}

/** Polls `read` every `intervalMs` until `done` says so or `timeoutMs` passed. */
export async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, options: { intervalMs?: number; timeoutMs: number; onValue?: (value: T) => void }): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    options.onValue?.(value);
    if (done(value)) return value;
    if (Date.now() >= deadline) throw new Error(`still not finished after ${Math.round(options.timeoutMs / 1000)} s`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
}
