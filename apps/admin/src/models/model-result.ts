import { type CalibrationBin, type FeatureWeight, type ThresholdComparison } from '@leadscore/learning';

/** What a done training answers (docs/learned-scoring.md): the evaluation and the suggestion. */
export interface ModelResult {
  trainedOn: { won: number; lost: number };
  heldOut: { won: number; lost: number };
  /** Held-out AUC of the model's win probability, and of the rule set's score on the same leads. */
  auc: number;
  rulesAuc: number;
  calibration: CalibrationBin[];
  /** Strongest first. */
  features: FeatureWeight[];
  /** The rule version the features and the baseline were computed with (the active one at the start). */
  rulesVersion: number;
  /** The model as a rule set: a new, inactive version. */
  suggestedRuleVersion: number;
  /** Points per unit of log-odds and the offset the suggestion used; features no rule could express. */
  suggestion: { pointsPerLogOdds: number; offset: number; leftOut: string[] };
  /** The held-out leads at the MQL and SQL thresholds: what the active rules and the suggestion would have sent over. */
  backtest: ThresholdComparison;
  /** The simulation of the suggested version against the stored history (GET /v1/simulations/{id}). */
  simulationId: string | null;
}
