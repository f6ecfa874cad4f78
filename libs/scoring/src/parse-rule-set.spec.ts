import { parseRuleSet } from './parse-rule-set';

const YAML_TEXT = `
name: small
thresholds: { mql: 50, sql: 100 }
rules:
  - id: open            # comments are fine
    when: { type: email_open }
    points: 1
`;
const JSON_TEXT = JSON.stringify({
  name: 'small',
  thresholds: { mql: 50, sql: 100 },
  rules: [{ id: 'open', when: { type: 'email_open' }, points: 1 }],
});

describe('parseRuleSet', () => {
  it.each([
    ['YAML, sniffed', YAML_TEXT, undefined],
    ['YAML, told', YAML_TEXT, 'yaml' as const],
    ['JSON, sniffed', JSON_TEXT, undefined],
    ['JSON, told', JSON_TEXT, 'json' as const],
    ['JSON, read as YAML', JSON_TEXT, 'yaml' as const],
  ])('reads %s into the same definition', (_case, text, format) => {
    expect(parseRuleSet(text, format)).toEqual({
      ok: true,
      definition: {
        name: 'small',
        thresholds: { mql: 50, sql: 100 },
        rules: [{ id: 'open', kind: 'engagement', when: { type: 'email_open' }, points: 1, group: 'engagement' }],
      },
    });
  });

  it('says where YAML is broken', () => {
    const result = parseRuleSet('name: x\nrules: [\n  - id: a\n', 'yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toEqual({ path: '', message: expect.stringMatching(/^invalid YAML: .*\(line \d+, column \d+\)$/) });
  });

  it('refuses a YAML mapping with a key twice', () => {
    const result = parseRuleSet('name: a\nname: b\n', 'yaml');
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ message: expect.stringContaining('Map keys must be unique') })] });
  });

  it('says why JSON is broken when told it is JSON', () => {
    const result = parseRuleSet('{"name": ', 'json');
    expect(result).toEqual({ ok: false, errors: [{ path: '', message: expect.stringContaining('invalid JSON') }] });
  });

  it('validates what it read, reporting errors by path', () => {
    const result = parseRuleSet(YAML_TEXT.replace('points: 1', 'points: lots'));
    expect(result).toEqual({ ok: false, errors: [{ path: 'rules.0.points', message: 'must be a number' }] });
  });

  it('refuses a document that is not a mapping', () => {
    expect(parseRuleSet('- just\n- a list\n')).toEqual({ ok: false, errors: [{ path: '', message: expect.stringContaining('must be an object') }] });
  });

  it('refuses text over 1 MiB before reading it', () => {
    expect(parseRuleSet(`# ${'x'.repeat(1024 * 1024)}`)).toEqual({ ok: false, errors: [{ path: '', message: 'rule set text is over 1 MiB' }] });
  });
});
