import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';

export const LEAD_ID = { name: 'leadId', description: 'The lead id (1–128 of A-Z a-z 0-9 . _ : @ + -; else 400)', example: 'jane@acme.test' };
const OWNER = { type: 'object' as const, nullable: true, properties: { team: { type: 'string' }, member: { type: 'string', nullable: true } } };
export const LEAD_VIEW = {
  type: 'object' as const,
  properties: {
    leadId: { type: 'string' }, score: { type: 'number' }, fitScore: { type: 'number' }, engagementScore: { type: 'number' }, grade: { type: 'string' },
    stage: { type: 'string' }, owner: OWNER, ruleVersion: { type: 'integer' }, eventCount: { type: 'integer' },
    firstSeenAt: { type: 'string', format: 'date-time', nullable: true }, lastActivityAt: { type: 'string', format: 'date-time', nullable: true },
    traits: { type: 'object', additionalProperties: true }, mergedInto: { type: 'string', nullable: true },
    winProbability: {
      type: 'number', minimum: 0, maximum: 1, nullable: true,
      description: 'Only with an active model (POST /v1/models/{id}/activate). In the list, the stored one: null until the admin refreshed it (WIN_PROBABILITY_REFRESH_EVERY)',
    },
    modelId: { type: 'string', description: 'The active model that gave winProbability' },
  },
};
const WIN_PROBABILITY = {
  type: 'object' as const,
  description: 'Only with an active model: the win probability and the features that moved it most',
  properties: {
    modelId: { type: 'string' }, winProbability: { type: 'number' },
    why: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, contribution: { type: 'number', description: 'log-odds' } } } },
  },
};
const REASON = { type: 'object' as const, properties: { ruleId: { type: 'string' }, points: { type: 'number' }, kind: { type: 'string', enum: ['fit', 'engagement'] }, group: { type: 'string' }, limited: { type: 'boolean' }, capped: { type: 'boolean' }, expired: { type: 'boolean' } } };
const TIMELINE_ENTRY = {
  type: 'object' as const,
  properties: {
    seq: { type: 'string' }, eventId: { type: 'string' }, type: { type: 'string' }, occurredAt: { type: 'string', format: 'date-time' }, receivedAt: { type: 'string', format: 'date-time' },
    source: { type: 'string', nullable: true }, properties: { type: 'object', additionalProperties: true }, traits: { type: 'object', nullable: true, additionalProperties: true },
    producer: { type: 'string' }, ruleVersion: { type: 'integer', nullable: true }, points: { type: 'number', nullable: true, description: 'null while not scored yet' },
    reasons: { type: 'array', nullable: true, items: REASON }, scoreAfter: { type: 'number', nullable: true }, stageAfter: { type: 'string', nullable: true },
    stageChange: { type: 'object', nullable: true, properties: { from: { type: 'string' }, to: { type: 'string' }, cause: { type: 'string' } } },
    note: { type: 'string', nullable: true }, ignored: { type: 'boolean' }, promotion: { type: 'string', nullable: true },
    handoffs: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, promotion: { type: 'string' }, status: { type: 'string' }, assignedTo: OWNER, createdAt: { type: 'string' } } } },
  },
};

export const LeadsDocs = {
  list: ApiRoute({
    summary: 'Leads by score or win probability, filtered',
    security: 'admin',
    query: [
      { name: 'stage', description: 'Only this stage' }, { name: 'minScore', description: 'Score at least', schema: { type: 'number' } }, { name: 'team', description: 'Owned by this team' },
      { name: 'source', description: 'First-touch source' },
      {
        name: 'sort', schema: { type: 'string', enum: ['score', 'winProbability'], default: 'score', example: 'winProbability' },
        description: 'score: highest first (the default). winProbability: the active model\'s stored probability, highest first, leads without one last; ties by leadId. A cursor pages the order it came from',
      },
      ...PAGE_QUERY,
    ],
    ok: { status: 200, description: 'A page of lead views', schema: pageOf(LEAD_VIEW) },
    errors: [400, 401],
  }),
  show: ApiRoute({ summary: 'A lead: score, stage, owner, traits', security: 'admin', params: [LEAD_ID], query: [{ name: 'asOf', description: 'ISO-8601: the lead as it stood at that instant', schema: { type: 'string', format: 'date-time' } }], ok: { status: 200, description: 'The lead view', schema: LEAD_VIEW }, errors: [400, 401, 404] }),
  timeline: ApiRoute({ summary: 'A lead’s events with the points and rules of each', security: 'admin', params: [LEAD_ID], query: PAGE_QUERY, ok: { status: 200, description: 'Events in log order', schema: timelinePage() }, errors: [400, 401, 404] }),
};

function timelinePage() {
  const page = pageOf(TIMELINE_ENTRY);
  return { ...page, properties: { ...page.properties, winProbability: WIN_PROBABILITY } };
}
