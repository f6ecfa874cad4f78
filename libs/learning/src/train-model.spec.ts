import { compileRuleSet, foldBatch, initialLeadState, parseRuleSet, type CompiledRuleSet, type ScoringEvent } from '@leadscore/scoring';
import { auc } from './auc';
import { leadFeatures } from './lead-features';
import { serializeModel, sigmoid, winProbability } from './logistic-regression';
import { isHeldOut } from './seeded-split';
import { spearman } from './spearman';
import { suggestRuleSet } from './suggest-rule-set';
import { rowOf, trainModel, type TrainingLead } from './train-model';

// A seeded generator (mulberry32): leads drawn from known weights, outcomes drawn from the
// generator's own probability, so its AUC on the held-out leads is the best a model can reach.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The generator's weights (log-odds) and how each feature is drawn.
const TRUTH = {
  intercept: -2.4,
  'event:pricing_visit': 0.5, // 0-5 visits
  'event:demo_request': 1.2, // 0-2 requests
  'trait:seniority:executive': 1.5, // a quarter of the leads
  'event:careers_visit': -0.3, // 0-2 visits
  'event:email_open': 0.05, // 0-9 opens
  'trait:country:fr': 0.2, // a quarter of the leads
};
const TRUE_TOP3 = ['event:demo_request', 'event:pricing_visit', 'trait:seniority:executive'];
const TITLES = ['CEO', 'VP Sales', 'Head of Marketing', 'Product Manager', 'Software Engineer', 'Chief Revenue Officer', 'Analyst', 'Sales Director'];
const EXECUTIVE = new Set(['CEO', 'Chief Revenue Officer']);
const COUNTRIES = ['FR', 'DE', 'US', 'GB'];

// The ops' current rules: some right, some wrong (careers earns points), the demo request missed.
const ACTIVE_RULES = `
name: ops
thresholds: { mql: 50, sql: 100 }
rules:
  - { id: open, when: { type: email_open }, points: 5 }
  - { id: pricing, when: { type: pricing_visit }, points: 10, limit: { count: 1, per: ever } }
  - { id: careers, when: { type: careers_visit }, points: 5 }
  - { id: chief, kind: fit, when: { where: [{ field: traits.jobTitle, op: matches, value: "chief|ceo", ignoreCase: true }] }, points: 20 }
`;

interface SyntheticLead { leadId: string; events: ScoringEvent[]; outcomeAt: number; truth: number; won: boolean }

const T0 = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;

function generate(count: number, seed: number): SyntheticLead[] {
  const random = mulberry32(seed);
  const int = (max: number): number => Math.floor(random() * (max + 1));
  return Array.from({ length: count }, (_, i) => {
    const leadId = `lead-${String(i).padStart(5, '0')}`;
    const title = TITLES[int(TITLES.length - 1)];
    const country = COUNTRIES[int(COUNTRIES.length - 1)];
    const counts: [string, number][] = [['pricing_visit', int(5)], ['demo_request', int(2)], ['careers_visit', int(2)], ['email_open', int(9)]];
    const z = TRUTH.intercept + counts.reduce((sum, [type, n]) => sum + n * TRUTH[`event:${type}` as keyof typeof TRUTH], 0)
      + (EXECUTIVE.has(title) ? TRUTH['trait:seniority:executive'] : 0) + (country === 'FR' ? TRUTH['trait:country:fr'] : 0);
    const start = T0 + i * 60_000;
    let t = start;
    const event = (type: string, fields: Partial<ScoringEvent> = {}): ScoringEvent => {
      t += HOUR;
      return { eventId: `${leadId}-${t}`, leadId, type, occurredAt: t, source: null, properties: {}, traits: null, producer: 'public', ...fields };
    };
    const events = [event('identify', { traits: { jobTitle: title, country } })];
    for (const [type, n] of counts) for (let k = 0; k < n; k++) events.push(event(type));
    const truth = sigmoid(z);
    return { leadId, events, outcomeAt: t + 24 * HOUR, truth, won: random() < truth };
  });
}

