import { ApiRoute } from '@leadscore/http';
import { MATCH_OPS } from '@leadscore/routing';

const TEAM = {
  type: 'object' as const,
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' },
    match: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, op: { type: 'string', enum: [...MATCH_OPS] }, value: {} } }, description: 'Every condition must hold (none: any lead)' },
    members: { type: 'array', items: { type: 'string' }, minItems: 1 },
    strategy: { type: 'string', enum: ['round_robin', 'least_loaded'] },
    webhook: { type: 'object', properties: { url: { type: 'string', format: 'uri', description: 'Resolved and refused when private (unless WEBHOOK_ALLOW_PRIVATE)' } } },
  },
  required: ['id', 'members', 'webhook'],
};

export const RoutingDocs = {
  put: ApiRoute({
    summary: 'Set the routing (a new version)',
    description: 'Teams are tried in order; a new team gets a webhook secret, shown in this answer only; an existing team keeps its secret. Workers pick it up within 5 s.',
    security: 'admin',
    body: {
      description: 'Checked by libs/routing parseRoutingConfig',
      schema: { type: 'object', properties: { teams: { type: 'array', maxItems: 100, items: TEAM } }, required: ['teams'] },
      examples: { teams: { summary: 'Two teams (the example URL is local: it needs WEBHOOK_ALLOW_PRIVATE=true)', value: { teams: [
        { id: 'enterprise', match: [{ field: 'traits.companySize', op: 'gte', value: 1000 }], members: ['alice', 'bob'], strategy: 'round_robin', webhook: { url: 'http://127.0.0.1:8080/hooks/enterprise' } },
        { id: 'smb', members: ['carol'], strategy: 'least_loaded', webhook: { url: 'http://127.0.0.1:8080/hooks/smb' } },
      ] } } },
    },
    ok: { status: 200, description: 'Stored', schema: { type: 'object', properties: { version: { type: 'integer' }, teams: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, secret: { type: 'string', description: 'whsec_…, new teams only' } } } } } } },
    errors: [400, 401],
  }),
  get: ApiRoute({ summary: 'The routing in force (no secrets)', security: 'admin', ok: { status: 200, description: '`{version: null, teams: []}` before any was set', schema: { type: 'object', properties: { version: { type: 'integer', nullable: true }, teams: { type: 'array', items: TEAM } } } }, errors: [401] }),
  rotate: ApiRoute({
    summary: 'Rotate a team’s webhook secret',
    description: 'The new secret is shown once; for 24 h deliveries carry both signatures.',
    security: 'admin',
    params: [{ name: 'teamId', description: 'A team of the routing', example: 'enterprise' }],
    ok: { status: 200, description: 'The new secret' },
    errors: [400, 401, 404],
  }),
};
