import { type Pool, type PoolClient } from 'pg';
import { auditRowsCopy, beginTransaction, newProjectionsCopy, type AuditRow, type OpenTransaction, type ProjectionRow, type RowsCopy } from '@leadscore/persistence';
import { settle, type Settled } from './event-pages';
import { updateReplayProgress } from './replay.repository';

export interface PageTarget {
  replayId: string;
  generation: number;
}

/** A page being written: its transaction is open and its audit COPY takes rows as slices fold. */
export interface OpenPage {
  /** Queues audit rows; PostgreSQL parses them while the caller folds on. */
  writeAudit(rows: readonly AuditRow[]): void;
  /** Projections of leads whose last event of the pass is in this page (first row of the lead in the generation). */
  addFinalProjections(rows: readonly ProjectionRow[]): void;
}

const DONE: Settled<void> = { ok: true, value: undefined };

/**
 * A pass's writes, one transaction per page: the page's audit rows by COPY (streamed while the
 * page is still being folded), then by COPY the projections of the leads it finished, then the
 * progress. Two connections take the pages in turn, so one page's COPY can finish in PostgreSQL
 * while the next page is folded; commits stay in page order, so progress only goes up.
 */
export class PageWriters {
  private turn = 0;
  /** Per connection, the outcome of its latest page. */
  private readonly latest: Array<Promise<Settled<void>>>;
  /** The outcome of the latest page, which the next one commits after. */
  private previous: Promise<Settled<void>> = Promise.resolve(DONE);
  private open: { page: Page; index: number } | null = null;
  /** A page failed or was given up: the connections are closed rather than given back. */
  private failed = false;

  private constructor(private readonly clients: PoolClient[], private readonly target: PageTarget) {
    this.latest = clients.map(() => Promise.resolve(DONE));
  }

  static async connect(pool: Pool, target: PageTarget): Promise<PageWriters> {
    const clients: PoolClient[] = [];
    try {
      while (clients.length < 2) clients.push(await pool.connect());
    } catch (error) {
      for (const client of clients) client.release();
      throw error;
    }
    return new PageWriters(clients, target);
  }

  /** Opens the next page on the next connection, once that connection's previous page has committed. */
  async begin(): Promise<OpenPage> {
    if (this.open) throw new Error('a page is already open');
    const index = this.turn++ % this.clients.length;
    const before = await this.latest[index];
    if (!before.ok) throw before.error;
    const client = this.clients[index];
    const transaction = await beginTransaction(client);
    const page = new Page(transaction, auditRowsCopy.open(client, this.target.generation));
    this.open = { page, index };
    return page;
  }

  /** Ends the open page with the progress `processed`; its COPY, projections and commit go on in the background. */
  finish(processed: number): void {
    if (!this.open) throw new Error('no page is open');
    const { page, index } = this.open;
    this.open = null;
    const outcome = settle(this.complete(this.clients[index], page, processed, this.previous));
    this.latest[index] = outcome;
    this.previous = outcome;
  }

  /** Waits for every page; throws if one failed. */
  async drain(): Promise<void> {
    const outcomes = await Promise.all(this.latest);
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed && !failed.ok) throw failed.error;
  }

  /**
   * Gives up a page left open (the fold failed), waits for the pages in flight whatever their
   * outcome, and gives the connections back (closing them after a failure).
   */
  async release(): Promise<void> {
    if (this.open) {
      const { page } = this.open;
      this.open = null;
      await page.audit.abort();
      await page.transaction.rollback();
      this.failed = true;
    }
    await Promise.all(this.latest);
    for (const client of this.clients) client.release(this.failed);
  }

  private async complete(client: PoolClient, page: Page, processed: number, previous: Promise<Settled<void>>): Promise<void> {
    try {
      await page.audit.end();
      await newProjectionsCopy.copy(client, this.target.generation, page.projections);
      const before = await previous;
      if (!before.ok) throw before.error;
      await updateReplayProgress(client, this.target.replayId, { processed });
      await page.transaction.commit();
    } catch (error) {
      await page.transaction.rollback();
      this.failed = true;
      throw error;
    }
  }
}

class Page implements OpenPage {
  readonly projections: ProjectionRow[] = [];

  constructor(readonly transaction: OpenTransaction, readonly audit: RowsCopy<AuditRow>) {}

  writeAudit(rows: readonly AuditRow[]): void {
    this.audit.write(rows);
  }

  addFinalProjections(rows: readonly ProjectionRow[]): void {
    for (const row of rows) this.projections.push(row);
  }
}
