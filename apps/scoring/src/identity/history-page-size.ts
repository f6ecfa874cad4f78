/** Bounds and aim of the history forwarder's page size. */
export interface PageSizing {
  min: number;
  max: number;
  /** How long one page should take to be stored: at most about two pages' worth wait in the target's partition. */
  targetMs: number;
}

// Short pages: the consumer fetches all partitions together and waits for the longest batch of a
// fetch, so the target's batches (up to two pages) delay every partition's next fetch, not only its own.
export const HISTORY_PAGE_SIZING: PageSizing = { min: 500, max: 5000, targetMs: 600 };

/**
 * The next page's size, pure: about `targetMs` of storing at the rate the last page was stored
 * (`storedCopies` in `elapsedMs`), moved half-way from the current size to damp noise, within the
 * bounds. So other leads on the target's partition wait about the same time behind a merge on a
 * fast machine and on a loaded one.
 */
export function nextPageSize(current: number, observed: { storedCopies: number; elapsedMs: number }, sizing = HISTORY_PAGE_SIZING): number {
  if (observed.storedCopies <= 0 || observed.elapsedMs <= 0) return current;
  const wanted = (observed.storedCopies / observed.elapsedMs) * sizing.targetMs;
  return Math.min(sizing.max, Math.max(sizing.min, Math.round((current + wanted) / 2)));
}
