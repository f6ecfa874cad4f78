import { at, event, foldAll, identify, rulesWith } from './testing/scoring.fixtures';
import { topReasons } from './top-reasons';

const ruleSet = rulesWith(`
  - { id: open, when: { type: email_open }, points: 1 }
  - { id: demo, when: { type: form_submit }, points: 40 }
  - { id: careers, when: { type: page_visit }, points: -15 }
  - { id: title, kind: fit, when: { where: [{ field: traits.title, op: eq, value: CEO }] }, points: 20 }
  - { id: unused, when: { type: video_view }, points: 5 }`);

describe('topReasons', () => {
  const lead = foldAll(ruleSet, [
    identify({ title: 'CEO' }),
    event('email_open', { occurredAt: at(1) }),
    event('email_open', { occurredAt: at(2) }),
    event('form_submit', { occurredAt: at(3) }),
    event('page_visit', { occurredAt: at(4) }),
  ]).state;

  it('lists the rules weighing most in the score, biggest |points| first, fit and engagement together', () => {
    expect(topReasons(lead)).toEqual([
      { ruleId: 'demo', points: 40, kind: 'engagement' },
      { ruleId: 'title', points: 20, kind: 'fit' },
      { ruleId: 'careers', points: -15, kind: 'engagement' },
      { ruleId: 'open', points: 2, kind: 'engagement' },
    ]);
  });

  it('keeps only as many as asked', () => {
    expect(topReasons(lead, 2).map((reason) => reason.ruleId)).toEqual(['demo', 'title']);
  });

  it('drops a fit rule that no longer matches', () => {
    const later = foldAll(ruleSet, [identify({ title: 'Intern' }, at(5))], lead).state;
    expect(topReasons(later).map((reason) => reason.ruleId)).toEqual(['demo', 'careers', 'open']);
  });
});
