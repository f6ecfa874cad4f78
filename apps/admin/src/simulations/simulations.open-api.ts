import { ApiRoute, PAGE_QUERY, pageOf } from '@leadscore/http';

const SNAPSHOT = { type: 'object' as const, properties: { score: { type: 'number' }, stage: { type: 'string' } } };
const CHANGED_LEAD = { type: 'object' as const, properties: { leadId: { type: 'string' }, before: { ...SNAPSHOT, nullable: true }, after: SNAPSHOT } };
const COUNTS = { type: 'object' as const, additionalProperties: { type: 'integer' } };

export const SimulationsDocs = {
  start: ApiRoute({
    summary: 'Simulate a version against the stored history',
    description: 'Before = the live projections; after = each lead’s whole history folded under the version.',
    security: 'admin',
    params: [{ name: 'version', description: 'Rule set version', example: 1, schema: { type: 'integer', minimum: 1 } }],
    ok: { status: 202, description: 'Started', schema: { type: 'object', properties: { simulationId: { type: 'string' } } } },
    errors: [400, 401, 404],
  }),
  show: ApiRoute({
    summary: 'Simulation status and result',
    security: 'admin',
    params: [{ name: 'simulationId', description: 'From the simulate call' }],
    ok: {
      status: 200,
      description: 'Status; result once done',
      schema: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['running', 'done', 'failed'] }, processed: { type: 'integer' }, total: { type: 'integer' },
          result: {
            type: 'object', nullable: true,
            properties: {
              changedLeads: { type: 'integer' }, stageCountsBefore: COUNTS, stageCountsAfter: COUNTS,
              crossings: { type: 'object', properties: { intoMql: { type: 'integer' }, outOfMql: { type: 'integer' }, intoSql: { type: 'integer' }, outOfSql: { type: 'integer' } } },
              topMovers: { type: 'array', items: CHANGED_LEAD }, ruleTotals: { type: 'object', additionalProperties: { type: 'number' } },
            },
          },
        },
      },
    },
    errors: [400, 401, 404],
  }),
  leads: ApiRoute({ summary: 'Every lead a simulation changed, a page at a time', security: 'admin', params: [{ name: 'simulationId', description: 'From the simulate call' }], query: PAGE_QUERY, ok: { status: 200, description: 'A page', schema: pageOf(CHANGED_LEAD) }, errors: [400, 401, 404] }),
};
