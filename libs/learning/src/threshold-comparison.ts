/** How a score threshold sorts leads with an outcome: of those that reached it, how many won. */
export interface ThresholdRow {
  threshold: number;
  won: number;
  lost: number;
  /** Of the leads that reached it, the won share; null when none did. */
  precision: number | null;
  /** Of the won leads, the share that reached it; null without won leads. */
  recall: number | null;
  /** Harmonic mean of precision and recall; null when either is. */
  f1: number | null;
}

/** The one place precision, recall and F1 of a threshold are computed (insights' backtest and the models' comparison). */
export function thresholdRow(threshold: number, won: number, lost: number, allWon: number): ThresholdRow {
  const precision = won + lost === 0 ? null : won / (won + lost);
  const recall = allWon === 0 ? null : won / allWon;
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, won, lost, precision, recall, f1 };
}

export interface ScoredOutcome {
  readonly won: boolean;
  /** The active rules' score at the outcome, and the suggested rule set's. */
  readonly ruleScore: number;
  readonly suggestedScore: number;
}

export interface ThresholdComparison {
  mql: { active: ThresholdRow; suggested: ThresholdRow };
  sql: { active: ThresholdRow; suggested: ThresholdRow };
}

/**
 * The backtest of a suggested rule set against the active one on the same held-out leads: at the
 * MQL and SQL thresholds (the same numbers in both, the suggestion keeps them), how many won and
 * lost leads each would have sent over, with precision and recall.
 */
export function compareAtThresholds(leads: readonly ScoredOutcome[], thresholds: { mql: number; sql: number }): ThresholdComparison {
  const row = (threshold: number, score: (lead: ScoredOutcome) => number): ThresholdRow => {
    let won = 0;
    let lost = 0;
    let allWon = 0;
    for (const lead of leads) {
      if (lead.won) allWon++;
      if (score(lead) < threshold) continue;
      if (lead.won) won++;
      else lost++;
    }
    return thresholdRow(threshold, won, lost, allWon);
  };
  const at = (threshold: number) => ({ active: row(threshold, (lead) => lead.ruleScore), suggested: row(threshold, (lead) => lead.suggestedScore) });
  return { mql: at(thresholds.mql), sql: at(thresholds.sql) };
}
