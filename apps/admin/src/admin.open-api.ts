import { type OpenApiOptions } from '@leadscore/http';
import { HANDOFF_WEBHOOKS } from './routing/webhook.open-api';

/** The ops API's OpenAPI document, with the handoff webhook teams receive as `webhooks`. */
export const ADMIN_OPEN_API: OpenApiOptions = {
  title: 'Leadscore ops API',
  description:
    'Rules, simulations, replays, leads and their timelines, sales feedback, routing and webhooks, handoffs, sources (write keys), dead letters. ' +
    'Every route under /v1 needs `Authorization: Bearer ADMIN_TOKEN` (a write key is refused: 401). Lists are `{items, nextCursor}` with `?cursor=&limit=` (≤ 500). ' +
    'Every 4xx body is `{"errors": [{"path", "message"}]}`. See docs/ops-api.md.',
  securitySchemes: { admin: { type: 'http', scheme: 'bearer', description: 'The admin token (ADMIN_TOKEN)' } },
  webhooks: HANDOFF_WEBHOOKS,
};
