/** Where a page of dead letters ends: the next offset to read, per partition of the DLQ topic. */
export type DlqPosition = Record<number, string>;

export function encodeDlqCursor(position: DlqPosition): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** A cursor a client sent back; null when it is not one of ours. */
export function decodeDlqCursor(text: string): DlqPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const position: DlqPosition = {};
    for (const [partition, offset] of Object.entries(value)) {
      if (!/^\d{1,6}$/.test(partition) || typeof offset !== 'string' || !/^\d{1,19}$/.test(offset)) return null;
      position[Number(partition)] = offset;
    }
    return position;
  } catch {
    return null;
  }
}
