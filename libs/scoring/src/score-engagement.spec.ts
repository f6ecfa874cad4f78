import { at, event, foldAll, MINUTE, rulesWith, scores, T0 } from './testing/scoring.fixtures';

const open = (occurredAt: number) => event('email_open', { occurredAt });
const tick = (occurredAt: number) => event('inactivity_tick', { occurredAt });
const download = (occurredAt: number) => event('whitepaper_download', { occurredAt });

describe('engagement rules', () => {
  it('fires every rule that matches, not only the first, biggest first in the reasons', () => {
    const ruleSet = rulesWith(`
  - { id: visit, when: { type: page_visit }, points: 1 }
  - id: pricing
    when: { type: page_visit, where: [{ field: properties.url, op: contains, value: /pricing }] }
    points: 10
  - { id: open, when: { type: email_open }, points: 5 }`);
    const { last } = foldAll(ruleSet, [event('page_visit', { properties: { url: '/pricing' } })]);
    expect(last.state.score).toBe(11);
    expect(last.reasons).toEqual([
      { ruleId: 'pricing', points: 10, kind: 'engagement', group: 'engagement' },
      { ruleId: 'visit', points: 1, kind: 'engagement', group: 'engagement' },
    ]);
  });

  it('fires a rule for each of its types', () => {
    const ruleSet = rulesWith(`  - { id: events, when: { type: [webinar_registration, event_registration] }, points: 20 }`);
    expect(scores(ruleSet, [event('webinar_registration'), event('event_registration'), event('email_open')])).toEqual([20, 40, 40]);
  });

  it('takes points away with a negative rule', () => {
    const ruleSet = rulesWith(`
  - { id: visit, when: { type: page_visit }, points: 1 }
  - id: careers
    when: { type: page_visit, where: [{ field: properties.url, op: matches, value: "/careers(/|$)" }] }
    points: -10`);
    expect(scores(ruleSet, [event('page_visit', { properties: { url: '/careers' } })])).toEqual([-9]);
  });

  it.each([
    ['2 per UTC day', '{ count: 2, per: 1d }', [at(0, 1), at(0, 2), at(0, 23), at(1, 0)], [1, 2, 2, 3]],
    ['1 per day, across midnight UTC', '{ count: 1, per: 1d }', [at(0, 23), at(1, 0) + 30 * MINUTE], [1, 2]],
    ['1 per ISO week (Monday to Sunday)', '{ count: 1, per: 7d }', [at(0), at(6, 23), at(7)], [1, 1, 2]],
    ['1 per hour', '{ count: 1, per: 1h }', [at(0, 10) + 5 * MINUTE, at(0, 10) + 55 * MINUTE, at(0, 11)], [1, 1, 2]],
    ['1 per 15 minutes', '{ count: 1, per: 15m }', [T0, T0 + 14 * MINUTE, T0 + 15 * MINUTE], [1, 1, 2]],
    ['2 ever', '{ count: 2, per: ever }', [at(0), at(40), at(80), at(120)], [1, 2, 2, 2]],
  ])('limits a rule to %s', (_case, limit, times, expected) => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 1, limit: ${limit} }`);
    expect(scores(ruleSet, times.map(open))).toEqual(expected);
  });

  it('shares one frozen reason per rule between results when the rule counts its full points', () => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 1, limit: { count: 1, per: 1d } }`);
    const { results } = foldAll(ruleSet, [open(at(0)), open(at(1)), open(at(1, 1)), open(at(1, 2))]);
    expect(results[0].reasons[0]).toBe(results[1].reasons[0]);
    expect(results[2].reasons[0]).toBe(results[3].reasons[0]);
    expect(Object.isFrozen(results[2].reasons[0])).toBe(true);
  });

  it('lists a limited rule among the reasons, with no points', () => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 1, limit: { count: 1, per: 1d }, group: email }`);
    const { last } = foldAll(ruleSet, [open(at(0, 1)), open(at(0, 2))]);
    expect(last.reasons).toEqual([{ ruleId: 'open', points: 0, kind: 'engagement', group: 'email', limited: true }]);
    expect(last.scoreChange).toBeNull();
  });

  it('stops counting expiring points once their time has passed, measured on event times', () => {
    const ruleSet = rulesWith(`  - { id: paper, when: { type: whitepaper_download }, points: 15, expiresAfter: 10d }`);
    expect(scores(ruleSet, [download(at(0)), tick(at(9, 23)), tick(at(10))])).toEqual([15, 15, 0]);
  });

  it('halves decaying points every half-life, valued at the latest event', () => {
    const ruleSet = rulesWith(`  - { id: paper, when: { type: whitepaper_download }, points: 16, decay: { halfLife: 10d } }`);
    expect(scores(ruleSet, [download(at(0)), tick(at(10)), tick(at(20)), tick(at(25))])).toEqual([16, 8, 4, 2.83]);
  });

  it('values each decaying entry from its own time', () => {
    const ruleSet = rulesWith(`  - { id: paper, when: { type: whitepaper_download }, points: 16, decay: { halfLife: 10d } }`);
    expect(scores(ruleSet, [download(at(0)), download(at(10)), tick(at(20))])).toEqual([16, 24, 12]);
  });

  it('keeps decay exact over years of events (no drift from re-anchoring)', () => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 3, decay: { halfLife: 1d } }`);
    const times = Array.from({ length: 400 }, (_, day) => at(day * 3));
    const { state } = foldAll(ruleSet, times.map(open));
    const exact = [...Array(400).keys()].reduce((sum, day) => sum + 300 * 2 ** (-(399 - day) * 3), 0);
    expect(state.engagementScore).toBe(Math.round(exact) / 100);
  });

  it('caps what a group contributes, and says which rule the cap cut', () => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 2, group: email }`, 'groupCaps: { email: 5 }');
    const { results } = foldAll(ruleSet, [open(at(0)), open(at(1)), open(at(2)), open(at(3))]);
    expect(results.map((r) => r.state.score)).toEqual([2, 4, 5, 5]);
    expect(results.map((r) => r.reasons[0])).toEqual([
      { ruleId: 'open', points: 2, kind: 'engagement', group: 'email' },
      { ruleId: 'open', points: 2, kind: 'engagement', group: 'email' },
      { ruleId: 'open', points: 1, kind: 'engagement', group: 'email', capped: true },
      { ruleId: 'open', points: 0, kind: 'engagement', group: 'email', capped: true },
    ]);
  });

  it('caps the group value after decay, so room comes back as points fade', () => {
    const ruleSet = rulesWith(`  - { id: paper, when: { type: whitepaper_download }, points: 8, decay: { halfLife: 1d }, group: content }`, 'groupCaps: { content: 10 }');
    const { results } = foldAll(ruleSet, [download(at(0)), download(at(1))]);
    expect(results.map((r) => r.state.score)).toEqual([8, 10]);
    expect(results[1].reasons).toEqual([{ ruleId: 'paper', points: 6, kind: 'engagement', group: 'content', capped: true }]);
  });

  it('never marks points capped when the group is below its cap, whatever fractions decay left', () => {
    const ruleSet = rulesWith(`  - { id: visit, when: { type: page_visit }, points: 1, decay: { halfLife: 30d }, group: web }`, 'groupCaps: { web: 20 }');
    const { results } = foldAll(ruleSet, [0, 7, 13, 29].map((hour) => event('page_visit', { occurredAt: at(0, hour) })));
    expect(results.every((r) => r.reasons[0].capped === undefined && r.reasons[0].points === 1)).toBe(true);
  });

  it('lets negative points first eat what a group holds above its cap', () => {
    const ruleSet = rulesWith(`
  - { id: plus, when: { type: email_click }, points: 8, group: email }
  - { id: minus, when: { type: email_bounce }, points: -4, group: email }`, 'groupCaps: { email: 10 }');
    const events = [event('email_click'), event('email_click'), event('email_bounce'), event('email_bounce')];
    const { results } = foldAll(ruleSet, events);
    expect(results.map((r) => r.state.score)).toEqual([8, 10, 10, 8]);
    expect(results.map((r) => r.reasons[0].points)).toEqual([8, 2, 0, -2]);
  });

  it('ignores events of types no rule names, but counts them', () => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 1 }`);
    const { last } = foldAll(ruleSet, [event('app_login')]);
    expect(last).toMatchObject({ reasons: [], scoreChange: null, state: { eventCount: 1, score: 0 } });
  });
});

