import { INACTIVITY_TICK, type LeadEventMessage } from '@leadscore/contracts';

const DAY_MS = 86_400_000;

/**
 * The inactivity_tick of one idle lead for the day of `now` (UTC). Its eventId names the lead and
 * the day, so a second run the same day (or a second scheduler) adds nothing to the store.
 */
export function inactivityTick(leadId: string, lastActivityAt: Date, now: Date): LeadEventMessage {
  const day = now.toISOString().slice(0, 10);
  const at = now.toISOString();
  return {
    v: 1,
    eventId: `inactivity:${leadId}:${day}`,
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
