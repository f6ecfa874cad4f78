import { decodeWriteKeyCursor, encodeWriteKeyCursor } from './write-key-list';
import { writeKeyRevokedChannel } from './write-key-revocation';

describe('write key list cursors', () => {
  it('round-trips the position after a key, to the microsecond', () => {
    const cursor = { createdAt: '2026-11-23 13:42:47.123456+00', id: 'abc' };
    expect(decodeWriteKeyCursor(encodeWriteKeyCursor(cursor))).toEqual(cursor);
  });

  it.each([['not base64 json', '!!!'], ['another shape', Buffer.from('{"a":1}').toString('base64url')], ['a bad date', Buffer.from('["nope","x"]').toString('base64url')]])(
    'refuses %s',
    (_name, text) => {
      expect(decodeWriteKeyCursor(text)).toBeNull();
    },
  );
});

describe('writeKeyRevokedChannel', () => {
  it('is namespaced like every Redis key', () => {
    expect(writeKeyRevokedChannel('')).toBe('leadscore:write-key-revoked');
    expect(writeKeyRevokedChannel('t-1')).toBe('t-1:leadscore:write-key-revoked');
  });
});
