import { at, event, foldAll, identify, rulesWith } from './testing/scoring.fixtures';
import { valueAt } from './valuation';

const ruleSet = rulesWith(
  `
  - { id: paper, when: { type: whitepaper_download }, points: 16, decay: { halfLife: 10d } }
  - { id: webinar, when: { type: webinar_registration }, points: 20, expiresAfter: 30d, group: events }
  - { id: big, kind: fit, when: { where: [{ field: traits.size, op: gte, value: 100 }] }, points: 30 }`,
  'grades: { A: 30, B: 20, C: 10 }',
);

describe('valueAt (for ?asOf=)', () => {
  const lead = foldAll(ruleSet, [identify({ size: 500 }), event('whitepaper_download'), event('webinar_registration')]).state;

  it.each([
    ['the latest event', at(0), { score: 66, fitScore: 30, engagementScore: 36, grade: 'A' }],
    ['a half-life later', at(10), { score: 58, fitScore: 30, engagementScore: 28, grade: 'A' }],
    ['after the expiry', at(30), { score: 32, fitScore: 30, engagementScore: 2, grade: 'A' }],
  ])('values the points at %s', (_when, time, valuation) => {
    expect(valueAt(lead, ruleSet, time)).toEqual(valuation);
  });

  it('leaves the lead as it was', () => {
    const before = JSON.stringify(lead);
    valueAt(lead, ruleSet, at(100));
    expect(JSON.stringify(lead)).toBe(before);
  });

  it('agrees with folding a tick at that time', () => {
    const ticked = foldAll(ruleSet, [event('inactivity_tick', { occurredAt: at(17, 5) })], lead).state;
    const { score, fitScore, engagementScore, grade } = ticked;
    expect(valueAt(lead, ruleSet, at(17, 5))).toEqual({ score, fitScore, engagementScore, grade });
  });

  it('values a lead stored under an older rule version, capping its groups by name', () => {
    const v2 = rulesWith(`  - { id: open, when: { type: email_open }, points: 1, group: events }`, 'groupCaps: { events: 5 }', 2);
    expect(valueAt(lead, v2, at(10)).engagementScore).toBe(8 + 5);
  });
});
