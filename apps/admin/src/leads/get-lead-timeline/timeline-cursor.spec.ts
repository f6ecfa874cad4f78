import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor';

describe('timeline cursor', () => {
  it.each(['1', '42', '9223372036854775807'])('gives back the seq it encoded: %s', (seq) => {
    expect(decodeTimelineCursor(encodeTimelineCursor(seq))).toBe(seq);
  });

  const encode = (seq: string) => Buffer.from(JSON.stringify({ seq }), 'utf8').toString('base64url');

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a bare number', '42'],
    ['seq 0', encode('0')],
    ['a negative seq', encode('-1')],
    ['a seq past bigint', encode('9223372036854775808')],
    ['a seq with a tail', encode('12\n')],
    ['another list’s cursor', Buffer.from(JSON.stringify({ s: '10', id: 'lead-1' })).toString('base64url')],
    ['the text form', Buffer.from('seq:12').toString('base64url')],
  ])('refuses %s', (_label, text) => {
    expect(decodeTimelineCursor(text)).toBeNull();
  });
});
