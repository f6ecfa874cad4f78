import { foldBatch } from './fold';
import { initialLeadState } from './lead-state';
import { NO_INSIGHTS } from './milestones';
import { at, event, feedback, foldAll, rulesWith } from './testing/scoring.fixtures';

const RULES = `
  - { id: open, when: { type: email_open }, points: 30, group: email }
  - { id: demo, when: { type: demo_request }, points: 80, group: web }
  - { id: pricing, when: { type: pricing_visit }, points: 120, group: web }
  - { id: bounce, when: { type: email_bounce }, points: -50, group: email }`;
const ruleSet = rulesWith(RULES);
const won = (occurredAt: number, amount?: unknown) =>
  event('sales_feedback', { occurredAt, properties: { action: 'won', ...(amount !== undefined ? { amount } : {}) } });

describe('insights in the fold', () => {
  it('given a fresh lead, then no milestones, no source, no revenue, no outcome', () => {
    expect(initialLeadState('x').insights).toEqual(NO_INSIGHTS);
  });

  it('given a lead crossing mql then sql by score, when folded, then each milestone is the event time of the first crossing', () => {
    const { state } = foldAll(ruleSet, [event('email_open', { occurredAt: at(1) }), event('email_open', { occurredAt: at(2) }), event('email_open', { occurredAt: at(4) }), event('demo_request', { occurredAt: at(6) })]);
    expect(state.insights).toMatchObject({ mqlAt: at(2), sqlAt: at(6), opportunityAt: null, customerAt: null });
  });

  it('given one event taking a lead straight to sql, then it reached mql at that same time', () => {
    const { state } = foldAll(ruleSet, [event('email_open', { occurredAt: at(1) }), event('pricing_visit', { occurredAt: at(3) })]);
    expect(state.stage).toBe('sql');
    expect(state.insights).toMatchObject({ mqlAt: at(3), sqlAt: at(3), opportunityAt: null });
  });

  it('given a lead won straight from new, then it reached every stage of the path at the won time', () => {
    const { state } = foldAll(ruleSet, [event('email_open', { occurredAt: at(1) }), won(at(5), 1200.5)]);
    expect(state.insights).toMatchObject({ mqlAt: at(5), sqlAt: at(5), opportunityAt: at(5), customerAt: at(5), revenue: 1200.5, outcome: 'won' });
  });

  it('given a lead that falls back and climbs again, then its milestones keep the first time', () => {
    const events = [event('demo_request', { occurredAt: at(1) }), feedback('reject', at(2)), event('email_bounce', { occurredAt: at(3) }), event('email_open', { occurredAt: at(5) })];
    const { state, results } = foldAll(ruleSet, events);
    expect(results[3].stageChange).toMatchObject({ from: 'nurture', to: 'mql' });
    expect(state.insights).toMatchObject({ mqlAt: at(1), sqlAt: null });
  });

  it('given lost then disqualify feedback, then lostAt and disqualifiedAt, the outcome lost with the peak before it', () => {
    const { state } = foldAll(ruleSet, [event('email_open', { occurredAt: at(1) }), event('email_open', { occurredAt: at(2) }), feedback('lost', at(3)), feedback('disqualify', at(4))]);
    expect(state.insights).toMatchObject({ lostAt: at(3), disqualifiedAt: at(4), outcome: 'lost', outcomePeakScore: 60 });
  });

  it('given feedback that changes nothing, then no milestone moves', () => {
    const { state } = foldAll(ruleSet, [feedback('lost', at(1))]);
    expect(state.insights).toEqual(NO_INSIGHTS);
  });

  it('given a won amount and a later won on the customer, then revenue is the latest amount; a won without one keeps it', () => {
    expect(foldAll(ruleSet, [won(at(1), 100), won(at(2), 250.25)]).state.insights.revenue).toBe(250.25);
    expect(foldAll(ruleSet, [won(at(1), 100), won(at(2))]).state.insights.revenue).toBe(100);
    expect(foldAll(ruleSet, [won(at(1), -5)]).state.insights.revenue).toBeNull();
  });

  it('given a score that peaked and fell before the outcome, then the outcome keeps the peak, not the last score', () => {
    const { state } = foldAll(ruleSet, [event('demo_request', { occurredAt: at(1) }), event('email_bounce', { occurredAt: at(2) }), won(at(3))]);
    expect(state.score).toBe(30);
    expect(state.insights).toMatchObject({ outcome: 'won', outcomePeakScore: 80 });
  });

  it('given events from several sources, late ones included, then the source is the earliest public one; feedback never counts', () => {
    const events = [event('email_open', { occurredAt: at(5), source: 'ads' }), event('sales_feedback', { occurredAt: at(1), source: 'crm', properties: { action: 'contacted' } }), event('page_visit', { occurredAt: at(3), source: 'seo' }), event('page_visit', { occurredAt: at(0) })];
    expect(foldAll(ruleSet, events).state.insights).toMatchObject({ source: 'seo', sourceAt: at(3) });
  });

  it('given the same events folded in one batch or one at a time, then the same insights, and the input state untouched', () => {
    const events = [event('email_open', { occurredAt: at(1), source: 'ads' }), event('demo_request', { occurredAt: at(2) }), won(at(3), 99.99)];
    const whole = foldBatch(initialLeadState('lead-1'), events, ruleSet).state;
    let state = initialLeadState('lead-1');
    const seen = [];
    for (const e of events) {
      seen.push(state.insights);
      state = foldBatch(state, [e], ruleSet).state;
    }
    expect(state.insights).toEqual(whole.insights);
    expect(seen[0]).toEqual(NO_INSIGHTS);
    expect(seen[1]).toMatchObject({ source: 'ads', mqlAt: null });
  });

  it('given a state stored before insights existed, when folded, then it goes on from no insights and its score as peak', () => {
    const old = foldAll(ruleSet, [event('email_open', { occurredAt: at(1) })]).state as unknown as Record<string, unknown>;
    delete old.insights;
    delete (old.ledger as Record<string, unknown>).peakScore;
    const { state } = foldBatch(old as never, [feedback('lost', at(2))], ruleSet);
    expect(state.insights).toMatchObject({ outcome: null, mqlAt: null });
    const { state: after } = foldBatch(old as never, [won(at(2))], ruleSet);
    expect(after.insights.outcomePeakScore).toBe(30);
  });
});
