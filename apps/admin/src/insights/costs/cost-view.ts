import { decodePageCursor, encodePageCursor } from '@leadscore/contracts';

/** A cost as the API answers it. */
export interface CostView {
  source: string;
  /** YYYY-MM */
  month: string;
  amount: number;
  currency: string;
}

/** The position after a listed cost: its source and month (YYYY-MM-01). */
export function encodeCostCursor(source: string, month: string): string {
  return encodePageCursor([source, month]);
}

/** A cursor a client sent back; null when it is not one of ours. */
export function decodeCostCursor(text: string): { source: string; month: string } | null {
  return decodePageCursor(text, (value) => {
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || typeof value[1] !== 'string') return null;
    if (!/^\d{4}-\d{2}-01$/.test(value[1])) return null;
    return { source: value[0], month: value[1] };
  });
}
