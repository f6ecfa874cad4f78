import { compileRuleSet, parseRuleSet, type ScoringEvent } from '@leadscore/scoring';
import { leadWinProbability, parseModel } from './lead-win-probability';
import { serializeModel, sigmoid } from './logistic-regression';

const parsed = parseRuleSet('name: t\nthresholds: { mql: 50, sql: 100 }\nrules:\n  - { id: paper, when: { type: whitepaper_download }, points: 20, limit: { count: 1, per: ever } }\n', 'yaml');
if (!parsed.ok) throw new Error('invalid test rule set');
const ruleSet = compileRuleSet(parsed.definition, 1);
const event = (type: string, minute: number, fields: Partial<ScoringEvent> = {}): ScoringEvent => ({
  eventId: `e${minute}`, leadId: 'l', type, occurredAt: Date.UTC(2026, 0, 1, 0, minute), source: null, properties: {}, traits: null, producer: 'public', ...fields,
});

describe('leadWinProbability', () => {
  const model = { features: ['event:whitepaper_download', 'rule:paper', 'trait:seniority:executive'], intercept: -2, weights: [0.5, 1, 0.75] };

  it('given two white papers (one hit of the limited rule) by a CEO, then the log-odds of those features, largest contribution first', () => {
    const events = [event('identify', 0, { traits: { jobTitle: 'CEO' } }), event('whitepaper_download', 1), event('whitepaper_download', 2)];
    const { probability, contributions } = leadWinProbability(model, 'l', events, ruleSet);
    expect(probability).toBeCloseTo(sigmoid(-2 + 2 * 0.5 + 1 + 0.75), 12);
    expect(contributions).toEqual([{ name: 'event:whitepaper_download', contribution: 1 }, { name: 'rule:paper', contribution: 1 }, { name: 'trait:seniority:executive', contribution: 0.75 }]);
  });

  it('leaves sales feedback out: recording the outcome does not predict it', () => {
    const feedback = event('sales_feedback', 3, { properties: { action: 'won' }, producer: 'admin' });
    const withFeedback = leadWinProbability({ ...model, features: ['event:sales_feedback'], weights: [5] }, 'l', [feedback], ruleSet);
    expect(withFeedback.probability).toBeCloseTo(sigmoid(-2), 12);
  });
});

describe('parseModel', () => {
  it('reads back what serializeModel wrote', () => {
    const model = { features: ['a', 'b'], intercept: 0.25, weights: [1, -1] };
    expect(parseModel(serializeModel(model))).toEqual(model);
  });

  it.each(['{}', '{"features":["a"],"intercept":0,"weights":[]}', '[]'])('refuses %s', (text) => {
    expect(() => parseModel(text)).toThrow('not a serialised logistic model');
  });
});
