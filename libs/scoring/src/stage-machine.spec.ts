import { initialLeadState, type LeadState } from './lead-state';
import { type Stage } from './stage';
import { at, event, feedback, foldAll, identify, rulesWith } from './testing/scoring.fixtures';

const ruleSet = rulesWith(
  `
  - { id: plus10, when: { type: plus10 }, points: 10 }
  - { id: plus50, when: { type: plus50 }, points: 50 }
  - { id: plus100, when: { type: plus100 }, points: 100 }
  - { id: minus10, when: { type: minus10 }, points: -10 }
  - { id: fit, kind: fit, when: { where: [{ field: traits.fit, op: eq, value: true }] }, points: 10 }`,
  'thresholds: { mql: 50, sql: 100, sqlMinFit: 10 }\nlifecycle: { customerInactiveAfter: 180d }',
);

const points = (type: string, day = 0) => event(type, { occurredAt: at(day) });
const inStage = (stage: Stage): LeadState => ({ ...initialLeadState('lead-1'), stage });

describe('stages by score', () => {
  it.each<[string, Stage, string[], Stage, object | null, string | null]>([
    ['stays new below mql', 'new', ['plus10'], 'new', null, null],
    ['becomes an mql on reaching mql', 'new', ['plus50'], 'mql', { from: 'new', to: 'mql', cause: 'score' }, 'mql'],
    ['goes straight to sql when one event crosses both thresholds', 'new', ['fit', 'plus100'], 'sql', { from: 'new', to: 'sql', cause: 'score' }, 'sql'],
    ['stops at mql when the fit is below sqlMinFit', 'new', ['plus100'], 'mql', { from: 'new', to: 'mql', cause: 'score' }, 'mql'],
    ['becomes an sql from mql', 'mql', ['fit', 'plus100'], 'sql', { from: 'mql', to: 'sql', cause: 'score' }, 'sql'],
    ['becomes an sql from contacted', 'contacted', ['fit', 'plus100'], 'sql', { from: 'contacted', to: 'sql', cause: 'score' }, 'sql'],
    ['is never promoted when unqualified, though still scored', 'unqualified', ['fit', 'plus100'], 'unqualified', null, null],
    ['stays an opportunity', 'opportunity', ['fit', 'plus100'], 'opportunity', null, null],
    ['stays a customer', 'customer', ['fit', 'plus100'], 'customer', null, null],
    ['stays inactive', 'inactive', ['fit', 'plus100'], 'inactive', null, null],
  ])('a lead %s', (_case, from, types, stage, stageChange, promotion) => {
    const events = types.map((type) => (type === 'fit' ? identify({ fit: true }) : points(type)));
    const { last } = foldAll(ruleSet, events, inStage(from));
    expect(last).toMatchObject({ stageChange, promotion, state: { stage } });
  });

  it('becomes an sql when a later identify lifts the fit to sqlMinFit', () => {
    const { results } = foldAll(ruleSet, [points('plus100'), identify({ fit: true })]);
    expect(results.map((r) => [r.state.stage, r.promotion])).toEqual([
      ['mql', 'mql'],
      ['sql', 'sql'],
    ]);
  });

  it('hands off once per crossing: mql, then sql, then nothing more', () => {
    const events = [identify({ fit: true }), points('plus50'), points('plus10'), points('plus50'), points('plus50')];
    expect(foldAll(ruleSet, events).results.map((r) => r.promotion)).toEqual([null, 'mql', null, 'sql', null]);
  });

  it('never moves a lead to a lower stage by score alone', () => {
    const { results } = foldAll(ruleSet, [points('plus50'), points('minus10'), points('minus10')]);
    expect(results.map((r) => [r.state.score, r.state.stage])).toEqual([
      [50, 'mql'],
      [40, 'mql'],
      [30, 'mql'],
    ]);
  });
});

describe('nurture', () => {
  it('promotes again only once the score has been below mql and reaches it again', () => {
    const events = [points('plus50'), feedback('reject'), points('plus10'), points('minus10'), points('minus10'), points('plus10')];
    const { results } = foldAll(ruleSet, events);
    expect(results.map((r) => [r.state.score, r.state.stage, r.promotion])).toEqual([
      [50, 'mql', 'mql'],
      [50, 'nurture', null],
      [60, 'nurture', null],
      [50, 'nurture', null],
      [40, 'nurture', null],
      [50, 'mql', 'mql'],
    ]);
  });

  it('promotes on the next crossing when the score was already below mql at the reject', () => {
    const { results } = foldAll(ruleSet, [points('plus50'), points('minus10'), feedback('reject'), points('plus10')]);
    expect(results.map((r) => r.state.stage)).toEqual(['mql', 'mql', 'nurture', 'mql']);
  });

  it('goes straight to sql on a fresh crossing of both thresholds', () => {
    const events = [identify({ fit: true }), feedback('lost'), points('plus100')];
    const { last } = foldAll(ruleSet, events, inStage('opportunity'));
    expect(last).toMatchObject({ promotion: 'sql', stageChange: { from: 'nurture', to: 'sql', cause: 'score' } });
  });
});

