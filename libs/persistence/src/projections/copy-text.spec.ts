import fc from 'fast-check';
import { COPY_NULL, copyJson, copyJsonArray, copyNullableText, copyNumber, copyText, copyTimestamp } from './copy-text';

describe('COPY text encoders', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\there', 'tab\\there'],
    ['line\nbreak\rreturn', 'line\\nbreak\\rreturn'],
    ['back\\slash \\N', 'back\\\\slash \\\\N'],
    ['ünïcode 😀 "quotes"', 'ünïcode 😀 "quotes"'],
  ])('given text %j, then %j', (value, encoded) => {
    expect(copyText(value)).toBe(encoded);
  });

  it('writes null as \\N, for text and for JSON', () => {
    expect(copyNullableText(null)).toBe(COPY_NULL);
    expect(copyJson(null)).toBe(COPY_NULL);
    expect(copyJson(undefined)).toBe(COPY_NULL);
  });

  it('writes JSON with its backslashes doubled and nothing else changed', () => {
    expect(copyJson({ note: 'a\tb "c" d\\e', n: [1.5, null] })).toBe('{"note":"a\\\\tb \\\\"c\\\\" d\\\\\\\\e","n":[1.5,null]}');
    expect(copyJson([])).toBe('[]');
  });

  it('writes an array as copyJson does, whether its elements are frozen (encoded once) or not', () => {
    const shared = Object.freeze({ ruleId: 'r\\1', points: 2, kind: 'engagement', capped: undefined });
    const nested = Object.freeze({ ruleId: 'n', tags: ['x'] });
    expect(copyJsonArray([shared, { ruleId: 'r2', points: 0.5 }, shared])).toBe(copyJson([shared, { ruleId: 'r2', points: 0.5 }, shared]));
    expect(copyJsonArray([])).toBe('[]');
    expect(copyJsonArray([null, undefined, 1, 'a\tb'])).toBe(copyJson([null, undefined, 1, 'a\tb']));
    expect(copyJsonArray([nested])).toBe(copyJson([nested]));
    nested.tags.push('y'); // frozen, but not deeply: never taken from the cache
    expect(copyJsonArray([nested])).toBe(copyJson([nested]));
    fc.assert(fc.property(fc.array(fc.oneof(fc.jsonValue(), fc.jsonValue().map((value) => Object.freeze({ value })))), (items) => {
      expect(copyJsonArray(items)).toBe(copyJson(items));
    }));
  });

  it('writes an instant as ISO 8601 in UTC, and no instant as \\N', () => {
    expect(copyTimestamp(Date.UTC(2026, 0, 5, 10, 11, 12, 7))).toBe('2026-01-05T10:11:12.007Z');
    expect(copyTimestamp(null)).toBe(COPY_NULL);
  });

  it.each([
    [0, '0'], [-0, '0'], [1, '1'], [10.5, '10.5'], [-0.01, '-0.01'], [0.1, '0.1'], [123456789012.99, '123456789012.99'],
    [1.005, '1.005'], [1e-7, '1e-7'], [2 / 3, String(2 / 3)], [1e21, '1e+21'], [Number.NaN, COPY_NULL], [Number.POSITIVE_INFINITY, COPY_NULL],
  ])('given the number %p, then %j', (value, encoded) => {
    expect(copyNumber(value)).toBe(encoded);
  });

  it('writes every amount in cents with the digits String() gives', () => {
    fc.assert(fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (cents) => copyNumber(cents / 100) === String(cents / 100)));
  });

  it('writes any finite double with the digits String() gives', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => copyNumber(value) === String(value)));
  });
});
