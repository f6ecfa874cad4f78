import { auc } from './auc';

export interface CalibrationBin {
  /** Lowest and highest predicted probability in the bin. */
  readonly from: number;
  readonly to: number;
  /** Mean predicted probability and observed win rate in the bin. */
  readonly predicted: number;
  readonly observed: number;
  readonly count: number;
}

/**
 * Calibration deciles: leads sorted by predicted probability (ties by input order, so the result
 * is deterministic), cut into `bins` groups of near-equal size (the first groups take the
 * remainder). Empty groups (fewer leads than bins) are left out.
 */
export function calibrationDeciles(predicted: readonly number[], won: readonly boolean[], bins = 10): CalibrationBin[] {
  if (predicted.length !== won.length) throw new Error('calibrationDeciles: predicted and won differ in length');
  const order = predicted.map((p, i) => ({ p, won: won[i], i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const result: CalibrationBin[] = [];
  const base = Math.floor(order.length / bins);
  const extra = order.length % bins;
  let start = 0;
  for (let b = 0; b < bins; b++) {
    const size = base + (b < extra ? 1 : 0);
    if (size === 0) continue;
    const slice = order.slice(start, start + size);
    start += size;
    let sumP = 0;
    let wins = 0;
    for (const entry of slice) { sumP += entry.p; if (entry.won) wins++; }
    result.push({ from: slice[0].p, to: slice[slice.length - 1].p, predicted: sumP / size, observed: wins / size, count: size });
  }
  return result;
}

/** The baseline a model must beat: AUC of the active rule set's scores on the same held-out leads. */
export function rulesBaselineAuc(ruleScores: readonly number[], won: readonly boolean[]): number {
  if (ruleScores.length !== won.length) throw new Error('rulesBaselineAuc: scores and won differ in length');
  return auc(ruleScores, won);
}
