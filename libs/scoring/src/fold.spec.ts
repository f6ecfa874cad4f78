import { fold, foldBatch } from './fold';
import { initialLeadState, type LeadState } from './lead-state';
import { at, event, feedback, foldAll, identify, rulesWith } from './testing/scoring.fixtures';

const RULES = `
  - { id: open, when: { type: email_open }, points: 15, limit: { count: 3, per: 1d }, group: email }
  - { id: paper, when: { type: whitepaper_download }, points: 20, decay: { halfLife: 10d }, group: content }
  - { id: bounce, when: { type: email_bounce }, points: -15, group: email }
  - { id: big, kind: fit, when: { where: [{ field: traits.size, op: gte, value: 100 }] }, points: 10 }`;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

describe('fold', () => {
  it('counts every event, feedback and inactivity ticks included', () => {
    const { state } = foldAll(rulesWith(RULES), [event('email_open'), feedback('contacted'), event('inactivity_tick'), event('custom')]);
    expect(state.eventCount).toBe(4);
  });

  it('keeps first seen and last activity as event times, ticks not being activity', () => {
    const events = [event('email_open', { occurredAt: at(3) }), feedback('contacted', at(5)), event('inactivity_tick', { occurredAt: at(9) })];
    const { state } = foldAll(rulesWith(RULES), [...events, event('page_visit', { occurredAt: at(1) })]);
    expect(state).toMatchObject({ firstSeenAt: at(1), lastActivityAt: at(5) });
  });

  it('clamps the score once, to the floor and ceiling, never step by step', () => {
    const ruleSet = rulesWith(RULES, 'thresholds: { mql: 10, sql: 20 }\nscore: { floor: 0, ceiling: 20 }');
    const { results } = foldAll(ruleSet, [event('email_open'), event('email_open'), event('email_bounce'), event('email_bounce'), event('email_bounce')]);
    expect(results.map((r) => [r.state.score, r.state.engagementScore])).toEqual([
      [15, 15],
      [20, 30],
      [15, 15],
      [0, 0],
      [0, -15],
    ]);
  });

  it('reports fit and engagement unclamped, their sum being the score before clamping', () => {
    const ruleSet = rulesWith(RULES, 'thresholds: { mql: 10, sql: 20 }\nscore: { ceiling: 30 }');
    const { state } = foldAll(ruleSet, [identify({ size: 500 }), event('email_open'), event('email_open')]);
    expect(state).toMatchObject({ fitScore: 10, engagementScore: 30, score: 30 });
  });

  it('says how the score changed, or null when it did not', () => {
    const { results } = foldAll(rulesWith(RULES), [event('email_open'), event('custom')]);
    expect(results.map((r) => r.scoreChange)).toEqual([{ before: 0, after: 15 }, null]);
  });

  it('sets the rule version the lead was folded under', () => {
    expect(foldAll(rulesWith(RULES, '', 7), [event('custom')]).state.ruleVersion).toBe(7);
  });

  it('does not mutate the lead it is given', () => {
    const ruleSet = rulesWith(RULES);
    const before = deepFreeze(foldAll(ruleSet, [identify({ size: 500 }), event('email_open'), event('whitepaper_download')]).state);
    const copy = structuredClone(before);
    expect(() => fold(before, event('email_open', { occurredAt: at(2) }), ruleSet)).not.toThrow();
    expect(() => foldBatch(before, [event('whitepaper_download'), identify({ size: 5 })], ruleSet)).not.toThrow();
    expect(before).toEqual(copy);
  });

  it('gives the same lead whether events are folded one by one or in a batch', () => {
    const ruleSet = rulesWith(RULES);
    const events = [identify({ size: 500 }), event('email_open', { occurredAt: at(1) }), event('whitepaper_download', { occurredAt: at(4) })];
    const oneByOne = events.reduce((lead: LeadState, e) => fold(lead, e, ruleSet).state, initialLeadState('lead-1'));
    expect(foldBatch(initialLeadState('lead-1'), events, ruleSet).state).toEqual(oneByOne);
  });

  it('gives each batch result the lead as it was after that event', () => {
    const { results } = foldAll(rulesWith(RULES), [identify({ size: 500 }), event('email_open'), identify({ size: 5 })]);
    expect(results.map((r) => [r.state.eventCount, r.state.score, r.state.traits])).toEqual([
      [1, 10, { size: 500 }],
      [2, 25, { size: 500 }],
      [3, 15, { size: 5 }],
    ]);
  });

  it('keeps a lead plain JSON', () => {
    const { state } = foldAll(rulesWith(RULES), [identify({ size: 500 }), event('email_open'), event('whitepaper_download')]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('a new rule version', () => {
  const v1 = rulesWith(RULES, 'groupCaps: { email: 100 }', 1);

  it('keeps the points earned under the old one, and applies to new events at once', () => {
    const before = foldAll(v1, [event('email_open'), event('whitepaper_download')]).state;
    const v2 = rulesWith(`  - { id: open, when: { type: email_open }, points: 1, group: email }`, '', 2);
    const { last } = foldAll(v2, [event('email_open')], before);
    expect(last.state.engagementScore).toBe(36);
  });

  it('carries the limit windows of rules it keeps, and drops those of rules it removes', () => {
    const before = foldAll(v1, [event('email_open'), event('email_open'), event('email_open')]).state;
    const v2 = rulesWith(`
  - { id: other, when: { type: email_click }, points: 1, limit: { count: 1, per: 1d } }
  - { id: open, when: { type: email_open }, points: 15, limit: { count: 3, per: 1d }, group: email }`, '', 2);
    const { last, state } = foldAll(v2, [event('email_open', { occurredAt: at(0, 1) })], before);
    expect(last.reasons).toEqual([expect.objectContaining({ ruleId: 'open', limited: true })]);
    expect(state.ledger.rules).toEqual(['other', 'open']);
  });

  it('keeps counting a group it no longer names, uncapped', () => {
    const before = foldAll(v1, [event('whitepaper_download')]).state;
    const v2 = rulesWith(`  - { id: open, when: { type: email_open }, points: 1 }`, '', 2);
    const { state } = foldAll(v2, [event('inactivity_tick', { occurredAt: at(10) })], before);
    expect(state.engagementScore).toBe(10);
    expect(state.ledger.groups).toEqual(['engagement', 'content']);
  });
});
