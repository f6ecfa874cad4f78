import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';

export const HandoffsDocs = {
  list: ApiRoute({
    summary: 'Handoffs with their delivery state',
    security: 'admin',
    query: [{ name: 'status', description: 'failed, unassigned, pending, delivered, …' }, { name: 'leadId', description: 'One lead’s handoffs' }, ...PAGE_QUERY],
    ok: { status: 200, description: 'A page of handoffs', schema: pageOf({ type: 'object', additionalProperties: true }) },
    errors: [400, 401],
  }),
  redeliver: ApiRoute({
    summary: 'Deliver a handoff’s webhook again',
    description: 'From a fresh retry schedule, with the same delivery id (`webhook-id`), so receivers dedupe it.',
    security: 'admin',
    params: [{ name: 'id', description: 'Handoff id (uuid)', schema: { type: 'string', format: 'uuid' } }],
    ok: { status: 202, description: 'Queued', schema: { type: 'object', properties: { handoffId: { type: 'string' }, status: { type: 'string', enum: ['pending'] } } } },
    errors: [400, 401, 404, 409],
  }),
};
