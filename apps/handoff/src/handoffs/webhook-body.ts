import { type LeadScoreChangedMessage } from '@leadscore/contracts';

export interface WebhookBody {
  type: 'lead.mql' | 'lead.sql';
  timestamp: string;
  data: {
    handoffId: string;
    lead: {
      id: string; score: number; fitScore: number; engagementScore: number; stage: string;
      traits: Record<string, unknown>; source: string | null;
    };
    reasons: Array<{ ruleId: string; points: number }>;
    assignedTo: { team: string; member: string } | null;
  };
}

/** The handoff's payload, fixed when the handoff is written (every retry sends the same bytes). */
export function webhookBody(input: {
  handoffId: string;
  change: LeadScoreChangedMessage & { promotion: 'mql' | 'sql' };
  traits: Record<string, unknown>;
  source: string | null;
  reasons: Array<{ ruleId: string; points: number }>;
  assignedTo: { team: string; member: string } | null;
  now: Date;
}): WebhookBody {
  const { change } = input;
  return {
    type: `lead.${change.promotion}`,
    timestamp: input.now.toISOString(),
    data: {
      handoffId: input.handoffId,
      lead: {
        id: change.leadId, score: change.score, fitScore: change.fitScore, engagementScore: change.engagementScore,
        stage: change.stage, traits: input.traits, source: input.source,
      },
      reasons: input.reasons,
      assignedTo: input.assignedTo,
    },
  };
}
