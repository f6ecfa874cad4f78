import { cursorBigintText, cursorObject, decodePageCursor, encodePageCursor } from '@leadscore/contracts';

// Opaque to clients: the seq of the last event of the page they have seen. seq is a bigint, kept as text.
export function encodeTimelineCursor(seq: string): string {
  return encodePageCursor({ seq });
}

/** The seq a cursor carries; null when it is not one this API gave out. */
export function decodeTimelineCursor(text: string): string | null {
  return decodePageCursor(text, (value) => cursorBigintText(cursorObject(value)?.seq));
}
