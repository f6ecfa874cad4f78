import { type Pool, type PoolClient } from 'pg';
import { readEventPage, streamEventsByLead, type StoredEvent } from '@leadscore/persistence';

type Queryable = Pick<Pool | PoolClient, 'query'>;

export interface PageRange {
  afterSeq: string;
  /** Inclusive; null reads to the end. */
  uptoSeq: string | null;
  pageSize: number;
}

/**
 * Reads the store in seq order, a page at a time, and hands each page to `onPage`. The next page
 * is already being read while `onPage` works on this one. Returns the last seq seen.
 */
export async function forEachPage(db: Queryable, range: PageRange, onPage: (events: StoredEvent[]) => Promise<void> | void): Promise<string> {
  const last = await pageThrough(range.afterSeq, (afterSeq) => readEventPage(db, { afterSeq, uptoSeq: range.uptoSeq, limit: range.pageSize }), onPage);
  return last ?? range.afterSeq;
}

/**
 * Reads the store up to `uptoSeq` lead by lead (each lead's events together, in seq order), as one
 * `COPY … TO STDOUT` stream cut into pages of `pageSize` events; PostgreSQL sends the next rows
 * while `onPage` works on this page (whenever it gives the event loop a turn). A lead's history
 * may run on from one page into the next.
 */
export async function forEachLeadPage(
  pool: Pool,
  range: { uptoSeq: string; pageSize: number },
  onPage: (events: StoredEvent[]) => Promise<void> | void,
): Promise<void> {
  for await (const events of streamEventsByLead(pool, { uptoSeq: range.uptoSeq, batchEvents: range.pageSize })) await onPage(events);
}

/** The page loop in seq order; returns the seq after the last page, or null if there was none. */
async function pageThrough(
  start: string,
  read: (after: string) => Promise<StoredEvent[]>,
  onPage: (events: StoredEvent[]) => Promise<void> | void,
): Promise<string | null> {
  let position: string | null = null;
  let next = settle(read(start));
  for (;;) {
    const page = await next;
    if (!page.ok) throw page.error;
    if (page.value.length === 0) return position;
    position = page.value[page.value.length - 1].seq;
    next = settle(read(position));
    try {
      await onPage(page.value);
    } catch (error) {
      await next; // never leave a query running on a connection the caller is about to release
      throw error;
    }
  }
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so it can wait un-awaited without an unhandled rejection. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}
