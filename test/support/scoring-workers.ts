import { AppProcess } from './app-process';
import { freePort } from './free-port';
import { waitForHttpOk } from './wait-for';

interface Slot {
  process: AppProcess;
  port: number;
}

/**
 * Several scoring workers (the built app, real child processes) in one consumer group, by slot:
 * started together, one of them killed with SIGKILL and started again in its slot. Each process
 * is ready once its consumer has joined the group (the transport starts before the HTTP port).
 */
export class ScoringWorkers {
  private readonly slots: Slot[] = [];
  /** Every process ever started, so `stopAll` leaves none behind. */
  private readonly started: AppProcess[] = [];

  constructor(private readonly env: Record<string, string>) {}

  async start(count: number): Promise<void> {
    await Promise.all(Array.from({ length: count }, (_, slot) => this.startIn(slot)));
  }

  /** kill -9 (no shutdown hook, no offset commit, no LeaveGroup: the group waits out its session), then a new process in the slot. */
  async kill9AndRestart(slot: number): Promise<void> {
    await this.slots[slot].process.kill9();
    await this.startIn(slot);
  }

  /** Batches the slot's current process has committed (its own counter: 0 after a restart). */
  async batchesCommitted(slot: number): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.slots[slot].port}/metrics`)).text();
    return Number(/^leadscore_scoring_batch_size_count(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
  }

  get count(): number {
    return this.slots.length;
  }

  tails(): string {
    return this.slots.map((slot, n) => `--- worker ${n}\n${slot.process.tail(15)}`).join('\n');
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.map((process) => process.stop()));
  }

  private async startIn(slot: number): Promise<void> {
    const port = await freePort();
    const process = new AppProcess('scoring', { ...this.env, SCORING_HTTP_PORT: String(port) });
    process.start();
    this.started.push(process);
    this.slots[slot] = { process, port };
    await waitForHttpOk(`http://127.0.0.1:${port}/health/ready`, 90000);
  }
}
