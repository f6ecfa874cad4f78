import { reservedProducerOf } from '@leadscore/contracts';
import { compileRuleSet, type CompiledRuleSet } from '../compile-rule-set';
import { foldBatch } from '../fold';
import { type FoldResult } from '../fold-result';
import { initialLeadState, type LeadState } from '../lead-state';
import { parseRuleSet } from '../parse-rule-set';
import { type ScoringEvent } from '../scoring-event';

/** Monday 2026-01-05 00:00 UTC: day 0 of every test timeline. */
export const T0 = Date.UTC(2026, 0, 5);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Epoch ms at `day` days (and `hour` hours) after T0. */
export function at(day: number, hour = 0): number {
  return T0 + day * DAY + hour * HOUR;
}

let sequence = 0;

/** An event of `type` on lead "lead-1", at T0 unless told otherwise, from the producer that may write it. */
export function event(type: string, fields: Partial<ScoringEvent> = {}): ScoringEvent {
  sequence += 1;
  return {
    eventId: `event-${sequence}`,
    leadId: 'lead-1',
    type,
    occurredAt: T0,
    source: null,
    properties: {},
    traits: null,
    producer: reservedProducerOf(type) ?? 'public',
    ...fields,
  };
}

export function identify(traits: Record<string, unknown>, occurredAt = T0): ScoringEvent {
  return event('identify', { traits, occurredAt });
}

export function feedback(action: string, occurredAt = T0): ScoringEvent {
  return event('sales_feedback', { properties: { action, by: 'alice' }, occurredAt });
}

/** Compiles rule-set YAML, failing the test with every error when it is invalid. */
export function rules(yaml: string, version = 1): CompiledRuleSet {
  const parsed = parseRuleSet(yaml, 'yaml');
  if (!parsed.ok) throw new Error(`invalid test rule set: ${JSON.stringify(parsed.errors)}`);
  return compileRuleSet(parsed.definition, version);
}

/** A rule set with the given rules (YAML list items); thresholds mql 50 / sql 100 unless `extra` sets them. */
export function rulesWith(ruleLines: string, extra = '', version = 1): CompiledRuleSet {
  const thresholds = extra.includes('thresholds:') ? '' : 'thresholds: { mql: 50, sql: 100 }';
  return rules(`name: test\n${thresholds}\n${extra}\nrules:\n${ruleLines}`, version);
}

/** Folds `events` from a fresh lead (or `from`): the final lead and one result per event. */
export function foldAll(
  ruleSet: CompiledRuleSet,
  events: readonly ScoringEvent[],
  from: LeadState = initialLeadState('lead-1'),
): { state: LeadState; results: FoldResult[]; last: FoldResult } {
  const { state, results } = foldBatch(from, events, ruleSet);
  return { state, results, last: results[results.length - 1] };
}

/** Score after each event, for given/then tables. */
export function scores(ruleSet: CompiledRuleSet, events: readonly ScoringEvent[]): number[] {
  return foldAll(ruleSet, events).results.map((result) => result.state.score);
}
