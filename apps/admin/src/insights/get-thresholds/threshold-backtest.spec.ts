import { type OutcomeBucket, thresholdBacktest } from './threshold-backtest';

const won = (bucket: number, count: number, atActive = 0): OutcomeBucket => ({ outcome: 'won', bucket, count, atActive });
const lost = (bucket: number, count: number, atActive = 0): OutcomeBucket => ({ outcome: 'lost', bucket, count, atActive });

describe('thresholdBacktest', () => {
  it('given no outcomes, then no thresholds, zero outcomes and no best; the active row has nulls', () => {
    expect(thresholdBacktest([], 50)).toEqual({
      outcomes: { won: 0, lost: 0 }, thresholds: [], best: null,
      active: { threshold: 50, won: 0, lost: 0, precision: null, recall: null, f1: null },
    });
  });

  it('given won leads peaking at 40-44 and lost ones lower, then 40 is best: every buyer caught, no one else', () => {
    // peaks: won 2 in [40,45), 1 in [20,25); lost 3 in [10,15), 1 in [20,25)
    const answer = thresholdBacktest([won(8, 2, 2), won(4, 1), lost(2, 3), lost(4, 1)], 30);
    expect(answer.outcomes).toEqual({ won: 3, lost: 4 });
    expect(answer.thresholds.map((t) => [t.threshold, t.won, t.lost])).toEqual([
      [0, 3, 4], [5, 3, 4], [10, 3, 4], [15, 3, 1], [20, 3, 1], [25, 2, 0], [30, 2, 0], [35, 2, 0], [40, 2, 0],
    ]);
    expect(answer.thresholds[0]).toEqual({ threshold: 0, won: 3, lost: 4, precision: 3 / 7, recall: 1, f1: (2 * (3 / 7)) / (3 / 7 + 1) });
    // 15 and 20: precision 3/4, recall 1, F1 6/7; 25..40: precision 1, recall 2/3, F1 0.8. Ties go to the lowest.
    expect(answer.best).toEqual({ threshold: 15, won: 3, lost: 1, precision: 0.75, recall: 1, f1: 1.5 / 1.75 });
    expect(answer.active).toEqual({ threshold: 30, won: 2, lost: 0, precision: 1, recall: 2 / 3, f1: (2 * (2 / 3)) / (1 + 2 / 3) });
  });

  it('given only lost leads, then precision 0 where any is caught, recall null, and no best', () => {
    const answer = thresholdBacktest([lost(1, 2, 2)], 5);
    expect(answer.thresholds).toEqual([
      { threshold: 0, won: 0, lost: 2, precision: 0, recall: null, f1: null },
      { threshold: 5, won: 0, lost: 2, precision: 0, recall: null, f1: null },
    ]);
    expect(answer.best).toBeNull();
  });

  it('given won leads no threshold above 0 catches, then F1 0 rather than NaN there', () => {
    const answer = thresholdBacktest([won(0, 1), lost(2, 1)], null);
    expect(answer.thresholds.map((t) => t.f1)).toEqual([2 * 0.5 / 1.5, 0, 0]);
    expect(answer.best?.threshold).toBe(0);
    expect(answer.active).toBeNull();
  });
});
