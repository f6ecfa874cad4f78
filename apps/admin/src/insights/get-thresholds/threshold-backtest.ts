import { thresholdRow as row, type ThresholdRow } from '@leadscore/learning';

/** Outcomes of the cohort in one 5-point peak bucket: `bucket` = floor(peak before the outcome / 5). */
export interface OutcomeBucket {
  outcome: 'won' | 'lost';
  bucket: number;
  count: number;
  /** Of these, how many had reached the active threshold (which need not be a multiple of 5). */
  atActive: number;
}

export interface ThresholdAnswer {
  from: string;
  to: string;
  source: string | null;
  outcomes: { won: number; lost: number };
  thresholds: ThresholdRow[];
  active: ThresholdRow | null;
  best: ThresholdRow | null;
}

export const THRESHOLD_STEP = 5;

/**
 * The backtest of docs/ops-api.md "Insights": for MQL thresholds 0, 5, … up to the highest peak score,
 * how many won and how many lost leads had reached it before their outcome, with precision (of
 * the leads it would have made MQLs, the won share), recall (of the won, the share it caught) and
 * F1. `best` = highest F1, the lowest threshold on a tie; null when no threshold has an F1.
 */
export function thresholdBacktest(buckets: readonly OutcomeBucket[], activeThreshold: number | null): Omit<ThresholdAnswer, 'from' | 'to' | 'source'> {
  const outcomes = { won: 0, lost: 0 };
  let top = -1;
  const atActive = { won: 0, lost: 0 };
  for (const b of buckets) {
    outcomes[b.outcome] += b.count;
    atActive[b.outcome] += b.atActive;
    if (b.bucket > top) top = b.bucket;
  }
  const thresholds: ThresholdRow[] = [];
  for (let step = 0; step <= top; step++) {
    let won = 0;
    let lost = 0;
    for (const b of buckets) {
      if (b.bucket < step) continue;
      if (b.outcome === 'won') won += b.count;
      else lost += b.count;
    }
    thresholds.push(row(step * THRESHOLD_STEP, won, lost, outcomes.won));
  }
  let best: ThresholdRow | null = null;
  for (const t of thresholds) if (t.f1 !== null && (best === null || best.f1 === null || t.f1 > best.f1)) best = t;
  return {
    outcomes,
    thresholds,
    active: activeThreshold === null ? null : row(activeThreshold, atActive.won, atActive.lost, outcomes.won),
    best,
  };
}
