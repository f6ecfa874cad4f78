import { decodePageCursor, encodePageCursor } from '@leadscore/contracts';

/** The position after a listed key: its creation time (as PostgreSQL prints it, to the microsecond) and id. */
export interface WriteKeyCursor {
  createdAt: string;
  id: string;
}

export function encodeWriteKeyCursor(cursor: WriteKeyCursor): string {
  return encodePageCursor([cursor.createdAt, cursor.id]);
}

/** The cursor a client sent back; null when it is not one of ours. */
export function decodeWriteKeyCursor(text: string): WriteKeyCursor | null {
  return decodePageCursor(text, (value) => {
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
    if (Number.isNaN(Date.parse(value[0]))) return null;
    return { createdAt: value[0], id: value[1] };
  });
}