describe('late events (older occurredAt than the latest seen)', () => {
  it('scores them by the same rules, in their own limit window', () => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 1, limit: { count: 1, per: 1d } }`);
    const { results, state } = foldAll(ruleSet, [open(at(2)), open(at(1)), open(at(1, 5))]);
    expect(results.map((r) => r.state.score)).toEqual([1, 2, 2]);
    expect(state).toMatchObject({ firstSeenAt: at(1), lastActivityAt: at(2) });
  });

  it('gives nothing for points that had already expired when they arrived', () => {
    const ruleSet = rulesWith(`  - { id: paper, when: { type: whitepaper_download }, points: 15, expiresAfter: 1d }`);
    const { last } = foldAll(ruleSet, [tick(at(5)), download(at(2))]);
    expect(last.state.score).toBe(0);
    expect(last.reasons).toEqual([{ ruleId: 'paper', points: 0, kind: 'engagement', group: 'engagement', expired: true }]);
  });

  it('counts late decaying points at what they are worth now', () => {
    const ruleSet = rulesWith(`  - { id: paper, when: { type: whitepaper_download }, points: 8, decay: { halfLife: 1d } }`);
    const { last } = foldAll(ruleSet, [tick(at(2)), download(at(1))]);
    expect(last.state.score).toBe(4);
    expect(last.reasons[0].points).toBe(4);
  });

  it.each([
    ['within 7 days of the latest event counts', at(14), 1],
    ['from a window that ended over 7 days before is treated as over its limit', at(12, 23), 0],
  ])('a late event %s', (_case, lateAt, expected) => {
    const ruleSet = rulesWith(`  - { id: open, when: { type: email_open }, points: 1, limit: { count: 1, per: 1d } }`);
    const { last } = foldAll(ruleSet, [tick(at(20)), open(lateAt)]);
    expect(last.state.score).toBe(expected);
    expect(last.reasons[0].limited ?? false).toBe(expected === 0);
  });

  it('never moves the valuation time back', () => {
    const ruleSet = rulesWith(`  - { id: paper, when: { type: whitepaper_download }, points: 16, decay: { halfLife: 10d } }`);
    const { state } = foldAll(ruleSet, [download(at(0)), tick(at(10)), event('email_open', { occurredAt: at(1) })]);
    expect(state.score).toBe(8);
    expect(state.ledger.valuedAt).toBe(at(10));
  });
});

