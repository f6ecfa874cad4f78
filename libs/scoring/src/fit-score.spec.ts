import { type Grade } from './stage';
import { at, event, foldAll, identify, rules, rulesWith } from './testing/scoring.fixtures';

const FIT = `
  - id: enterprise
    kind: fit
    when: { where: [{ field: traits.companySize, op: gte, value: 1000 }] }
    points: 20
    group: company
  - id: vp
    kind: fit
    when: { type: identify, where: [{ field: traits.jobTitle, op: matches, value: "\\\\bvp\\\\b", ignoreCase: true }] }
    points: 10
    group: seniority
  - id: france
    kind: fit
    when: { where: [{ field: traits.country, op: eq, value: FR }] }
    points: 5
    group: geo`;

describe('fit rules', () => {
  it('score the merged traits: a newer identify adds keys and keeps the absent ones', () => {
    const ruleSet = rulesWith(FIT);
    const { results, state } = foldAll(ruleSet, [identify({ companySize: 5000 }, at(0)), identify({ jobTitle: 'VP Sales' }, at(1))]);
    expect(results.map((r) => r.state.fitScore)).toEqual([20, 30]);
    expect(state.traits).toEqual({ companySize: 5000, jobTitle: 'VP Sales' });
  });

  it('replace the older fit points when a newer identify changes a trait', () => {
    const ruleSet = rulesWith(FIT);
    const { results } = foldAll(ruleSet, [identify({ companySize: 5000, country: 'FR' }, at(0)), identify({ companySize: 50 }, at(1))]);
    expect(results.map((r) => r.state.fitScore)).toEqual([25, 5]);
    expect(results[1].reasons).toEqual([{ ruleId: 'france', points: 5, kind: 'fit', group: 'geo' }]);
  });

  it('list every matching fit rule on each identify, even ones that matched before', () => {
    const ruleSet = rulesWith(FIT);
    const { last } = foldAll(ruleSet, [identify({ companySize: 5000, jobTitle: 'vp' }, at(0)), identify({ email: 'a@b.c' }, at(1))]);
    expect(last.reasons.map((r) => r.ruleId)).toEqual(['enterprise', 'vp']);
    expect(last.scoreChange).toBeNull();
  });

  it('keep a trait set by a newer identify when a late one arrives', () => {
    const ruleSet = rulesWith(FIT);
    const { state } = foldAll(ruleSet, [identify({ jobTitle: 'VP' }, at(5)), identify({ jobTitle: 'Intern', country: 'FR' }, at(3))]);
    expect(state.traits).toEqual({ jobTitle: 'VP', country: 'FR' });
    expect(state.fitScore).toBe(15);
  });

  it('keep any trait key as a plain trait, __proto__ included', () => {
    const traits = JSON.parse('{"__proto__": {"companySize": 5000}, "country": "FR"}') as Record<string, unknown>;
    const { state } = foldAll(rulesWith(FIT), [identify(traits), identify({ jobTitle: 'VP' }, at(1))]);
    expect(Object.getPrototypeOf(state.traits)).toBe(Object.prototype);
    expect(JSON.stringify(state.traits)).toBe('{"__proto__":{"companySize":5000},"country":"FR","jobTitle":"VP"}');
    expect(state.fitScore).toBe(15);
  });

  it('are capped per group like engagement', () => {
    const ruleSet = rulesWith(`
  - { id: vp, kind: fit, when: { where: [{ field: traits.vp, op: eq, value: true }] }, points: 20, group: seniority }
  - { id: head, kind: fit, when: { where: [{ field: traits.head, op: eq, value: true }] }, points: 15, group: seniority }`, 'groupCaps: { seniority: 20 }');
    const { last } = foldAll(ruleSet, [identify({ vp: true, head: true })]);
    expect(last.state.fitScore).toBe(20);
    expect(last.reasons).toEqual([
      { ruleId: 'vp', points: 20, kind: 'fit', group: 'seniority' },
      { ruleId: 'head', points: 0, kind: 'fit', group: 'seniority', capped: true },
    ]);
  });

  it('are not touched by events without traits', () => {
    const ruleSet = rulesWith(`${FIT}\n  - { id: open, when: { type: email_open }, points: 1 }`);
    const { last } = foldAll(ruleSet, [identify({ companySize: 5000 }), event('email_open')]);
    expect(last.reasons.map((r) => r.ruleId)).toEqual(['open']);
    expect(last.state.fitScore).toBe(20);
  });

  it('are recomputed from the traits on the first event under a new rule version', () => {
    const v1 = rulesWith(FIT, '', 1);
    const v2 = rulesWith(FIT.replace('points: 20', 'points: 35'), '', 2);
    const before = foldAll(v1, [identify({ companySize: 5000 })]).state;
    const { last } = foldAll(v2, [event('email_open', { occurredAt: at(1) })], before);
    expect(last.state).toMatchObject({ fitScore: 35, ruleVersion: 2 });
    expect(last.reasons).toEqual([{ ruleId: 'enterprise', points: 35, kind: 'fit', group: 'company' }]);
  });
});

describe('grades', () => {
  it.each<[number, Grade]>([
    [45, 'A'],
    [40, 'A'],
    [39.99, 'B'],
    [25, 'B'],
    [10, 'C'],
    [9.99, 'D'],
    [-5, 'D'],
  ])('grade a fit score of %d as %s', (points, grade) => {
    const ruleSet = rulesWith(`  - { id: fit, kind: fit, points: ${points} }`, 'grades: { A: 40, B: 25, C: 10 }');
    expect(foldAll(ruleSet, [identify({ any: 1 })]).state.grade).toBe(grade);
  });

  it('grade every lead D when the rule set has no grades', () => {
    const ruleSet = rules('name: t\nthresholds: { mql: 50, sql: 100 }\nrules: [{ id: fit, kind: fit, points: 90 }]');
    expect(foldAll(ruleSet, [identify({ any: 1 })]).state.grade).toBe('D');
  });
});

describe('matches in a rule runs on a linear-time engine', () => {
  const ruleSet = rulesWith(`
  - id: aaa
    kind: fit
    when: { type: identify, where: [{ field: traits.jobTitle, op: matches, value: "^(a|a){0,40}$" }] }
    points: 7
  - id: stacked
    kind: fit
    when: { type: identify, where: [{ field: traits.company, op: matches, value: ".{0,100}.{0,100}.{0,100}x" }] }
    points: 3`);

  it('scores ^(a|a){0,40}$ on 39 a and a b as no match, and on 39 a as a match', () => {
    expect(foldAll(ruleSet, [identify({ jobTitle: 'a'.repeat(39) + 'b' })]).state.fitScore).toBe(0);
    expect(foldAll(ruleSet, [identify({ jobTitle: 'a'.repeat(39) })]).state.fitScore).toBe(7);
  });

  it('folds a subject built to make stacked bounded repeats backtrack (the jest timeout is the bound)', () => {
    expect(foldAll(ruleSet, [identify({ company: 'y'.repeat(1000) })]).state.fitScore).toBe(0);
    expect(foldAll(ruleSet, [identify({ company: 'y'.repeat(200) + 'x' })]).state.fitScore).toBe(3);
  });
});
