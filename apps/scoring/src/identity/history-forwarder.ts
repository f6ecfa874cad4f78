import { type Pool } from 'pg';
import { type LeadEventMessage } from '@leadscore/contracts';
import { type ContextLogger } from '@leadscore/observability';
import {
  advanceIdentityForwarding, claimIdentityForwarding, isEventStored, NEVER_FORWARDED, readLeadHistoryPage,
} from '@leadscore/persistence';
import { mergedCopy } from './identity-messages';

export interface HistoryForwarderDeps {
  pool: Pool;
  /** Sends copies to `lead-events`, keyed by the lead they go to; resolves once Kafka acknowledged. */
  send: (messages: LeadEventMessage[]) => Promise<void>;
  log: ContextLogger;
  onCopies: (count: number) => void;
  /** Events read per page (one transaction, one send). */
  pageSize?: number;
  /** How often to look for a new merge when there is none. */
  idleMs?: number;
  /** How long to wait for the previous page to be stored before sending the next one anyway. */
  storedWaitMs?: number;
}

/**
 * Copies merged leads' histories (identity_forwardings rows) into the leads they merged into, a
 * page at a time, outside the consumer loop: a batch that folds a merge only records it, so a
 * history of any length never holds a batch, a partition or the group membership.
 * Per page, in one transaction: lock the job (SKIP LOCKED), read the page, send its copies and
 * wait for Kafka's ack, move the cursor, commit. A crash repeats at most one page, whose copies
 * the store dedupes by eventId (`merged:{sha256(into, originalEventId)}`).
 * Backpressure: before sending page n+1 it waits (bounded) until page n-1's last copy is stored,
 * so at most two pages queue in the target's partition ahead of other leads' events there.
 */
export class HistoryForwarder {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly pageSize: number;
  private readonly idleMs: number;
  private readonly storedWaitMs: number;
  /** The last copy of the page before the latest one sent: what the next page waits for. */
  private inFlight: string | null = null;

  constructor(private readonly deps: HistoryForwarderDeps) {
    this.pageSize = deps.pageSize ?? 4000;
    this.idleMs = deps.idleMs ?? 500;
    this.storedWaitMs = deps.storedWaitMs ?? 30_000;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let worked = false;
      try {
        worked = await this.forwardOnePage();
      } catch (error) {
        this.deps.log.error('history forwarding failed; retrying', { error: String(error) });
      }
      if (!worked) await this.sleep(this.idleMs);
    }
  }

  /** One page of the oldest free merge; false when there was nothing to do. */
  private async forwardOnePage(): Promise<boolean> {
    const client = await this.deps.pool.connect();
    let tail: string | null = null;
    try {
      await client.query('BEGIN');
      const job = await claimIdentityForwarding(client);
      if (job === null) {
        await client.query('COMMIT');
        return false;
      }
      const page = await readLeadHistoryPage(client, {
        leadId: job.fromLead, afterSeq: job.afterSeq, beforeSeq: job.markerSeq, exceptTypes: [...NEVER_FORWARDED], limit: this.pageSize,
      });
      const copies = page.map((event) => mergedCopy(event, job.intoLead)).filter((copy): copy is LeadEventMessage => copy !== null);
      await this.deps.send(copies);
      const finished = page.length < this.pageSize;
      await advanceIdentityForwarding(client, {
        fromLead: job.fromLead, afterSeq: page.at(-1)?.seq ?? job.afterSeq, copies: copies.length, finished,
      });
      await client.query('COMMIT');
      this.deps.onCopies(copies.length);
      tail = copies.at(-1)?.eventId ?? null;
      if (finished) this.deps.log.info('merged history forwarded', { from: job.fromLead, into: job.intoLead, copies: job.copies + copies.length });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await this.awaitStored(this.inFlight);
    this.inFlight = tail;
    return true;
  }

  private async awaitStored(eventId: string | null): Promise<void> {
    if (eventId === null) return;
    const deadline = Date.now() + this.storedWaitMs;
    while (this.running && Date.now() < deadline) {
      if (await isEventStored(this.deps.pool, eventId)) return;
      await this.sleep(20);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
