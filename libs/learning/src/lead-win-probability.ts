import { type CompiledRuleSet, type ScoringEvent } from '@leadscore/scoring';
import { leadFeatures } from './lead-features';
import { type LogisticModel, winProbability } from './logistic-regression';
import { rowOf } from './train-model';

/**
 * A model's win probability of an open lead from its events (log order), folded under the rule
 * version the model was trained with, and each feature's contribution to the log-odds, largest
 * first. Pure: the same events give the same probability, so a replay reproduces it.
 */
export function leadWinProbability(model: LogisticModel, leadId: string, events: readonly ScoringEvent[], ruleSet: CompiledRuleSet): { probability: number; contributions: Array<{ name: string; contribution: number }> } {
  const { features } = leadFeatures(leadId, events, ruleSet, null);
  return winProbability(model, rowOf(model.features, features));
}

/** A stored model (serializeModel text) back as a model. */
export function parseModel(text: string): LogisticModel {
  const parsed = JSON.parse(text) as LogisticModel;
  if (!Array.isArray(parsed.features) || !Array.isArray(parsed.weights) || typeof parsed.intercept !== 'number' || parsed.features.length !== parsed.weights.length) {
    throw new Error('not a serialised logistic model');
  }
  return { features: parsed.features, intercept: parsed.intercept, weights: parsed.weights };
}
