import { ValidationFailed } from '../request-errors';
import { encodePageCursor, readPageCursor } from './page-cursor';

const readSeq = (value: unknown): string | null => (typeof value === 'string' && /^\d+$/.test(value) ? value : null);

describe('page cursor', () => {
  it('gives back the position it encoded', () => {
    expect(readPageCursor(encodePageCursor('42'), readSeq)).toBe('42');
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['JSON of another shape', encodePageCursor({ seq: 42 })],
    ['plain text', Buffer.from('seq:42').toString('base64url')],
  ])('answers %s with a 400 naming the field', (_label, text) => {
    expect(() => readPageCursor(text, readSeq, 'after')).toThrow(ValidationFailed);
    try {
      readPageCursor(text, readSeq, 'after');
    } catch (error) {
      expect((error as ValidationFailed).errors).toEqual([{ path: 'after', message: 'is not a cursor from a previous page' }]);
    }
  });
});
