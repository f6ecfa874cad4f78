import { ValidationFailed } from '@leadscore/http';
import { parseInsightWindow } from './insight-window.param';

function errorsOf(query: Record<string, unknown>): Array<{ path: string; message: string }> {
  try {
    parseInsightWindow(query);
  } catch (error) {
    if (error instanceof ValidationFailed) return error.errors;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('parseInsightWindow', () => {
  it('given dates with and without a time, then the window [from, to) and the source', () => {
    expect(parseInsightWindow({ from: '2026-01-01', to: '2026-02-01T00:00:00Z', source: 'ads' })).toEqual({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1), source: 'ads' });
    expect(parseInsightWindow({ from: '2026-01-01', to: '2026-01-02' }).source).toBeNull();
  });

  it.each([
    [{}, ['from', 'to']],
    [{ from: 'yesterday', to: '2026-02-30' }, ['from', 'to']],
    [{ from: '2026-02-01', to: '2026-02-01' }, ['to']],
    [{ from: '2026-03-01', to: '2026-02-01' }, ['to']],
    [{ from: '2024-01-01', to: '2026-01-03' }, ['to']],
    [{ from: ['2026-01-01'], to: '2026-02-01' }, ['from']],
    [{ from: '2026-01-01', to: '2026-02-01', source: 'x'.repeat(129) }, ['source']],
    [{ from: '2026-01-01', to: '2026-02-01', source: ['a', 'b'] }, ['source']],
  ])('given %j, then 400 on %j', (query, paths) => {
    expect(errorsOf(query).map((e) => e.path)).toEqual(paths);
  });

  it('given exactly two years (a leap day inside), then it is taken', () => {
    expect(parseInsightWindow({ from: '2027-03-01', to: '2029-03-01' }).to).toBe(Date.UTC(2029, 2, 1));
  });
});
