import { compileRuleSet, foldBatch, initialLeadState, parseRuleSet, type ScoringEvent } from '@leadscore/scoring';
import { pointsScale, suggestRuleSet } from './suggest-rule-set';

describe('pointsScale', () => {
  it.each([
    {
      given: 'some leads at MQL and some at SQL: both quantiles land on the thresholds',
      logOdds: [-2, -1, 0, 1, 2], ruleScores: [0, 10, 60, 70, 120], // MQL between -1 and 0 (three leads above), SQL between 1 and 2 (one lead above)
      then: { pointsPerLogOdds: 50 / 2, offset: 50 - 25 * -0.5 },
    },
    {
      given: 'no lead at SQL: MQL kept, the spread of the rule scores matched',
      logOdds: [0, 1, 2, 3], ruleScores: [0, 20, 40, 60], then: { pointsPerLogOdds: 20, offset: 50 - 20 * 2.5 },
    },
    {
      given: 'every lead at MQL and none at SQL: the mean and spread of the rule scores',
      logOdds: [0, 2], ruleScores: [60, 80], then: { pointsPerLogOdds: 10, offset: 70 - 10 * 1 },
    },
  ])('given $given', ({ logOdds, ruleScores, then }) => {
    expect(pointsScale(logOdds, ruleScores, { mql: 50, sql: 100 })).toEqual(then);
  });
});

describe('suggestRuleSet', () => {
  const active = parseRuleSet('name: ops\nthresholds: { mql: 50, sql: 100, sqlMinFit: 10 }\nrules:\n  - { id: demo, when: { type: form_submit, where: [{ field: properties.form, op: eq, value: demo }] }, points: 40, limit: { count: 1, per: 7d } }\n', 'yaml');
  if (!active.ok) throw new Error('invalid test rule set');
  const model = {
    features: ['event:page_visit', 'rule:demo', 'rule:gone', 'trait:seniority:executive', 'trait:seniority:individual', 'trait:seniority:vp', 'trait:size:5001+', 'trait:industry:software_saas'],
    intercept: -1,
    weights: [0.1, 1, 0.5, 0.8, -0.2, 0.4, 0.3, 0.25],
  };
  const suggested = suggestRuleSet({ model, activeRuleSet: active.definition, reference: { logOdds: [-1, 1], ruleScores: [0, 60] }, name: 'model-x', description: 'test' });
  const parsed = parseRuleSet(suggested.text, 'yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const ruleSet = compileRuleSet(parsed.definition, 2);
  const k = suggested.scale.pointsPerLogOdds;
  const lead = (events: Array<Partial<ScoringEvent>>) => foldBatch(initialLeadState('l'), events.map((fields, i) => ({
    eventId: `e${i}`, leadId: 'l', type: 'page_visit', occurredAt: Date.UTC(2026, 0, 1) + i * 60_000, source: null, properties: {}, traits: null, producer: 'public' as const, ...fields,
  })), ruleSet).state.score;

  it('keeps the active MQL and SQL thresholds, copies the rules whose hits it counts, and says what it left out', () => {
    expect(parsed.definition.thresholds).toEqual({ mql: 50, sql: 100 });
    expect(parsed.definition.rules.find((rule) => rule.id === 'model-rule-demo')).toMatchObject({ when: { type: 'form_submit', where: [{ field: 'properties.form', op: 'eq', value: 'demo' }] }, limit: { count: 1, per: '7d' } });
    expect(suggested.leftOut).toEqual(['rule:gone: rule gone is not an engagement rule of the active rule set']);
  });

  it.each([
    { given: 'an individual contributor with no other trait', traits: { jobTitle: 'Engineer' }, then: -1 - 0.2 },
    { given: 'a vice president (not an executive)', traits: { jobTitle: 'Vice President, Sales' }, then: -1 + 0.4 },
    { given: 'a president (an executive)', traits: { jobTitle: 'President' }, then: -1 + 0.8 },
    { given: 'an enterprise software company', traits: { jobTitle: 'Engineer', companySize: 12000, industry: 'Software & SaaS' }, then: -1 - 0.2 + 0.3 + 0.25 },
  ])('gives $given the points of its log-odds', ({ traits, then }) => {
    expect(lead([{ type: 'identify', traits }])).toBeCloseTo(k * then + suggested.scale.offset, 1);
  });

  it('adds the points of each event and rule hit', () => {
    const traits = { jobTitle: 'Engineer' };
    const demo = { type: 'form_submit', properties: { form: 'demo' } };
    expect(lead([{ type: 'identify', traits }, {}, {}, demo])).toBeCloseTo(k * (-1 - 0.2 + 0.2 + 1) + suggested.scale.offset, 1);
  });
});
