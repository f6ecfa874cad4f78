import { patternProblem } from './regex-safety';

describe('patternProblem', () => {
  it.each([
    ['/pricing'],
    ['^https?://[^/]+/demo'],
    ['\\b(ceo|cto|vp)\\b'],
    ['(pricing|demo)+'],
    ['[a-z]{2,3}-\\d{0,50}'],
    ['(?:ab){2}'],
    ['(?<word>foo)bar'],
    ['a.*?b'],
    ['\\(a+\\)'],
    ['[(]a+[)]x'],
  ])('accepts %s', (pattern) => {
    expect(patternProblem(pattern, false)).toBeNull();
  });

  it.each([
    ['(a+)+', 'a quantifier inside a repeated group'],
    ['(.*)*', 'a quantifier inside a repeated group'],
    ['(a?)+b', 'a quantifier inside a repeated group'],
    ['((ab)+c)*', 'a quantifier inside a repeated group'],
    ['(x{2,}y){3}', 'a quantifier inside a repeated group'],
    ['(a|a)*', 'distinct plain words'],
    ['(a|ab)+', 'distinct plain words'],
    ['(\\d|x)+', 'distinct plain words'],
    ['(foo|)*', 'distinct plain words'],
    ['(a)\\1', 'backreferences'],
    ['(?<q>a)\\k<q>', 'backreferences'],
    ['.*a.*b', 'at most one unbounded quantifier'],
    ['\\d+\\d+x', 'at most one unbounded quantifier'],
    ['a{2,}b+', 'at most one unbounded quantifier'],
    ['(a', 'does not compile'],
    ['[z-a]', 'does not compile'],
    ['', 'non-empty'],
    ['a'.repeat(201), 'at most 200 characters'],
  ])('refuses %s (%s)', (pattern, problem) => {
    expect(patternProblem(pattern, false)).toContain(problem);
  });

  it('compares alternatives case-insensitively when the condition ignores case', () => {
    expect(patternProblem('(Demo|demo)+', false)).toBeNull();
    expect(patternProblem('(Demo|demo)+', true)).toContain('distinct plain words');
  });
});
