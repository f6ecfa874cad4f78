import { cursorObject, decodePageCursor, encodePageCursor } from '@leadscore/contracts';

/** Where a page of dead letters ends: the next offset to read, per partition of the DLQ topic. */
export type DlqPosition = Record<number, string>;

export function encodeDlqCursor(position: DlqPosition): string {
  return encodePageCursor(position);
}

/** A cursor a client sent back; null when it is not one of ours. */
export function decodeDlqCursor(text: string): DlqPosition | null {
  return decodePageCursor(text, (value) => {
    const object = cursorObject(value);
    if (!object) return null;
    const position: DlqPosition = {};
    for (const [partition, offset] of Object.entries(object)) {
      if (!/^\d{1,6}$/.test(partition) || typeof offset !== 'string' || !/^\d{1,19}$/.test(offset)) return null;
      position[Number(partition)] = offset;
    }
    return position;
  });
}
