import { ApiRoute } from '@leadscore/http';
import { FEEDBACK_ACTIONS } from '@leadscore/scoring';
import { LEAD_ID } from '../leads/leads.open-api';

export const FeedbackDocs = {
  create: ApiRoute({
    summary: 'Record sales feedback on a lead',
    description: 'Always recorded (202) and acts by action (docs/stages.md); an action that makes no sense in the stage changes nothing and the timeline says why.',
    security: 'admin',
    params: [LEAD_ID],
    body: {
      schema: { type: 'object', properties: { action: { type: 'string', enum: [...FEEDBACK_ACTIONS] }, reason: { type: 'string' }, by: { type: 'string' } }, required: ['action'] },
      examples: { contacted: { value: { action: 'contacted', by: 'alice' } } },
    },
    ok: { status: 202, description: 'In the log', schema: { type: 'object', properties: { eventId: { type: 'string' } } } },
    errors: [400, 401, 503],
  }),
};
