import { OPS_SCOPES } from '@leadscore/contracts';
import { ApiRoute } from '@leadscore/http';

const TOKEN = {
  type: 'object' as const,
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, tokenPrefix: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string', enum: [...OPS_SCOPES] } },
    createdAt: { type: 'string', format: 'date-time' }, expiresAt: { type: 'string', format: 'date-time', nullable: true }, revokedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

export const TokensDocs = {
  create: ApiRoute({
    summary: 'Create a scoped ops API token',
    description: 'The token (`lst_…`) is in this answer only (stored hashed). Scope `tokens:admin`.',
    security: 'admin',
    body: {
      schema: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 128 }, scopes: TOKEN.properties.scopes, expiresAt: { type: 'string', format: 'date-time' } }, required: ['name', 'scopes'] },
      examples: { bi: { value: { name: 'bi tool', scopes: ['insights:read'] } } },
    },
    ok: { status: 201, description: 'Created; the token shown once', schema: { ...TOKEN, properties: { ...TOKEN.properties, token: { type: 'string' } } } },
    errors: [400, 401, 403],
  }),
  list: ApiRoute({ summary: 'Every token (never the token itself), revoked and expired ones included', security: 'admin', ok: { status: 200, description: 'The tokens', schema: { type: 'object', properties: { items: { type: 'array', items: TOKEN } } } }, errors: [401, 403] }),
  revoke: ApiRoute({ summary: 'Revoke a token', description: 'Every admin process refuses it within 2 s.', security: 'admin', params: [{ name: 'id', description: 'The token id' }], ok: { status: 204, description: 'Revoked' }, errors: [400, 401, 403, 404] }),
};
