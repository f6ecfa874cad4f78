import { requestIdFor } from './request-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdFor', () => {
  it.each(['abc', 'req-42', '5f0c9a7e-4d4e-4f51-9a55-0c9a7e4d4e4f', 'trace.id:01_x', 'a'.repeat(64)])('keeps the safe token %s', (header) => {
    expect(requestIdFor(header)).toBe(header);
  });

  it.each([
    ['no header', undefined],
    ['an empty one', ''],
    ['one over 64 characters', 'a'.repeat(65)],
    ['a space', 'req 42'],
    ['a newline (log forging)', 'req\n{"level":"error"}'],
    ['quotes and braces', '"},{"x":1'],
    ['non-ASCII', 'réq'],
    ['a leading dash', '-rf'],
    ['the header twice', ['a', 'b']],
  ])('makes a new UUID for %s', (_name, header) => {
    expect(requestIdFor(header)).toMatch(UUID);
  });

  it('makes a different id for each request', () => {
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});
