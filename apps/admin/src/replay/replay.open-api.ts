import { ApiRoute } from '@leadscore/http';

const REPLAY_VIEW = {
  type: 'object' as const,
  properties: {
    replayId: { type: 'string' }, rulesVersion: { type: 'integer' },
    status: { type: 'string', enum: ['running', 'catching_up', 'switched', 'failed'] },
    processed: { type: 'integer' }, total: { type: 'integer', description: 'Events in the store when it started' },
    eventsPerSecond: { type: 'number' }, eta: { type: 'number', nullable: true, description: 'Seconds left; null once finished' },
  },
};

export const ReplayDocs = {
  start: ApiRoute({
    summary: 'Replay the history under a version',
    description: 'Rebuilds every projection into a new generation while live scoring goes on, then switches atomically; its version becomes the active one.',
    security: 'admin',
    body: { schema: { type: 'object', properties: { rulesVersion: { type: 'integer', minimum: 1 } }, required: ['rulesVersion'] }, examples: { replay: { value: { rulesVersion: 1 } } } },
    ok: { status: 202, description: 'Started', schema: { type: 'object', properties: { replayId: { type: 'string' } } } },
    errors: [400, 401, 404, 409],
  }),
  show: ApiRoute({ summary: 'Replay progress', security: 'admin', params: [{ name: 'replayId', description: 'From POST /v1/replay' }], ok: { status: 200, description: 'Progress', schema: REPLAY_VIEW }, errors: [400, 401, 404] }),
};
