import { cursorObject, decodePageCursor, encodePageCursor, LEAD_ID_PATTERN } from '@leadscore/contracts';

/** Where a page of the lead list by score ended: the last lead's score (exact decimal text) and id. */
export interface LeadListPosition {
  score: string;
  leadId: string;
}

/** Where a page of the lead list by win probability ended: the last lead's stored probability (null: none yet) and id. */
export interface WinProbabilityPosition {
  winProbability: number | null;
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

/** Opaque to clients. A float8 goes through JSON exactly (shortest round-trip digits), so the keyset compares equal. */
export function encodeWinProbabilityCursor(position: WinProbabilityPosition): string {
  return encodePageCursor({ w: position.winProbability, id: position.leadId });
}

/** A win-probability cursor a client sent back; null when it is not one (a score cursor is not). */
export function decodeWinProbabilityCursor(text: string): WinProbabilityPosition | null {
  return decodePageCursor(text, (decoded) => {
    const value = cursorObject(decoded);
    const w = value?.w;
    if (w !== null && !(typeof w === 'number' && w >= 0 && w <= 1)) return null;
    return typeof value?.id === 'string' && LEAD_ID_PATTERN.test(value.id) ? { winProbability: w, leadId: value.id } : null;
  });
}
