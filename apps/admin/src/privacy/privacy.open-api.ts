import { ApiRoute } from '@leadscore/http';

const LEAD_ID = { name: 'leadId', description: 'The lead id (1–128 of [A-Za-z0-9._:@+-])' };

export const PrivacyDocs = {
  erase: ApiRoute({
    summary: 'Erase a lead and every id merged into it',
    description: 'A resumable background job (docs/privacy.md). A repeated call while it runs answers the same erasure. Scope `privacy:write`.',
    security: 'admin',
    params: [LEAD_ID],
    ok: { status: 202, description: 'The erasure started', schema: { type: 'object', properties: { erasureId: { type: 'string', format: 'uuid' } } } },
    errors: [400, 401, 403],
  }),
  status: ApiRoute({
    summary: 'An erasure’s progress',
    security: 'admin',
    params: [{ name: 'erasureId', description: 'From DELETE /v1/leads/{leadId}' }],
    ok: {
      status: 200, description: 'running or done',
      schema: { type: 'object', properties: { erasureId: { type: 'string' }, status: { type: 'string', enum: ['running', 'done'] }, deleted: { type: 'object' }, requestedAt: { type: 'string', format: 'date-time' }, finishedAt: { type: 'string', format: 'date-time', nullable: true } } },
    },
    errors: [401, 403, 404],
  }),
  export: ApiRoute({
    summary: 'Every stored fact about a lead, as one JSON document',
    description: 'Access and portability (GDPR art. 15/20). Scope `privacy:write`.',
    security: 'admin',
    params: [LEAD_ID],
    ok: { status: 200, description: 'The export', schema: { type: 'object', properties: { leadId: { type: 'string' }, leadIds: { type: 'array', items: { type: 'string' } }, exportedAt: { type: 'string', format: 'date-time' }, events: { type: 'array', items: { type: 'object' } } } } },
    errors: [400, 401, 403, 404],
  }),
};
