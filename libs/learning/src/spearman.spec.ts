import { spearman } from './spearman';

describe('spearman', () => {
  it.each([
    { given: 'the same order', a: [1, 2, 3, 4], b: [10, 20, 30, 40], then: 1 },
    { given: 'a monotone transform', a: [0.1, 0.5, 0.2, 0.9], b: [-2, 0, -1, 3], then: 1 },
    { given: 'the opposite order', a: [1, 2, 3, 4], b: [4, 3, 2, 1], then: -1 },
    { given: 'ties (average ranks)', a: [1, 1, 2, 3], b: [1, 2, 3, 4], then: 0.9486832980505138 },
  ])('given $given, then $then', ({ a, b, then }) => {
    expect(spearman(a, b)).toBeCloseTo(then, 12);
  });

  it('is undefined (NaN) when one side is constant', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('refuses lists of different lengths', () => {
    expect(() => spearman([1], [])).toThrow('differ in length');
  });
});
