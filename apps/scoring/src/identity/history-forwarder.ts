import { type Pool } from 'pg';
import { type LeadEventMessage } from '@leadscore/contracts';
import { type ContextLogger } from '@leadscore/observability';
import {
  advanceIdentityForwarding, claimIdentityForwarding, isEventStored, readLeadHistoryPage, type EventKey,
} from '@leadscore/persistence';
import { NEVER_FORWARDED } from '@leadscore/projection';
import { WakeableSleep } from '@leadscore/worker';
import { HISTORY_PAGE_SIZING, nextPageSize } from './history-page-size';
import { mergedCopy } from './identity-messages';

export interface HistoryForwarderDeps {
  pool: Pool;
  /** Sends copies to `lead-events`, keyed by the lead they go to; resolves once Kafka acknowledged. */
  send: (messages: LeadEventMessage[]) => Promise<void>;
  log: ContextLogger;
  onCopies: (count: number) => void;
  /** Events read by the first page (one transaction, one send); later pages follow the consumer's pace. */
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
 * the store dedupes by the target lead and eventId (`merged:{sha256(into, originLead, originalEventId)}`).
 * Backpressure: before sending page n+1 it waits (bounded) until page n-1's last copy is stored,
 * so at most two pages queue in the target's partition ahead of other leads' events there; and a
 * page is sized to a fraction of a second of the consumer's pace (history-page-size.ts), so that
 * queue is about as short on a fast machine as on a loaded one.
 */
export class HistoryForwarder {
  private running = false;
  private loop: Promise<void> | null = null;
  private readonly pause = new WakeableSleep();
  private pageSize: number;
  private readonly idleMs: number;
  private readonly storedWaitMs: number;
  /** The latest page sent, not yet seen stored: its last copy is what the next page waits for. */
  private inFlight: { tail: EventKey; copies: number } | null = null;
  /** When the page before it was seen stored (null after an idle spell): the pace's clock. */
  private lastStoredAt: number | null = null;

  constructor(private readonly deps: HistoryForwarderDeps) {
    this.pageSize = deps.pageSize ?? 2000;
    this.idleMs = deps.idleMs ?? 500;
    this.storedWaitMs = deps.storedWaitMs ?? 30_000;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.pause.wake();
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
      if (!worked) {
        this.inFlight = null;
        this.lastStoredAt = null;
        await this.pause.sleep(this.idleMs);
      }
    }
  }

  /** One page of the merge whose turn it is; false when there was nothing to do. */
  private async forwardOnePage(): Promise<boolean> {
    const client = await this.deps.pool.connect();
    let sent: { tail: EventKey; copies: number } | null = null;
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
      const tail = copies.at(-1);
      sent = tail === undefined ? null : { tail: { leadId: tail.leadId, eventId: tail.eventId }, copies: copies.length };
      if (finished) this.deps.log.info('merged history forwarded', { from: job.fromLead, into: job.intoLead, copies: job.copies + copies.length });
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    await this.paceAfter(this.inFlight);
    this.inFlight = sent;
    return true;
  }

  /** Waits until `page` is stored (bounded), and sizes the next page from how long it took. */
  private async paceAfter(page: { tail: EventKey; copies: number } | null): Promise<void> {
    if (page === null) return;
    const deadline = Date.now() + this.storedWaitMs;
    while (this.running && Date.now() < deadline) {
      if (await isEventStored(this.deps.pool, page.tail)) {
        const now = Date.now();
        if (this.lastStoredAt !== null) {
          this.pageSize = nextPageSize(this.pageSize, { storedCopies: page.copies, elapsedMs: now - this.lastStoredAt }, HISTORY_PAGE_SIZING);
        }
        this.lastStoredAt = now;
        return;
      }
      await this.pause.sleep(20);
    }
    this.lastStoredAt = null;
  }
}
