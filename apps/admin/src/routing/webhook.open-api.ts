import { type OpenAPIObject } from '@nestjs/swagger';

const LEAD = {
  type: 'object',
  properties: {
    id: { type: 'string' }, score: { type: 'number' }, fitScore: { type: 'number' }, engagementScore: { type: 'number' }, stage: { type: 'string' },
    traits: { type: 'object', additionalProperties: true, description: 'As the lead sent them: untrusted text, render it as text' }, source: { type: 'string', nullable: true },
  },
};

const HEADER = (description: string) => ({ in: 'header' as const, required: true, description, schema: { type: 'string' as const } });

/**
 * The handoff webhook (apps/handoff webhook-body.ts, Standard Webhooks headers), as OpenAPI 3.1
 * `webhooks`: what a team's endpoint receives when a lead is promoted.
 */
export const HANDOFF_WEBHOOKS: NonNullable<OpenAPIObject['webhooks']> = {
  'lead.promoted': {
    post: {
      summary: 'A lead was promoted (lead.mql or lead.sql) and routed to your team',
      description:
        'Standard Webhooks: verify `webhook-signature` with the team secret (the `standardwebhooks` package does), dedupe on `webhook-id` (the same on every retry). ' +
        'Answer 2xx to acknowledge; retries at 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h (±10%) until 3 days; 410 disables the endpoint; Retry-After is honoured; 15 s per attempt.',
      parameters: [
        { name: 'webhook-id', ...HEADER('The delivery id, stable across retries and redeliveries') },
        { name: 'webhook-timestamp', ...HEADER('Unix seconds of this attempt') },
        { name: 'webhook-signature', ...HEADER('`v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`; two space-separated signatures for 24 h after a secret rotation') },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['type', 'timestamp', 'data'],
              properties: {
                type: { type: 'string', enum: ['lead.mql', 'lead.sql'] },
                timestamp: { type: 'string', format: 'date-time', description: 'When the handoff was made' },
                data: {
                  type: 'object',
                  properties: {
                    handoffId: { type: 'string' },
                    lead: LEAD,
                    reasons: { type: 'array', description: 'Top rules by points (at most 5)', items: { type: 'object', properties: { ruleId: { type: 'string' }, points: { type: 'number' } } } },
                    assignedTo: { type: 'object', nullable: true, properties: { team: { type: 'string' }, member: { type: 'string' } } },
                  },
                },
              },
            },
          },
        },
      },
      responses: { '200': { description: 'Acknowledged (any 2xx)' }, '410': { description: 'Gone: disables the team endpoint' } },
    },
  },
};
