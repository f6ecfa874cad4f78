import { type Stage } from './stage';

/**
 * Value of a message on `lead-scores` (key = leadId): the score or stage of a lead changed because
 * of one stored event. `promotion` is set when a handoff is due; the handoff service dedupes on
 * (leadId, promotion, causeEventId), so a redelivered message creates nothing twice.
 */
export interface LeadScoreChangedMessage {
  v: 1;
  leadId: string;
  causeEventId: string;
  /** Position of the cause event in the event store. */
  seq: string;
  ruleVersion: number;
  occurredAt: string;
  score: number;
  fitScore: number;
  engagementScore: number;
  previousScore: number;
  stage: Stage;
  previousStage: Stage;
  promotion: 'mql' | 'sql' | null;
  reasons: Array<{ ruleId: string; points: number }>;
}
