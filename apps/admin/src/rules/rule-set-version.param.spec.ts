import { parseVersionParam } from './rule-set-version.param';

describe('parseVersionParam', () => {
  it.each([['1', 1], ['42', 42], ['2147483647', 2147483647]])('reads %s as %i', (value, version) => {
    expect(parseVersionParam(value)).toBe(version);
  });

  it.each(['0', '-1', '1.5', 'v2', '', '01', '2147483648', '99999999999'])('refuses %j on version', (value) => {
    expect(() => parseVersionParam(value)).toThrow('version: version must be a positive integer');
  });
});
