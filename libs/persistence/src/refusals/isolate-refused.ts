import { databaseRefusal } from './database-refusal';

export interface Refused<T> {
  item: T;
  /** The database's error for this item alone (see databaseRefusal). */
  reason: string;
}

export interface IsolateOptions<T, R> {
  items: T[];
  /** Stores a slice of the items in one transaction; rejects when the database refuses it. */
  process: (items: T[]) => Promise<R>;
  /** The refusal's text when an error is about the data, null when it is transient (then it is thrown). */
  refusal: (error: unknown) => string | null;
}

export interface Isolated<T, R> {
  /** One result per slice that was stored, in item order. */
  results: R[];
  refused: Refused<T>[];
}

/**
 * Processes the items in one call; when the database refuses that call, splits it in halves and
 * retries each (recursively, the left half first, so the items keep their order), until every
 * refused item stands alone. A poison item among n costs about 2·log2(n) extra calls. A transient
 * error is thrown as is: the caller retries the whole batch, and slices already stored are skipped
 * by their own dedupe (eventId, unique promotion), so each item is stored exactly once.
 */
export async function isolateRefused<T, R>(options: IsolateOptions<T, R>): Promise<Isolated<T, R>> {
  const outcome: Isolated<T, R> = { results: [], refused: [] };
  if (options.items.length > 0) await visit(options, options.items, outcome);
  return outcome;
}

async function visit<T, R>(options: IsolateOptions<T, R>, items: T[], outcome: Isolated<T, R>): Promise<void> {
  try {
    outcome.results.push(await options.process(items));
    return;
  } catch (error) {
    const reason = options.refusal(error);
    if (reason === null) throw error;
    if (items.length === 1) {
      outcome.refused.push({ item: items[0], reason });
      return;
    }
  }
  const middle = Math.ceil(items.length / 2);
  await visit(options, items.slice(0, middle), outcome);
  await visit(options, items.slice(middle), outcome);
}

/** `isolateRefused` with `databaseRefusal`: the workers' isolate hook on the batch transport (libs/kafka). */
export function isolateDatabaseRefusals<T, R>(items: T[], process: (items: T[]) => Promise<R>): Promise<Isolated<T, R>> {
  return isolateRefused({ items, process, refusal: databaseRefusal });
}
