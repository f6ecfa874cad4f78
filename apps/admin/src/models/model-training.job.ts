import { type Pool } from 'pg';
import { compareAtThresholds, isHeldOut, leadFeatures, serializeModel, suggestRuleSet, trainModel, tooFewOutcomes, type ThresholdComparison, type TrainingLead } from '@leadscore/learning';
import { type ContextLogger } from '@leadscore/observability';
import { compileRuleSet, parseRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { type ModelResult } from './model-result';
import { failModel, finishModel, updateModelProgress } from './models.repository';
import { readEventsOfLeads, readOutcomeLeads, type OutcomeLead } from './outcome-leads.reader';
import { type TrainingWindow } from './training-window.param';

export interface ModelTrainingPorts {
  pool: Pool;
  log: ContextLogger;
  /** Stores the suggested rule set as a new inactive version (audited) and returns the version. */
  storeSuggestion: (text: string, name: string, author: string) => Promise<number>;
  /** Starts the suggested version's simulation; null when it could not start. */
  simulate: (version: number) => Promise<string | null>;
  chunkSize: number;
}

/**
 * A training job: the leads with an outcome in the window, each lead's features from its history
 * before the outcome under the rule set active at the start, the fit and its held-out evaluation,
 * then the suggested rule set as a new inactive version. Fails with the reason, never a model
 * that pretends (too few outcomes of a class).
 */
export async function runModelTraining(ports: ModelTrainingPorts, id: string, window: TrainingWindow, ruleSet: CompiledRuleSet): Promise<'done' | 'failed'> {
  const { pool, log } = ports;
  try {
    const outcomes = await readOutcomeLeads(pool, window);
    await updateModelProgress(pool, id, 0, outcomes.length);
    const won = outcomes.filter((lead) => lead.won).length;
    const refusal = tooFewOutcomes(won, outcomes.length - won);
    if (refusal !== null) return await fail(ports, id, refusal);
    const leads: TrainingLead[] = [];
    for (let i = 0; i < outcomes.length; i += ports.chunkSize) {
      const chunk = outcomes.slice(i, i + ports.chunkSize);
      const events = await readEventsOfLeads(pool, chunk.map((lead) => lead.leadId));
      for (const lead of chunk) {
        leads.push({ leadId: lead.leadId, won: lead.won, ...leadFeatures(lead.leadId, events.get(lead.leadId) ?? [], ruleSet, lead.outcomeAt) });
      }
      await updateModelProgress(pool, id, leads.length);
    }
    const trained = trainModel(leads, { seed: window.seed });
    if (!trained.ok) return await fail(ports, id, trained.reason);
    const name = `model-${id.slice(0, 8)}`;
    const suggestion = suggestRuleSet({
      model: trained.model, activeRuleSet: ruleSet.definition, reference: trained.reference, name,
      description: `Learned by model ${id} from ${trained.evaluation.trainedOn.won + trained.evaluation.trainedOn.lost} outcomes; held-out AUC ${trained.evaluation.auc.toFixed(3)} (rules v${ruleSet.version}: ${trained.evaluation.rulesAuc.toFixed(3)}).`,
    });
    const parsed = parseRuleSet(suggestion.text, 'yaml');
    if (!parsed.ok) throw new Error('the suggested rule set does not parse: a bug in suggestRuleSet');
    const suggestedRuleVersion = await ports.storeSuggestion(suggestion.text, name, `model/${id}`);
    const simulationId = await ports.simulate(suggestedRuleVersion);
    const held = outcomes.filter((lead) => isHeldOut(lead.leadId, window.seed));
    const backtest = await backtestSuggestion(ports, held, leads, compileRuleSet(parsed.definition, suggestedRuleVersion));
    const result: ModelResult = {
      ...trained.evaluation, rulesVersion: ruleSet.version, suggestedRuleVersion, simulationId, backtest,
      suggestion: { ...suggestion.scale, leftOut: suggestion.leftOut },
    };
    await finishModel(pool, id, result, serializeModel(trained.model));
    log.info('model trained', { modelId: id, leads: leads.length, auc: result.auc, rulesAuc: result.rulesAuc, suggestedRuleVersion });
    return 'done';
  } catch (error) {
    log.error('model training failed', { modelId: id, error });
    return fail(ports, id, `training failed: ${String(error)}`);
  }
}

/** The held-out leads scored at their outcome by the suggestion beside the active rules, compared at the thresholds. */
async function backtestSuggestion(ports: ModelTrainingPorts, held: OutcomeLead[], leads: TrainingLead[], suggested: CompiledRuleSet): Promise<ThresholdComparison> {
  const ruleScores = new Map(leads.map((lead) => [lead.leadId, lead.ruleScore]));
  const scored = [];
  for (let i = 0; i < held.length; i += ports.chunkSize) {
    const chunk = held.slice(i, i + ports.chunkSize);
    const events = await readEventsOfLeads(ports.pool, chunk.map((lead) => lead.leadId));
    for (const lead of chunk) {
      const { ruleScore: suggestedScore } = leadFeatures(lead.leadId, events.get(lead.leadId) ?? [], suggested, lead.outcomeAt);
      scored.push({ won: lead.won, ruleScore: ruleScores.get(lead.leadId) ?? 0, suggestedScore });
    }
  }
  return compareAtThresholds(scored, suggested.definition.thresholds);
}

async function fail(ports: ModelTrainingPorts, id: string, reason: string): Promise<'failed'> {
  ports.log.warn('model not trained', { modelId: id, reason });
  await failModel(ports.pool, id, reason).catch(() => undefined);
  return 'failed';
}
