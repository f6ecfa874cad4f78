import { renderFields, renderTable, signed } from './table.format';
import { terminalJson, terminalText } from './terminal-text';

describe('renderTable', () => {
  it('pads columns to the widest cell and right-aligns numbers', () => {
    const table = renderTable([{ header: 'LEAD', value: (row: { id: string; n: number }) => row.id }, { header: 'N', value: (row) => row.n, align: 'right' }], [{ id: 'alice', n: 5 }, { id: 'b', n: 120 }]);
    expect(table.split('\n')).toEqual(['LEAD     N', '-----  ---', 'alice    5', 'b      120']);
  });

  it('shows a control sequence sent as a lead id as text, never as a sequence', () => {
    const hostile = 'x\u001b]8;;http://evil\u0007y\u009b2J\u202e\nz';
    const table = renderTable([{ header: 'LEAD', value: (row: string) => row }], [hostile]);
    // eslint-disable-next-line no-control-regex -- the characters that must not get through
    expect(table).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('x\\u001b]8;;http://evil\\u0007y\\u009b2J\\u202e\\u000az');
  });
});

describe('terminalText and terminalJson', () => {
  it('writes objects as JSON on one line', () => {
    expect(terminalText({ a: 1 })).toBe('{"a":1}');
    expect(terminalText(null)).toBe('');
  });

  it('keeps -o json valid JSON while escaping C1 and bidi characters JSON.stringify leaves raw', () => {
    const text = terminalJson({ name: 'a\u009bb\u202ec' });
    expect(text).not.toMatch(/[\u009b\u202e]/);
    expect(JSON.parse(text)).toEqual({ name: 'a\u009bb\u202ec' });
  });
});

describe('renderFields and signed', () => {
  it('aligns names and signs numbers', () => {
    expect(renderFields([['score', 12], ['stage', 'mql']])).toBe('score  12\nstage  mql');
    expect([signed(5), signed(-3), signed(0), signed(null)]).toEqual(['+5', '-3', '0', '']);
  });
});
