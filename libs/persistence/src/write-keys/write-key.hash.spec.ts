import { generateWriteKey, hashesEqual, hashWriteKey, writeKeyPrefix } from './write-key.hash';

describe('write key hashing', () => {
  it('stores the SHA-256 of the key as 64 lower-case hex characters', () => {
    expect(hashWriteKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([
    ['the same hash', hashWriteKey('a'), hashWriteKey('a'), true],
    ['another hash', hashWriteKey('a'), hashWriteKey('b'), false],
    ['a shorter string', hashWriteKey('a'), hashWriteKey('a').slice(1), false],
    ['an empty string', hashWriteKey('a'), '', false],
  ])('compares a hash with %s in constant time → %s', (_name, left, right, expected) => {
    expect(hashesEqual(left, right)).toBe(expected);
  });

  it('generates distinct keys of 256 random bits', () => {
    const key = generateWriteKey();
    expect(key).toMatch(/^wk_[A-Za-z0-9_-]{43}$/);
    expect(generateWriteKey()).not.toBe(key);
  });

  it.each([
    ['wk_abcdefghijklmnop', 'wk_abcde'],
    ['dev-key-1', 'dev-'],
    ['ab', 'a'],
  ])('keeps at most 8 characters and half of %s in clear', (key, prefix) => {
    expect(writeKeyPrefix(key)).toBe(prefix);
  });
});
