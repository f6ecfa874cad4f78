import { activateRuleSet, appendEvents, insertRuleSet } from '@leadscore/persistence';
import { parseRuleSet } from '@leadscore/scoring';
import { waitFor } from '@test/support/wait-for';
import { type AdminTestApp, startAdminApp } from '../rules/testing/start-admin-app';
import { OPS_RULES, syntheticOutcomes } from './testing/synthetic-outcomes';

jest.setTimeout(180_000);

const JAN = Date.UTC(2026, 0, 5);
const TOO_FEW_START = Date.UTC(2025, 5, 1);

/**
 * Learned scoring against real PostgreSQL and Kafka: synthetic leads with outcomes in the store,
 * replayed into the projections, then POST /v1/models → the job → the model and its suggestion.
 */
describe('learned scoring (POST /v1/models → GET /v1/models/{id} → activate → lead view)', () => {
  let admin: AdminTestApp;
  const many = syntheticOutcomes({ prefix: 'syn', count: 600, open: 5, start: JAN, seed: 3 });
  const few = syntheticOutcomes({ prefix: 'few', count: 30, open: 0, start: TOO_FEW_START, seed: 4 });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const json = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> => {
    const response = await admin.call(method, path, body === undefined ? {} : { body: JSON.stringify(body), contentType: 'application/json' });
    return { status: response.status, body: await response.json() };
  };

  async function replay(rulesVersion: number): Promise<void> {
    const started = await json('POST', '/v1/replay', { rulesVersion });
    expect(started.status).toBe(202);
    const done = await waitFor('the replay switched', async () => {
      const { body } = await json('GET', `/v1/replay/${started.body.replayId}`);
      return ['switched', 'failed'].includes(body.status) ? body : undefined;
    });
    expect(done.status).toBe('switched');
  }

  async function train(window: { from: string; to: string }): Promise<{ modelId: string; job: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON answer
    const started = await json('POST', '/v1/models', window);
    expect(started.status).toBe(202);
    const job = await waitFor('the training finished', async () => {
      const { body } = await json('GET', `/v1/models/${started.body.modelId}`);
      return body.status === 'running' ? undefined : body;
    }, 120_000);
    return { modelId: started.body.modelId, job };
  }

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_models' });
    const client = await admin.pool.connect();
    try {
      const parsed = parseRuleSet(OPS_RULES, 'yaml');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const version = await insertRuleSet(client, { name: 'ops', format: 'yaml', sourceText: OPS_RULES, definition: parsed.definition, author: 'test' });
      await activateRuleSet(client, version);
      await appendEvents(client, [...many.events, ...few.events]);
    } finally {
      client.release();
    }
    await replay(1);
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('refuses a bad window with 400 by field and starts nothing', async () => {
    const cases = [
      { body: { from: 'last year', to: '2026-12-01' }, path: 'from' },
      { body: { from: '2026-12-01', to: '2026-01-01' }, path: 'to' },
      { body: { to: '2026-12-01' }, path: 'from' },
      { body: { from: '2026-01-01', to: '2026-12-01', seed: -1 }, path: 'seed' },
      { body: { from: '2026-01-01', to: '2026-12-01', source: 'ads' }, path: 'source' },
    ];
    for (const { body, path } of cases) {
      const answer = await json('POST', '/v1/models', body);
      expect({ body, status: answer.status, paths: answer.body.errors.map((e: { path: string }) => e.path) }).toEqual({ body, status: 400, paths: [path] });
    }
    expect((await json('GET', '/v1/models')).body.items).toEqual([]);
  });

  it('fails a window with fewer than 50 outcomes of a class, with the reason, and leaves no model to activate', async () => {
    const { modelId, job } = await train({ from: '2025-06-01', to: '2025-07-01' });
    expect(few.outcomes.won + few.outcomes.lost).toBe(30);
    expect(job).toMatchObject({
      modelId, status: 'failed', total: 30, result: null,
      reason: `too few outcomes to learn from: ${few.outcomes.won} won and ${few.outcomes.lost} lost (lost or disqualified) leads, at least 50 of each are needed`,
    });
    const activation = await json('POST', `/v1/models/${modelId}/activate`);
    expect(activation.status).toBe(409);
  });

  describe('over enough outcomes', () => {
    let modelId: string;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer
    let job: any;

    beforeAll(async () => {
      ({ modelId, job } = await train({ from: '2026-01-01', to: '2026-03-01' }));
    });

    it('trains on the won and the lost or disqualified leads of the window and compares the model with the rules on the held-out fifth', () => {
      expect(job.status).toBe('done');
      const { result } = job;
      expect(job.total).toBe(600);
      expect(job.processed).toBe(600);
      expect({ won: result.trainedOn.won + result.heldOut.won, lost: result.trainedOn.lost + result.heldOut.lost }).toEqual(many.outcomes);
      expect(result.heldOut.won + result.heldOut.lost).toBeGreaterThan(80);
      // The rules ignore seniority and reward careers visits: the model, which learns both, ranks better.
      expect(result.auc).toBeGreaterThan(result.rulesAuc);
      expect(result.calibration.reduce((sum: number, bin: { count: number }) => sum + bin.count, 0)).toBe(result.heldOut.won + result.heldOut.lost);
      expect(result.features.slice(0, 3).map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['trait:seniority:executive']));
      expect(result.features.find((f: { name: string }) => f.name === 'event:careers_visit').weight).toBeLessThan(0);
      // The suggestion backtested beside the rules on the same held-out leads, at the kept thresholds.
      const heldOutWon = result.heldOut.won;
      for (const [stage, threshold] of [['mql', 50], ['sql', 100]] as const) {
        for (const side of ['active', 'suggested'] as const) {
          const row = result.backtest[stage][side];
          expect(row.threshold).toBe(threshold);
          expect(row.won + row.lost).toBeLessThanOrEqual(result.heldOut.won + result.heldOut.lost);
          expect(row.recall).toBeCloseTo(row.won / heldOutWon, 12);
        }
      }
      expect(result.backtest.mql.suggested.won + result.backtest.mql.suggested.lost).toBeGreaterThan(0);
    });

    it('posts the suggested rule set as a new inactive version by model/{id}, and simulates it', async () => {
      const version = await json('GET', `/v1/rules/${job.result.suggestedRuleVersion}`);
      expect(version.status).toBe(200);
      expect(version.body).toMatchObject({ author: `model/${modelId}`, active: false });
      expect(version.body.sourceText).toContain('thresholds:\n  mql: 50\n  sql: 100');
      const simulation = await waitFor('the suggestion simulated', async () => {
        const { body } = await json('GET', `/v1/simulations/${job.result.simulationId}`);
        return body.status === 'running' ? undefined : body;
      });
      expect(simulation.status).toBe('done');
    });

    it('learns the same model, byte for byte, from the same store and window', async () => {
      const again = await train({ from: '2026-01-01', to: '2026-03-01' });
      const { rows } = await admin.pool.query<{ id: string; model: string }>('SELECT id, model FROM models WHERE id = ANY($1::uuid[]) ORDER BY created_at', [[modelId, again.modelId]]);
      expect(rows[1].model).toBe(rows[0].model);
      expect({ ...again.job.result, suggestedRuleVersion: 0, simulationId: null }).toEqual({ ...job.result, suggestedRuleVersion: 0, simulationId: null });
    });

    it('gives, once activated, each lead view its win probability and the timeline its why; a replay gives the same', async () => {
      const leadId = many.openLeadIds[0];
      const before = await json('GET', `/v1/leads/${leadId}`);
      expect(before.body).not.toHaveProperty('winProbability');
      const activated = await json('POST', `/v1/models/${modelId}/activate`);
      expect(activated.status).toBe(200);
      expect(activated.body).toMatchObject({ modelId, active: true });
      const view = await json('GET', `/v1/leads/${leadId}`);
      expect(view.body.modelId).toBe(modelId);
      expect(view.body.winProbability).toBeGreaterThan(0);
      expect(view.body.winProbability).toBeLessThan(1);
      const timeline = await json('GET', `/v1/leads/${leadId}/timeline`);
      expect(timeline.body.winProbability).toMatchObject({ modelId, winProbability: view.body.winProbability });
      expect(timeline.body.winProbability.why.length).toBeGreaterThan(0);
      expect(timeline.body.winProbability.why[0]).toEqual({ name: expect.stringMatching(/^(event|rule|trait):/), contribution: expect.any(Number) });
      await replay(1);
      expect((await json('GET', `/v1/leads/${leadId}`)).body.winProbability).toBe(view.body.winProbability);
      const listed = await json('GET', '/v1/models');
      expect(listed.body.items.filter((m: { active: boolean }) => m.active).map((m: { modelId: string }) => m.modelId)).toEqual([modelId]);
      const paged: string[] = [];
      for (let cursor = ''; ;) {
        const page = await json('GET', `/v1/models?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.body.items.map((m: { modelId: string }) => m.modelId));
        if (page.body.nextCursor === null) break;
        cursor = page.body.nextCursor;
      }
      expect(paged).toEqual(listed.body.items.map((m: { modelId: string }) => m.modelId));
      expect(paged).toHaveLength(3);
    });
  });
});
