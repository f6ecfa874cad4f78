import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor';

describe('timeline cursor', () => {
  it.each(['1', '42', '9223372036854775807'])('gives back the seq it encoded: %s', (seq) => {
    expect(decodeTimelineCursor(encodeTimelineCursor(seq))).toBe(seq);
  });

  const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a bare number', '42'],
    ['seq 0', encode('seq:0')],
    ['a negative seq', encode('seq:-1')],
    ['a seq past bigint', encode('seq:9223372036854775808')],
    ['a seq with a tail', encode('seq:12\n')],
    ['another list’s cursor', Buffer.from(JSON.stringify({ s: '10', id: 'lead-1' })).toString('base64url')],
  ])('refuses %s', (_label, text) => {
    expect(decodeTimelineCursor(text)).toBeNull();
  });
});