function compile(text: string): CompiledRuleSet {
  const parsed = parseRuleSet(text, 'yaml');
  if (!parsed.ok) throw new Error(`invalid rule set: ${JSON.stringify(parsed.errors)}`);
  return compileRuleSet(parsed.definition, 1);
}

describe('trainModel on leads from known weights', () => {
  const leads = generate(5000, 42);
  const active = compile(ACTIVE_RULES);
  const training: TrainingLead[] = leads.map((lead) => ({ leadId: lead.leadId, won: lead.won, ...leadFeatures(lead.leadId, lead.events, active, lead.outcomeAt) }));
  const trained = trainModel(training, { seed: 7 });
  if (!trained.ok) throw new Error(trained.reason);
  const { model, evaluation } = trained;

  it('reaches the generator’s own held-out AUC within 0.03, and says how the rules did on the same leads', () => {
    const held = leads.filter((lead) => isHeldOut(lead.leadId, 7));
    const generator = auc(held.map((lead) => lead.truth), held.map((lead) => lead.won));
    expect(Math.abs(evaluation.auc - generator)).toBeLessThanOrEqual(0.03);
    expect(evaluation.heldOut.won + evaluation.heldOut.lost).toBe(held.length);
    expect(evaluation.rulesAuc).toBeLessThan(evaluation.auc);
    expect(evaluation.calibration.reduce((sum, bin) => sum + bin.count, 0)).toBe(held.length);
  });

  it('finds the generator’s three strongest features', () => {
    expect(evaluation.features.slice(0, 3).map((f) => f.name).sort()).toEqual(TRUE_TOP3);
  });

  it('suggests a rule set that parses and ranks the leads as the model does (Spearman ≥ 0.9)', () => {
    const suggested = suggestRuleSet({ model, activeRuleSet: active.definition, reference: trained.reference, name: 'model-test', description: 'from the test' });
    const parsed = parseRuleSet(suggested.text, 'yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const ruleSet = compileRuleSet(parsed.definition, 2);
    const byModel = training.map((lead) => winProbability(model, rowOf(model.features, lead.features)).probability);
    const byRules = leads.map((lead) => foldBatch(initialLeadState(lead.leadId), lead.events, ruleSet).state.score);
    expect(spearman(byModel, byRules)).toBeGreaterThanOrEqual(0.9);
    expect(parsed.definition.thresholds).toEqual({ mql: 50, sql: 100 });
  });

  it('keeps the thresholds’ meaning: about as many training leads reach MQL under the suggestion as under the rules', () => {
    const { pointsPerLogOdds, offset } = suggestRuleSet({ model, activeRuleSet: active.definition, reference: trained.reference, name: 'm', description: 'd' }).scale;
    const share = (scores: number[]) => scores.filter((s) => s >= 50).length / scores.length;
    const suggestedShare = share(trained.reference.logOdds.map((z) => pointsPerLogOdds * z + offset));
    expect(Math.abs(suggestedShare - share(trained.reference.ruleScores))).toBeLessThan(0.01);
  });

  it('gives the same model, byte for byte, from the same leads in any order', () => {
    const again = trainModel([...training].reverse(), { seed: 7 });
    expect(again.ok && serializeModel(again.model)).toBe(serializeModel(model));
    expect(again.ok && again.evaluation).toEqual(evaluation);
  });
});

describe('trainModel with too few outcomes', () => {
  const lead = (i: number, won: boolean): TrainingLead => ({ leadId: `lead-${i}`, won, ruleScore: 0, features: { 'event:page_visit': i % 3 } });

  it.each([
    { given: '49 won and 200 lost leads', won: 49, lost: 200, then: 'too few outcomes to learn from: 49 won and 200 lost (lost or disqualified) leads, at least 50 of each are needed' },
    { given: '300 won and 10 lost leads', won: 300, lost: 10, then: 'too few outcomes to learn from: 300 won and 10 lost (lost or disqualified) leads, at least 50 of each are needed' },
  ])('given $given, then no model and the reason', ({ won, lost, then }) => {
    const leads = [...Array.from({ length: won }, (_, i) => lead(i, true)), ...Array.from({ length: lost }, (_, i) => lead(won + i, false))];
    expect(trainModel(leads, { seed: 1 })).toEqual({ ok: false, reason: then });
  });
});
