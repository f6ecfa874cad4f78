import { compareAtThresholds } from './threshold-comparison';

describe('compareAtThresholds', () => {
  it('given four held-out leads, then what each rule set sends over at MQL 50 and SQL 100', () => {
    const leads = [
      { won: true, ruleScore: 60, suggestedScore: 120 },
      { won: true, ruleScore: 20, suggestedScore: 70 },
      { won: false, ruleScore: 110, suggestedScore: 30 },
      { won: false, ruleScore: 55, suggestedScore: 10 },
    ];
    expect(compareAtThresholds(leads, { mql: 50, sql: 100 })).toEqual({
      mql: {
        active: { threshold: 50, won: 1, lost: 2, precision: 1 / 3, recall: 0.5, f1: 0.4 },
        suggested: { threshold: 50, won: 2, lost: 0, precision: 1, recall: 1, f1: 1 },
      },
      sql: {
        active: { threshold: 100, won: 0, lost: 1, precision: 0, recall: 0, f1: 0 },
        suggested: { threshold: 100, won: 1, lost: 0, precision: 1, recall: 0.5, f1: 2 / 3 },
      },
    });
  });

  it('has no precision when no lead reaches a threshold, and no recall without won leads', () => {
    const { mql } = compareAtThresholds([{ won: false, ruleScore: 0, suggestedScore: 0 }], { mql: 50, sql: 100 });
    expect(mql.active).toEqual({ threshold: 50, won: 0, lost: 0, precision: null, recall: null, f1: null });
  });
});
