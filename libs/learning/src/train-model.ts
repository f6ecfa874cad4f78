import { auc } from './auc';
import { calibrationDeciles, rulesBaselineAuc, type CalibrationBin } from './calibration';
import { DEFAULT_FIT, fitLogistic, winProbability, type FitOptions, type LogisticModel } from './logistic-regression';
import { isHeldOut } from './seeded-split';

/** One lead with an outcome: its features before the outcome, and the active rules' score then. */
export interface TrainingLead {
  readonly leadId: string;
  readonly features: Readonly<Record<string, number>>;
  readonly won: boolean;
  /** The active rule set's score of the lead just before its outcome: the baseline to beat. */
  readonly ruleScore: number;
}

export interface TrainOptions {
  readonly seed: number;
  /** Fewer outcomes than this of either class → no model (default 50). */
  readonly minPerClass?: number;
  /** A feature seen (non-zero) on fewer training leads than this is left out (default 10). */
  readonly minSupport?: number;
  readonly fit?: FitOptions;
}

export interface FeatureWeight {
  readonly name: string;
  /** Log-odds per unit of the feature (per event, per hit, or for having the trait). */
  readonly weight: number;
  /** |weight| × the feature's standard deviation on the training leads: how much it moves leads apart. */
  readonly strength: number;
}

export interface ModelEvaluation {
  readonly trainedOn: { won: number; lost: number };
  readonly heldOut: { won: number; lost: number };
  /** Held-out AUC of the model's probability, and of the active rule set's score on the same leads. */
  readonly auc: number;
  readonly rulesAuc: number;
  readonly calibration: CalibrationBin[];
  /** Strongest first. */
  readonly features: FeatureWeight[];
}

export type TrainResult =
  | {
      ok: true;
      model: LogisticModel;
      evaluation: ModelEvaluation;
      /** The training leads' log-odds beside their rule scores: what suggestRuleSet scales points from. */
      reference: { logOdds: number[]; ruleScores: number[] };
    }
  | { ok: false; reason: string };

export const MIN_OUTCOMES_PER_CLASS = 50;

/** Why there are too few outcomes to learn from, or null when there are enough of each class. */
export function tooFewOutcomes(won: number, lost: number, minPerClass = MIN_OUTCOMES_PER_CLASS): string | null {
  if (won >= minPerClass && lost >= minPerClass) return null;
  return `too few outcomes to learn from: ${won} won and ${lost} lost (lost or disqualified) leads, at least ${minPerClass} of each are needed`;
}

/**
 * Trains a win model: leads in lead-id order, a fifth held out by seeded hash, features kept when
 * seen on enough training leads (sorted by name), an L2 logistic regression, then the held-out
 * evaluation beside the rule set's own score. Refuses (a value, not a throw) with too few outcomes.
 * Pure: the same leads and seed give the same model, byte for byte, whatever their input order.
 */
export function trainModel(leads: readonly TrainingLead[], options: TrainOptions): TrainResult {
  const won = leads.filter((lead) => lead.won).length;
  const refusal = tooFewOutcomes(won, leads.length - won, options.minPerClass);
  if (refusal !== null) return { ok: false, reason: refusal };
  const ordered = [...leads].sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
  const train = ordered.filter((lead) => !isHeldOut(lead.leadId, options.seed));
  const held = ordered.filter((lead) => isHeldOut(lead.leadId, options.seed));
  const heldOut = countOutcomes(held);
  if (heldOut.won === 0 || heldOut.lost === 0) {
    return { ok: false, reason: `the held-out fifth has ${heldOut.won} won and ${heldOut.lost} lost leads: both are needed to evaluate a model` };
  }
  const names = supportedFeatures(train, options.minSupport ?? 10);
  const rows = train.map((lead) => rowOf(names, lead.features));
  const model = fitLogistic(names, rows, train.map((lead) => lead.won), options.fit ?? DEFAULT_FIT);
  const heldProbabilities = held.map((lead) => winProbability(model, rowOf(names, lead.features)).probability);
  const heldWon = held.map((lead) => lead.won);
  return {
    ok: true,
    model,
    evaluation: {
      trainedOn: countOutcomes(train),
      heldOut,
      auc: auc(heldProbabilities, heldWon),
      rulesAuc: rulesBaselineAuc(held.map((lead) => lead.ruleScore), heldWon),
      calibration: calibrationDeciles(heldProbabilities, heldWon),
      features: featureWeights(model, rows),
    },
    reference: { logOdds: rows.map((row) => logOdds(model, row)), ruleScores: train.map((lead) => lead.ruleScore) },
  };
}

/** A lead's features as the model's row (features it does not know are ignored, missing ones are 0). */
export function rowOf(names: readonly string[], features: Readonly<Record<string, number>>): number[] {
  return names.map((name) => features[name] ?? 0);
}

export function logOdds(model: LogisticModel, row: readonly number[]): number {
  let z = model.intercept;
  for (let j = 0; j < row.length; j++) z += model.weights[j] * row[j];
  return z;
}

function supportedFeatures(train: readonly TrainingLead[], minSupport: number): string[] {
  const support = new Map<string, number>();
  for (const lead of train) {
    for (const [name, value] of Object.entries(lead.features)) if (value !== 0) support.set(name, (support.get(name) ?? 0) + 1);
  }
  return [...support].filter(([, count]) => count >= minSupport).map(([name]) => name).sort();
}

function featureWeights(model: LogisticModel, rows: readonly number[][]): FeatureWeight[] {
  const n = rows.length;
  return model.features
    .map((name, j) => {
      let mean = 0;
      for (const row of rows) mean += row[j] / n;
      let variance = 0;
      for (const row of rows) variance += (row[j] - mean) ** 2 / n;
      return { name, weight: model.weights[j], strength: Math.abs(model.weights[j]) * Math.sqrt(variance) };
    })
    .sort((a, b) => b.strength - a.strength || (a.name < b.name ? -1 : 1));
}

function countOutcomes(leads: readonly TrainingLead[]): { won: number; lost: number } {
  const won = leads.filter((lead) => lead.won).length;
  return { won, lost: leads.length - won };
}
