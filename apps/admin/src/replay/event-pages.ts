import { type Pool, type PoolClient } from 'pg';
import { BEFORE_FIRST_LEAD, readEventPage, readLeadEventPage, type LeadPosition, type StoredEvent } from '@leadscore/persistence';

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
  const last = await pageThrough(range.afterSeq, (event) => event.seq, (afterSeq) => readEventPage(db, { afterSeq, uptoSeq: range.uptoSeq, limit: range.pageSize }), onPage);
  return last ?? range.afterSeq;
}

/**
 * Reads the store up to `uptoSeq` lead by lead (each lead's events together, in seq order), a
 * page at a time, the next page read while `onPage` works on this one. A lead's history may run
 * on from one page into the next.
 */
export async function forEachLeadPage(
  db: Queryable,
  range: { uptoSeq: string; pageSize: number },
  onPage: (events: StoredEvent[]) => Promise<void> | void,
): Promise<void> {
  await pageThrough<LeadPosition>(BEFORE_FIRST_LEAD, ({ leadId, seq }) => ({ leadId, seq }),
    (after) => readLeadEventPage(db, { after, uptoSeq: range.uptoSeq, limit: range.pageSize }), onPage);
}

/** The page loop of both orders; returns the position after the last page, or null if there was none. */
async function pageThrough<P>(
  start: P,
  positionOf: (event: StoredEvent) => P,
  read: (after: P) => Promise<StoredEvent[]>,
  onPage: (events: StoredEvent[]) => Promise<void> | void,
): Promise<P | null> {
  let position: P | null = null;
  let next = settle(read(start));
  for (;;) {
    const page = await next;
    if (!page.ok) throw page.error;
    if (page.value.length === 0) return position;
    position = positionOf(page.value[page.value.length - 1]);
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
