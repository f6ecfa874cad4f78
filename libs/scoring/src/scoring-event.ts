import { type Producer } from '@leadscore/contracts';

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
  /** Who wrote it: a reserved type acts only from its own producer (see provenance.ts). */
  producer: Producer;
}

// The reserved types are listed once, in libs/contracts (reserved-events.ts). Sales feedback
// carries `properties.action`; an inactivity tick moves the valuation time on but is not activity.
export { INACTIVITY_TICK, SALES_FEEDBACK } from '@leadscore/contracts';
export const IDENTIFY = 'identify';
