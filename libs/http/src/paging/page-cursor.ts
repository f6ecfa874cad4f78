import { decodePageCursor } from '@leadscore/contracts';
import { ValidationFailed } from '../request-errors';

export { encodePageCursor } from '@leadscore/contracts';

export const BAD_CURSOR_MESSAGE = 'is not a cursor from a previous page';

/** The position of a cursor a client sent back; a 400 naming `field` when it is not one this API gave out. */
export function readPageCursor<T>(text: string, read: (value: unknown) => T | null, field = 'cursor'): T {
  const position = decodePageCursor(text, read);
  if (position === null) throw new ValidationFailed([{ path: field, message: BAD_CURSOR_MESSAGE }]);
  return position;
}
