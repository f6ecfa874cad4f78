import { checkLeadEventMessage, type CheckedLeadEvent } from '../check-lead-event-message';
import { parseJsonObject, type ParsedMessage } from './parsed-message';

/**
 * A `lead-events` value as the event store will take it: JSON, then the bounds ingest applies
 * (checkLeadEventMessage), every problem by field in the reason. `now` bounds its times.
 */
export function parseLeadEventValue(value: Buffer | null, now: Date): ParsedMessage<CheckedLeadEvent> {
  const json = parseJsonObject(value);
  if (!json.ok) return json;
  const checked = checkLeadEventMessage(json.message, now);
  if (!checked.ok) return { ok: false, reason: checked.errors.map((error) => `${error.path}: ${error.message}`).join('; ') };
  return { ok: true, message: checked.event };
}
