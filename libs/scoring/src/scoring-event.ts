/** What the fold sees of a stored event. */
export interface ScoringEvent {
  eventId: string;
  leadId: string;
  type: string;
  /** Epoch ms, the event's own time: windows, expiry and decay are measured on it. */
  occurredAt: number;
  source: string | null;
  properties: Record<string, unknown>;
  /** Set on identify events; merged into the lead's traits (newer keys win). */
  traits: Record<string, unknown> | null;
}

/** Sales feedback enters the log as this event type, with `properties.action`. */
export const SALES_FEEDBACK = 'sales_feedback';
/** Emitted by the scheduler; moves the valuation time on but is not lead activity. */
export const INACTIVITY_TICK = 'inactivity_tick';
export const IDENTIFY = 'identify';
