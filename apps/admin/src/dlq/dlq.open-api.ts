import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';

export const DlqDocs = {
  list: ApiRoute({ summary: 'Dead-lettered messages', description: 'With their reason, step and source topic/partition/offset.', security: 'admin', query: PAGE_QUERY, ok: { status: 200, description: 'A page of dead letters', schema: pageOf({ type: 'object', additionalProperties: true }) }, errors: [400, 401, 503] }),
  redrive: ApiRoute({
    summary: 'Send dead letters back to their topic',
    security: 'admin',
    body: { schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { partition: { type: 'integer', minimum: 0 }, offset: { type: 'string', pattern: '^\\d{1,19}$' } } } }, all: { type: 'boolean' } } } },
    ok: { status: 202, description: 'Sent back', schema: { type: 'object', properties: { redriven: { type: 'integer' } } } },
    errors: [400, 401, 503],
  }),
};
