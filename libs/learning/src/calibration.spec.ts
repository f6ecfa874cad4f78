import { calibrationDeciles, rulesBaselineAuc } from './calibration';

describe('calibrationDeciles', () => {
  it.each([
    // given predictions and outcomes, when cut into bins, then each bin's range, means and count
    {
      given: 'four leads in two bins',
      predicted: [0.9, 0.1, 0.2, 0.8], won: [true, false, true, true], bins: 2,
      then: [
        { from: 0.1, to: 0.2, predicted: 0.15000000000000002, observed: 0.5, count: 2 },
        { from: 0.8, to: 0.9, predicted: 0.8500000000000001, observed: 1, count: 2 },
      ],
    },
    {
      given: 'five leads in two bins (the first takes the remainder)',
      predicted: [0.5, 0.4, 0.3, 0.2, 0.1], won: [true, true, false, false, false], bins: 2,
      then: [
        { from: 0.1, to: 0.3, predicted: 0.20000000000000004, observed: 0, count: 3 },
        { from: 0.4, to: 0.5, predicted: 0.45, observed: 1, count: 2 },
      ],
    },
    {
      given: 'fewer leads than bins',
      predicted: [0.7, 0.3], won: [false, true], bins: 10,
      then: [
        { from: 0.3, to: 0.3, predicted: 0.3, observed: 1, count: 1 },
        { from: 0.7, to: 0.7, predicted: 0.7, observed: 0, count: 1 },
      ],
    },
  ])('given $given', ({ predicted, won, bins, then }) => {
    expect(calibrationDeciles(predicted, won, bins)).toEqual(then);
  });

  it('counts every lead once across ten deciles', () => {
    const predicted = Array.from({ length: 103 }, (_, i) => ((i * 37) % 103) / 103);
    const won = predicted.map((p) => p > 0.5);
    const bins = calibrationDeciles(predicted, won);
    expect(bins).toHaveLength(10);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(103);
    for (let i = 1; i < bins.length; i++) expect(bins[i].from).toBeGreaterThanOrEqual(bins[i - 1].to);
  });

  it('refuses mismatched lengths', () => {
    expect(() => calibrationDeciles([0.1], [])).toThrow('differ in length');
  });
});

describe('rulesBaselineAuc', () => {
  it.each([
    { given: 'rule scores that separate perfectly', scores: [10, 20, 30, 40], won: [false, false, true, true], then: 1 },
    { given: 'rule scores that all tie', scores: [5, 5, 5, 5], won: [false, true, false, true], then: 0.5 },
    { given: 'inverted rule scores', scores: [40, 30, 20, 10], won: [false, false, true, true], then: 0 },
  ])('given $given, then AUC $then', ({ scores, won, then }) => {
    expect(rulesBaselineAuc(scores, won)).toBe(then);
  });
});
