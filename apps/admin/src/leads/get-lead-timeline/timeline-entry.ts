import { type LeadEventMessage } from '@leadscore/contracts';
import { type Reason, type StageChange } from '@leadscore/scoring';

/** A handoff, on the timeline entry of the event that caused it. */
export interface TimelineHandoff {
  id: string;
  promotion: string;
  status: string;
  assignedTo: { team: string; member: string | null } | null;
  createdAt: string;
}

/** The event's own fields, as its `lead-events` message carried them (times ISO-8601). */
type StoredEventFields = Pick<LeadEventMessage, 'eventId' | 'type' | 'occurredAt' | 'receivedAt' | 'source' | 'properties' | 'traits'>;

/**
 * One stored event of a lead and what it did under the live generation. The scoring fields are
 * null while the live generation has not scored the event yet (it is on its way through scoring).
 */
export interface TimelineEntry extends StoredEventFields {
  seq: string;
  /** Who wrote it: `public` (a write key) or the internal producer (admin, scheduler, scoring). */
  producer: string;
  ruleVersion: number | null;
  /** How much the score moved (after clamping); the reasons give each rule's points. */
  points: number | null;
  reasons: Reason[] | null;
  scoreAfter: number | null;
  stageAfter: string | null;
  stageChange: StageChange | null;
  /** Why nothing changed: a feedback action that makes no sense in the stage, an identity merge. */
  note: string | null;
  /** The event acted as nothing: a reserved type from a producer that may not write it (the note says which). */
  ignored: boolean;
  promotion: string | null;
  handoffs: TimelineHandoff[];
}

/** A row of the timeline query (get-lead-timeline.query.ts). */
export interface TimelineRow {
  seq: string;
  event_id: string;
  type: string;
  occurred_at: Date;
  received_at: Date;
  source: string | null;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  producer: string;
  rule_version: number | null;
  points: number | null;
  reasons: Reason[] | null;
  score_after: number | null;
  stage_after: string | null;
  /** As stored: a stage change, `{note}`, or null. */
  stage_change: (Partial<StageChange> & { note?: string; ignored?: boolean }) | null;
  promotion: string | null;
  handoffs: Array<{ id: string; promotion: string; status: string; team_id: string | null; member: string | null; created_at: string }>;
}

export function toTimelineEntry(row: TimelineRow): TimelineEntry {
  const { note, ignored, ...change } = row.stage_change ?? {};
  return {
    seq: row.seq,
    eventId: row.event_id,
    type: row.type,
    occurredAt: row.occurred_at.toISOString(),
    receivedAt: row.received_at.toISOString(),
    source: row.source,
    properties: row.properties,
    traits: row.traits,
    producer: row.producer,
    ruleVersion: row.rule_version,
    points: row.points,
    reasons: row.reasons,
    scoreAfter: row.score_after,
    stageAfter: row.stage_after,
    stageChange: change.to === undefined ? null : (change as StageChange),
    note: note ?? null,
    ignored: ignored === true,
    promotion: row.promotion,
    handoffs: row.handoffs.map((handoff) => ({
      id: handoff.id,
      promotion: handoff.promotion,
      status: handoff.status,
      assignedTo: handoff.team_id === null ? null : { team: handoff.team_id, member: handoff.member },
      createdAt: handoff.created_at,
    })),
  };
}
