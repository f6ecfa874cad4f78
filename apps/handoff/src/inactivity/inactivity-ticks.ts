import { createHash } from 'node:crypto';
import { INACTIVITY_TICK, MAX_EVENT_ID_LENGTH, type LeadEventMessage } from '@leadscore/contracts';

const DAY_MS = 86_400_000;

/**
 * `inactivity:{leadId}:{YYYY-MM-DD}` while it fits the 128 characters of an eventId (every id issued
 * so far, so a re-run still dedupes against them); for a longer lead id (over 106 characters),
 * `inactivity:#{sha256 of the lead id, hex}:{day}`. '#' is outside the lead id alphabet, so the
 * hashed form can never equal the plain form of another lead.
 */
export function inactivityEventId(leadId: string, day: string): string {
  const plain = `inactivity:${leadId}:${day}`;
  if (plain.length <= MAX_EVENT_ID_LENGTH) return plain;
  return `inactivity:#${createHash('sha256').update(leadId, 'utf8').digest('hex')}:${day}`;
}

/**
 * The inactivity_tick of one idle lead for the day of `now` (UTC). Its eventId names the lead and
 * the day, so a second run the same day (or a second scheduler) adds nothing to the store.
 */
export function inactivityTick(leadId: string, lastActivityAt: Date, now: Date): LeadEventMessage {
  const day = now.toISOString().slice(0, 10);
  const at = now.toISOString();
  return {
    v: 1,
    eventId: inactivityEventId(leadId, day),
    leadId,
    type: INACTIVITY_TICK,
    occurredAt: at,
    receivedAt: at,
    source: null,
    properties: { idleDays: Math.floor((now.getTime() - lastActivityAt.getTime()) / DAY_MS) },
    traits: null,
    sourceKeyId: null,
    producer: 'scheduler',
  };
}
