import { cursorObject, decodePageCursor, encodePageCursor, LEAD_ID_PATTERN } from '@leadscore/contracts';

/** Where a page of the lead list ended: the last lead's score (exact decimal text) and id. */
export interface LeadListPosition {
  score: string;
  leadId: string;
}

// Scores are numeric(14,2); the text form keeps them exact for the keyset comparison.
const SCORE_TEXT = /^-?\d{1,12}(?:\.\d{1,2})?$/;

/** Opaque to clients. */
export function encodeLeadListCursor(position: LeadListPosition): string {
  return encodePageCursor({ s: position.score, id: position.leadId });
}

/** A cursor a client sent back; null when it is not one this API gave out. */
export function decodeLeadListCursor(text: string): LeadListPosition | null {
  return decodePageCursor(text, (decoded) => {
    const value = cursorObject(decoded);
    return typeof value?.s === 'string' && SCORE_TEXT.test(value.s) && typeof value.id === 'string' && LEAD_ID_PATTERN.test(value.id)
      ? { score: value.s, leadId: value.id }
      : null;
  });
}
