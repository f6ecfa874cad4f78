import { type Pool, type PoolClient } from 'pg';
import { readEventPage, type StoredEvent } from '@leadscore/persistence';

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
export async function forEachPage(
  db: Pick<Pool | PoolClient, 'query'>,
  range: PageRange,
  onPage: (events: StoredEvent[]) => Promise<void> | void,
): Promise<string> {
  let cursor = range.afterSeq;
  const read = (afterSeq: string) => readEventPage(db, { afterSeq, uptoSeq: range.uptoSeq, limit: range.pageSize });
  let next = settle(read(cursor));
  for (;;) {
    const page = await next;
    if (!page.ok) throw page.error;
    if (page.value.length === 0) return cursor;
    cursor = page.value[page.value.length - 1].seq;
    next = settle(read(cursor));
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
