// Opaque to clients: the seq of the last event of the page they have seen. seq is a bigint, kept as text.
const SEQ = /^[1-9]\d{0,18}$/;
const MAX_BIGINT = 9_223_372_036_854_775_807n;

export function encodeTimelineCursor(seq: string): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

/** The seq a cursor carries; null when it is not one this API gave out. */
export function decodeTimelineCursor(text: string): string | null {
  const seq = /^seq:(.*)$/s.exec(Buffer.from(text, 'base64url').toString('utf8'))?.[1];
  return seq !== undefined && SEQ.test(seq) && BigInt(seq) <= MAX_BIGINT ? seq : null;
}
