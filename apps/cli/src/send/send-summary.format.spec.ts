import { formatSendSummary, lineRanges } from './send-summary.format';

describe('send summary', () => {
  it('folds consecutive line numbers into ranges', () => {
    expect(lineRanges([9, 1, 2, 3, 5, 6, 7])).toBe('1-3, 5-7, 9');
    expect(lineRanges([])).toBe('');
  });

  it('counts accepted and refused lines and names each refused line with its field errors', () => {
    const text = formatSendSummary({
      lines: 4,
      accepted: [1, 2, 4],
      refused: [{ line: 3, errors: [{ path: 'leadId', message: 'leadId must be 1 to 128 characters' }, { path: 'type', message: 'type is required' }] }],
    });
    expect(text.split('\n')).toEqual([
      '4 lines: 3 accepted, 1 refused',
      'accepted lines: 1-2, 4',
      'line 3: leadId: leadId must be 1 to 128 characters',
      'line 3: type: type is required',
    ]);
  });
});
