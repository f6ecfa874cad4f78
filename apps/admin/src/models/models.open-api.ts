import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';

const MODEL_ID = { name: 'modelId', description: 'From POST /v1/models' };
const THRESHOLD_ROW = { type: 'object' as const, properties: { threshold: { type: 'number' }, won: { type: 'integer' }, lost: { type: 'integer' }, precision: { type: 'number', nullable: true }, recall: { type: 'number', nullable: true }, f1: { type: 'number', nullable: true } } };
const COUNTS = { type: 'object' as const, properties: { won: { type: 'integer' }, lost: { type: 'integer' } } };
const RESULT = {
  type: 'object' as const,
  nullable: true,
  description: 'Once done: the held-out evaluation beside the active rules, the features, the suggested rule version',
  properties: {
    trainedOn: COUNTS, heldOut: COUNTS,
    auc: { type: 'number', description: 'Held-out AUC of the model’s win probability' },
    rulesAuc: { type: 'number', description: 'Held-out AUC of the active rule set’s score on the same leads' },
    calibration: { type: 'array', items: { type: 'object', properties: { from: { type: 'number' }, to: { type: 'number' }, predicted: { type: 'number' }, observed: { type: 'number' }, count: { type: 'integer' } } } },
    features: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, weight: { type: 'number' }, strength: { type: 'number' } } } },
    rulesVersion: { type: 'integer' }, suggestedRuleVersion: { type: 'integer' }, simulationId: { type: 'string', nullable: true },
    backtest: {
      type: 'object', description: 'The held-out leads at the MQL and SQL thresholds: what the active rules and the suggestion would have sent over',
      properties: Object.fromEntries(['mql', 'sql'].map((stage) => [stage, { type: 'object', properties: { active: THRESHOLD_ROW, suggested: THRESHOLD_ROW } }])),
    },
    suggestion: { type: 'object', properties: { pointsPerLogOdds: { type: 'number' }, offset: { type: 'number' }, leftOut: { type: 'array', items: { type: 'string' } } } },
  },
};
export const MODEL_VIEW = {
  type: 'object' as const,
  properties: {
    modelId: { type: 'string' }, status: { type: 'string', enum: ['running', 'done', 'failed'] },
    from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, seed: { type: 'integer' },
    rulesVersion: { type: 'integer' }, featureSpecVersion: { type: 'integer' }, processed: { type: 'integer' }, total: { type: 'integer' },
    reason: { type: 'string', nullable: true, description: 'Why it failed (too few outcomes of a class, …)' }, result: RESULT,
    createdAt: { type: 'string', format: 'date-time' }, activatedAt: { type: 'string', format: 'date-time', nullable: true }, active: { type: 'boolean' },
  },
};

export const ModelsDocs = {
  train: ApiRoute({
    summary: 'Train a win model on the leads with an outcome in a window',
    description: 'Won vs lost or disqualified leads whose outcome falls in [from, to); features from each lead’s history before its outcome. Fewer than 50 of either class: the job fails with the reason.',
    security: 'admin',
    body: {
      // No example: the OpenAPI test sends every example, and a training needs an active rule set first.
      schema: { type: 'object', properties: { from: { type: 'string', format: 'date-time', example: '2026-01-01T00:00:00Z' }, to: { type: 'string', format: 'date-time', example: '2027-01-01T00:00:00Z' }, seed: { type: 'integer', minimum: 0 } }, required: ['from', 'to'] },
    },
    ok: { status: 202, description: 'Started', schema: { type: 'object', properties: { modelId: { type: 'string' } } } },
    errors: [400, 401, 409],
  }),
  show: ApiRoute({ summary: 'A training job: progress, then the model’s evaluation', security: 'admin', params: [MODEL_ID], ok: { status: 200, description: 'The job', schema: MODEL_VIEW }, errors: [401, 404] }),
  list: ApiRoute({ summary: 'Models, newest first', security: 'admin', query: PAGE_QUERY, ok: { status: 200, description: 'A page', schema: pageOf(MODEL_VIEW) }, errors: [400, 401] }),
  activate: ApiRoute({
    summary: 'Make a done model the one lead views take their win probability from',
    security: 'admin', params: [MODEL_ID], ok: { status: 200, description: 'The model, active', schema: MODEL_VIEW }, errors: [401, 404, 409],
  }),
};