const STAGES: Stage[] = ['new', 'mql', 'contacted', 'sql', 'opportunity', 'customer', 'nurture', 'unqualified', 'inactive'];
/** What each action does from each stage (columns in STAGES order); "-" = refused, stage unchanged. */
const FEEDBACK: Record<string, string[]> = {
  contacted: ['contacted', 'contacted', '-', '-', '-', '-', 'contacted', '-', '-'],
  accept: ['sql', 'sql', 'sql', '-', '-', '-', 'sql', '-', '-'],
  reject: ['-', 'nurture', 'nurture', 'nurture', '-', '-', '-', '-', '-'],
  opportunity: ['-', 'opportunity', 'opportunity', 'opportunity', '-', '-', '-', '-', '-'],
  won: ['customer', 'customer', 'customer', 'customer', 'customer', '-', 'customer', '-', 'customer'],
  lost: ['-', 'nurture', 'nurture', 'nurture', 'nurture', '-', '-', '-', '-'],
  disqualify: ['unqualified', 'unqualified', 'unqualified', 'unqualified', 'unqualified', '-', 'unqualified', '-', '-'],
};
const CASES = Object.entries(FEEDBACK).flatMap(([action, row]) => row.map((to, i) => [action, STAGES[i], to] as const));

describe('sales feedback', () => {
  it.each(CASES.filter(([, , to]) => to !== '-'))('%s moves a lead in %s to %s', (action, from, to) => {
    const { last } = foldAll(ruleSet, [feedback(action)], inStage(from));
    expect(last).toMatchObject({
      state: { stage: to },
      stageChange: { from, to, cause: 'feedback' },
      promotion: action === 'accept' ? 'sql' : null,
    });
    expect(last.note).toBeUndefined();
  });

  it.each(CASES.filter(([, , to]) => to === '-'))('%s changes nothing for a lead in %s, and says why', (action, from) => {
    const { last } = foldAll(ruleSet, [feedback(action)], inStage(from));
    expect(last).toMatchObject({ state: { stage: from }, stageChange: null, promotion: null });
    expect(last.note).toMatch(new RegExp(`^${action} changes nothing`));
  });

  it.each([
    ['contacted', 'customer', 'contacted changes nothing in stage customer: it applies to new, mql, nurture'],
    ['accept', 'sql', 'accept changes nothing: the lead is already sql'],
    ['accept', 'opportunity', 'accept changes nothing in stage opportunity: it applies to new, mql, contacted, nurture'],
    ['reject', 'new', 'reject changes nothing in stage new: it applies to mql, contacted, sql'],
  ] as const)('explains a refused %s on a lead in %s', (action, from, note) => {
    expect(foldAll(ruleSet, [feedback(action)], inStage(from)).last.note).toBe(note);
  });

  it.each([['call'], [undefined], [42]])('refuses an unknown action %p with a note', (action) => {
    const { last } = foldAll(ruleSet, [event('sales_feedback', { properties: { action } })], inStage('mql'));
    expect(last).toMatchObject({ stageChange: null, state: { stage: 'mql' } });
    expect(last.note).toContain('unknown feedback action');
  });

  it('still counts a refused action as an event, and lets the score promote', () => {
    const ruleSet60 = rulesWith(`  - { id: talk, when: { type: sales_feedback }, points: 60 }`);
    const { last } = foldAll(ruleSet60, [feedback('reject')]);
    expect(last).toMatchObject({ state: { stage: 'mql', eventCount: 1 }, promotion: 'mql', note: expect.stringContaining('reject') });
  });
});

describe('dormant customers (lifecycle.customerInactiveAfter)', () => {
  const tick = (day: number) => event('inactivity_tick', { occurredAt: at(day) });
  const customer = () => foldAll(ruleSet, [feedback('won', at(0))], inStage('opportunity')).state;

  it('become inactive on the first tick after that long without activity', () => {
    const { results } = foldAll(ruleSet, [tick(179), tick(180)], customer());
    expect(results.map((r) => r.stageChange)).toEqual([null, { from: 'customer', to: 'inactive', cause: 'inactivity' }]);
  });

  it('stay customers while they are active', () => {
    const { state } = foldAll(ruleSet, [points('plus10', 100), tick(200)], customer());
    expect(state.stage).toBe('customer');
  });

  it('become customers again when they buy again', () => {
    const { last } = foldAll(ruleSet, [tick(200), feedback('won', at(201))], customer());
    expect(last.stageChange).toEqual({ from: 'inactive', to: 'customer', cause: 'feedback' });
  });

  it('never happen without the lifecycle option', () => {
    const plain = rulesWith(`  - { id: plus10, when: { type: plus10 }, points: 10 }`);
    expect(foldAll(plain, [tick(400)], customer()).state.stage).toBe('customer');
  });

  it('concern customers only', () => {
    expect(foldAll(ruleSet, [points('plus10'), tick(400)]).state.stage).toBe('new');
  });
});
