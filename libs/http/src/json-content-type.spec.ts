import { assertJsonContentType, isJsonContentType } from './json-content-type';
import { UnsupportedMediaType } from './request-errors';

describe('isJsonContentType', () => {
  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    ['application/jsonp', false],
    ['', false],
    [undefined, false],
  ])('%j → %s', (contentType, expected) => {
    expect(isJsonContentType(contentType)).toBe(expected);
  });

  it('throws UnsupportedMediaType naming what was sent', () => {
    expect(() => assertJsonContentType('text/plain')).toThrow(UnsupportedMediaType);
    expect(() => assertJsonContentType('text/plain')).toThrow('expected Content-Type: application/json, got "text/plain"');
    expect(() => assertJsonContentType(undefined)).toThrow('got none');
  });
});
