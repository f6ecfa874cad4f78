import { RE2JS } from 're2js';
import { compileLinearRegex, patternProblem } from './regex-safety';

const test = (pattern: string, subject: string, ignoreCase = false): boolean => {
  const compiled = compileLinearRegex(pattern, ignoreCase);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.regex.test(subject);
};

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
    // Catastrophic on a backtracking engine, linear on RE2: accepted.
    ['(a+)+$'],
    ['(a|a){0,40}$'],
    ['.{0,100}.{0,100}.{0,100}x'],
    ['.*a.*b'],
  ])('accepts %s', (pattern) => {
    expect(patternProblem(pattern, false)).toBeNull();
  });

  it.each([
    ['(a)\\1', 'backreferences are not supported'],
    ['(?<q>a)\\k<q>', 'backreferences are not supported'],
    ['a(?=b)', 'lookahead and lookbehind are not supported'],
    ['a(?!b)', 'lookahead and lookbehind are not supported'],
    ['(?<=a)b', 'lookahead and lookbehind are not supported'],
    ['(?<!a)b', 'lookahead and lookbehind are not supported'],
    ['(a', 'does not compile (RE2 syntax)'],
    ['[z-a]', 'does not compile (RE2 syntax)'],
    ['a{1001}', 'does not compile (RE2 syntax)'],
    ['', 'non-empty'],
    ['a'.repeat(201), 'at most 200 characters'],
  ])('refuses %s (%s)', (pattern, problem) => {
    expect(patternProblem(pattern, false)).toContain(problem);
  });
});

describe('compileLinearRegex', () => {
  it('finds the pattern anywhere, honouring anchors and ignoreCase', () => {
    expect(test('pricing', 'https://x.io/pricing?x')).toBe(true);
    expect(test('^pricing', 'https://x.io/pricing')).toBe(false);
    expect(test('PRO$', 'plan=pro', true)).toBe(true);
    expect(test('PRO$', 'plan=pro')).toBe(false);
    expect(test('\\b(cto|vp)\\b', 'VP Marketing', true)).toBe(true);
  });

  it('answers ^(a|a){0,40}$ on 39 a and a b (2^39 paths for a backtracking engine)', () => {
    expect(test('^(a|a){0,40}$', 'a'.repeat(39) + 'b')).toBe(false);
    expect(test('^(a|a){0,40}$', 'a'.repeat(39))).toBe(true);
  });

  it('answers the stacked bounded repeats the old heuristic missed, on a long subject', () => {
    expect(test('.{0,100}.{0,100}.{0,100}x', 'y'.repeat(1024))).toBe(false);
    expect(test('.{0,100}.{0,100}.{0,100}x', 'y'.repeat(250) + 'x')).toBe(true);
  });

  it('stays linear where backtracking takes minutes (the jest timeout is the bound)', () => {
    expect(test('(x+x+)+y', 'x'.repeat(1024))).toBe(false);
    expect(test('^(\\w+\\s?)*$', 'word '.repeat(200) + '!')).toBe(false);
  });

  it('tests only the first 1024 characters of the subject', () => {
    expect(test('x', 'y'.repeat(1024) + 'x')).toBe(false);
    expect(test('x', 'y'.repeat(1023) + 'x')).toBe(true);
  });

  it('compiles once: testing subjects compiles nothing more', () => {
    const compiled = compileLinearRegex('^salon-\\d+$', false);
    const compile = jest.spyOn(RE2JS, 'compile');
    expect(compiled.ok && ['salon-1', 'salon-x', 'salon-22'].map((s) => compiled.regex.test(s))).toEqual([true, false, true]);
    expect(compile).not.toHaveBeenCalled();
    compile.mockRestore();
  });

  it('gives the same answers from its memo of short subjects, also past the memo\'s size', () => {
    const compiled = compileLinearRegex('7$', false);
    if (!compiled.ok) throw new Error(compiled.message);
    const subjects = Array.from({ length: 1500 }, (_, i) => `/page/${i}`);
    const first = subjects.map((subject) => compiled.regex.test(subject));
    const again = subjects.map((subject) => compiled.regex.test(subject));
    expect(again).toEqual(first);
    expect(first.filter(Boolean)).toHaveLength(150);
  });
});
