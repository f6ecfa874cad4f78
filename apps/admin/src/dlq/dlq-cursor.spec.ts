import { decodeDlqCursor, encodeDlqCursor } from './dlq-cursor';

describe('DLQ cursors', () => {
  it('round-trips the next offset of every partition', () => {
    expect(decodeDlqCursor(encodeDlqCursor({ 0: '12', 3: '0' }))).toEqual({ 0: '12', 3: '0' });
  });

  it.each([
    ['not base64 JSON', '%%%'],
    ['an array', Buffer.from('[1]').toString('base64url')],
    ['a negative offset', Buffer.from('{"0":"-1"}').toString('base64url')],
    ['a numeric offset', Buffer.from('{"0":5}').toString('base64url')],
    ['a partition that is not a number', Buffer.from('{"x":"1"}').toString('base64url')],
  ])('refuses %s', (_name, text) => {
    expect(decodeDlqCursor(text)).toBeNull();
  });
});
