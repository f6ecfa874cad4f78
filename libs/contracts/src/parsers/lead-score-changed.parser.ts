import { type LeadScoreChangedMessage } from '../lead-score-changed.message';
import { parseJsonObject, type ParsedMessage } from './parsed-message';

const PROMOTIONS: ReadonlySet<unknown> = new Set([null, 'mql', 'sql']);

/**
 * A `lead-scores` value as the handoff service reads it: the fields it acts on are checked (the
 * lead, the cause event it dedupes on, the score, the promotion); the rest is scoring's word.
 */
export function parseLeadScoreChangedValue(value: Buffer | null): ParsedMessage<LeadScoreChangedMessage> {
  const json = parseJsonObject(value);
  if (!json.ok) return json;
  const body = json.message;
  const valid = typeof body.leadId === 'string' && typeof body.causeEventId === 'string' && typeof body.score === 'number'
    && PROMOTIONS.has(body.promotion);
  return valid ? { ok: true, message: body as unknown as LeadScoreChangedMessage } : { ok: false, reason: 'not a LeadScoreChangedMessage' };
}
