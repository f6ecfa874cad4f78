import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';

const SOURCE_ID = { name: 'id', description: 'The source id' };
const SOURCE = { type: 'object' as const, properties: { id: { type: 'string' }, name: { type: 'string' }, keyPrefix: { type: 'string' }, allowedOrigins: { type: 'array', items: { type: 'string' } }, createdAt: { type: 'string', format: 'date-time' } } };
const ORIGINS = { type: 'array' as const, items: { type: 'string' }, description: 'Web origins a browser may send from (empty: any); another origin is a 403' };

export const SourcesDocs = {
  create: ApiRoute({
    summary: 'Create a source and its write key',
    description: 'The write key is in this answer only (stored hashed).',
    security: 'admin',
    body: { schema: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 128 }, allowedOrigins: ORIGINS }, required: ['name'] }, examples: { website: { value: { name: 'website', allowedOrigins: ['https://www.acme.test'] } } } },
    ok: { status: 201, description: 'Created; the key shown once', schema: { ...SOURCE, properties: { ...SOURCE.properties, writeKey: { type: 'string' } } } },
    errors: [400, 401],
  }),
  list: ApiRoute({ summary: 'Sources (never their keys)', security: 'admin', query: PAGE_QUERY, ok: { status: 200, description: 'A page of sources', schema: pageOf(SOURCE) }, errors: [400, 401] }),
  update: ApiRoute({ summary: 'Replace a source’s allowed origins', security: 'admin', params: [SOURCE_ID], body: { schema: { type: 'object', properties: { allowedOrigins: ORIGINS }, required: ['allowedOrigins'] } }, ok: { status: 200, description: 'Updated', schema: SOURCE }, errors: [400, 401, 404] }),
  revoke: ApiRoute({ summary: 'Revoke a source’s write key', description: 'Ingest refuses it within seconds (announced on Redis, 5 s cache otherwise).', security: 'admin', params: [SOURCE_ID], ok: { status: 204, description: 'Revoked' }, errors: [400, 401, 404] }),
};
