import { ValidationFailed } from '@leadscore/http';
import { parseRulesVersion } from './replay.controller';

describe('parseRulesVersion', () => {
  it.each([
    { body: { rulesVersion: 1 }, version: 1 },
    { body: { rulesVersion: 42, extra: true }, version: 42 },
  ])('given $body, then version $version', ({ body, version }) => {
    expect(parseRulesVersion(body)).toBe(version);
  });

  it.each([
    { body: {} }, { body: null }, { body: 'x' }, { body: { rulesVersion: '3' } }, { body: { rulesVersion: 0 } },
    { body: { rulesVersion: 1.5 } }, { body: { rulesVersion: -2 } }, { body: { rulesVersion: 2 ** 31 } },
  ])('given $body, then 400 on rulesVersion', ({ body }) => {
    expect(() => parseRulesVersion(body)).toThrow(ValidationFailed);
    try {
      parseRulesVersion(body);
    } catch (error) {
      expect((error as ValidationFailed).errors).toEqual([{ path: 'rulesVersion', message: 'rulesVersion must be a positive integer' }]);
    }
  });
});
