import { randomUUID } from 'node:crypto';
import { topicName } from '@leadscore/contracts';
import { createKafkaClient, ensureTopics } from '@leadscore/kafka';
import { FEATURE_SPEC_VERSION, serializeModel, type LogisticModel } from '@leadscore/learning';
import { appendEvents, insertRuleSet, NO_INSIGHT_COLUMNS, upsertProjections, type NewEvent, type ProjectionRow } from '@leadscore/persistence';
import { JsonLogger } from '@leadscore/observability';
import { parseRuleSet } from '@leadscore/scoring';
import { SIMPLE_RULES_YAML } from '@test/support/simple-rules';
import { waitFor } from '@test/support/wait-for';
import { testEnv } from '@test/setup/test-env';
import { type AdminTestApp, startAdminApp } from '../../rules/testing/start-admin-app';
import { storeWinProbabilities } from './stored-win-probabilities.repository';
import { WinProbabilityRefresher } from './win-probability.refresher';

jest.setTimeout(120_000);

const T0 = Date.parse('2026-03-01T09:00:00.000Z');

// Two models over event counts: the first favours whitepapers, the second page visits.
const WHITEPAPERS: LogisticModel = { features: ['event:page_visit', 'event:whitepaper_download'], intercept: -1.5, weights: [0.2, 0.9] };
const PAGES: LogisticModel = { features: ['event:page_visit', 'event:whitepaper_download'], intercept: -1.5, weights: [0.6, -0.5] };

// Each lead's events: under WHITEPAPERS a > b > c = d > e; under PAGES c = d > e > b > a.
const HISTORIES: Array<[leadId: string, whitepapers: number, pages: number]> = [
  ['lead-a', 3, 0], ['lead-b', 1, 1], ['lead-c', 0, 2], ['lead-d', 0, 2], ['lead-e', 0, 1],
];

type Item = { leadId: string; winProbability?: number | null; modelId?: string };
type Page = { items: Item[]; nextCursor: string | null };

/**
 * The stored win probabilities behind `GET /v1/leads?sort=winProbability`, against real PostgreSQL:
 * the refresher (called here, its timer set to a day) computes them once a model is active, again
 * for a lead with new events, all again when another model is activated — each the number the lead
 * view computes — and an erasure removes the lead's row for good.
 */
describe('win probability refresher and the lead list by win probability', () => {
  let admin: AdminTestApp;
  let refresher: WinProbabilityRefresher;
  let eventNumber = 0;
  const whitepapersId = randomUUID();
  const pagesId = randomUUID();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by the assertions
  const json = async (method: string, path: string): Promise<{ status: number; body: any }> => {
    const response = await admin.call(method, path);
    return { status: response.status, body: await response.json() };
  };
  const stored = async () => (await admin.pool.query<{ lead_id: string; model_id: string; win_probability: number; last_seq: string }>(
    'SELECT lead_id, model_id, win_probability, last_seq::text FROM lead_win_probabilities ORDER BY lead_id',
  )).rows;
  const projection = (leadId: string, lastSeq: string, eventCount: number, state: Record<string, unknown> = {}): ProjectionRow => ({
    leadId, score: 10, fitScore: 0, engagementScore: 10, grade: 'D', stage: 'new', ruleVersion: 1, eventCount,
    firstSeenAt: T0, lastActivityAt: T0, lastSeq, ...NO_INSIGHT_COLUMNS, mergedInto: typeof state.mergedInto === 'string' ? state.mergedInto : null, traits: {}, state,
  });
  const event = (leadId: string, type: string): NewEvent => ({
    eventId: `e-${++eventNumber}`, leadId, type, occurredAt: new Date(T0 + eventNumber * 1000), receivedAt: new Date(T0 + eventNumber * 1000),
    source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
  });
  /** Stores the events and moves the lead's projection to the last of them, as the scoring worker does. */
  const record = async (leadId: string, whitepapers: number, pages: number, state: Record<string, unknown> = {}) => {
    const client = await admin.pool.connect();
    try {
      const events = [...Array.from({ length: whitepapers }, () => event(leadId, 'whitepaper_download')), ...Array.from({ length: pages }, () => event(leadId, 'page_visit'))];
      const appended = await appendEvents(client, events);
      const count = Number((await client.query('SELECT count(*) AS n FROM lead_events WHERE lead_id = $1', [leadId])).rows[0].n);
      await upsertProjections(client, 1, [projection(leadId, appended[appended.length - 1].seq, count, state)]);
    } finally {
      client.release();
    }
  };
  const insertModel = (id: string, model: LogisticModel) => admin.pool.query(
    `INSERT INTO models (id, status, window_from, window_to, seed, rules_version, feature_spec_version, model, finished_at)
     VALUES ($1, 'done', '2026-01-01', '2026-02-01', 1, 1, $2, $3, now())`,
    [id, FEATURE_SPEC_VERSION, serializeModel(model)],
  );
  /** Each stored probability equals the one the lead view computes from the lead's events. */
  const expectTheLeadViewsNumbers = async (modelId: string) => {
    for (const row of await stored()) {
      const view = await json('GET', `/v1/leads/${row.lead_id}`);
      expect({ leadId: row.lead_id, modelId: row.model_id, winProbability: row.win_probability }).toEqual({ leadId: row.lead_id, modelId, winProbability: view.body.winProbability });
    }
  };
  const everyPage = async (query: string) => {
    const pages: string[][] = [];
    for (let cursor: string | null = null; pages.length < 20;) {
      const page: Page = (await json('GET', `/v1/leads?${query}${cursor === null ? '' : `&cursor=${cursor}`}`)).body;
      pages.push(page.items.map((item) => item.leadId));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    return pages;
  };

  beforeAll(async () => {
    // The erasure reads the end offsets of these topics.
    const namespace = `t-win-probabilities-${Date.now().toString(36)}`;
    const kafka = createKafkaClient({ brokers: testEnv().kafkaBrokers.split(','), clientId: 'win-probabilities', logger: new JsonLogger('it', 'error', () => undefined) });
    await ensureTopics(kafka, [topicName(namespace, 'leadEvents'), topicName(namespace, 'leadScores')], 1);
    admin = await startAdminApp({ database: 'leadscore_int_admin_win_probabilities', namespace, env: { WIN_PROBABILITY_REFRESH_EVERY: '1d' } });
    refresher = admin.app.get(WinProbabilityRefresher);
    const parsed = parseRuleSet(SIMPLE_RULES_YAML, 'yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await insertRuleSet(admin.pool, { name: 'simple', format: 'yaml', sourceText: SIMPLE_RULES_YAML, definition: parsed.definition, author: 'test' });
    for (const [leadId, whitepapers, pages] of HISTORIES) await record(leadId, whitepapers, pages);
    // An anonymous id merged into lead-a is not listed, so it gets no probability of its own.
    await record('anon-merged', 0, 1, { mergedInto: 'lead-a' });
    await insertModel(whitepapersId, WHITEPAPERS);
    await insertModel(pagesId, PAGES);
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('stores nothing while no model is active, and the list by win probability has none to show', async () => {
    expect(await refresher.refresh()).toBeNull();
    expect(await stored()).toEqual([]);
    const page: Page = (await json('GET', '/v1/leads?sort=winProbability')).body;
    expect(page.items.map((item) => [item.leadId, item.winProbability])).toEqual(['lead-a', 'lead-b', 'lead-c', 'lead-d', 'lead-e'].map((id) => [id, undefined]));
  });

  it('computes, once a model is activated, the probability of every listed lead — the lead view’s number — and then nothing more', async () => {
    expect((await json('POST', `/v1/models/${whitepapersId}/activate`)).status).toBe(200);
    expect(await refresher.refresh()).toBe(5);
    expect((await stored()).map((row) => row.lead_id)).toEqual(['lead-a', 'lead-b', 'lead-c', 'lead-d', 'lead-e']);
    await expectTheLeadViewsNumbers(whitepapersId);
    expect(await refresher.refresh()).toBe(0);
    expect(await (await fetch(`${admin.url}/metrics`)).text()).toMatch(/leadscore_win_probabilities_refreshed_total(\{[^}]*\})? 5\n/);
  });

  it('lists by win probability, highest first, ties by leadId, each with the probability and the model', async () => {
    const page: Page = (await json('GET', '/v1/leads?sort=winProbability')).body;
    expect(page.items.map((item) => item.leadId)).toEqual(['lead-a', 'lead-b', 'lead-c', 'lead-d', 'lead-e']);
    const rows = new Map((await stored()).map((row) => [row.lead_id, row.win_probability]));
    expect(page.items.map((item) => [item.winProbability, item.modelId])).toEqual(page.items.map((item) => [rows.get(item.leadId), whitepapersId]));
    expect(page.items[2].winProbability).toBe(page.items[3].winProbability);
    // By score (the default), the items carry their probability too.
    expect((await json('GET', '/v1/leads')).body.items.every((item: Item) => item.winProbability === rows.get(item.leadId))).toBe(true);
  });

  it('recomputes a lead whose projection moved past the stored last_seq, and only it', async () => {
    const before = (await stored()).find((row) => row.lead_id === 'lead-e')!;
    await record('lead-e', 2, 0);
    expect(await refresher.refresh()).toBe(1);
    const after = (await stored()).find((row) => row.lead_id === 'lead-e')!;
    expect(BigInt(after.last_seq)).toBeGreaterThan(BigInt(before.last_seq));
    expect(after.win_probability).toBeGreaterThan(before.win_probability);
    await expectTheLeadViewsNumbers(whitepapersId);
    expect((await everyPage('sort=winProbability&limit=10'))[0]).toEqual(['lead-a', 'lead-e', 'lead-b', 'lead-c', 'lead-d']);
  });

  it('lists a lead not computed yet after every computed one, and pages across the tie and it with no gap and no repeat', async () => {
    await record('lead-f', 5, 0);
    const page: Page = (await json('GET', '/v1/leads?sort=winProbability')).body;
    expect(page.items.map((item) => [item.leadId, item.winProbability === null])).toEqual([
      ['lead-a', false], ['lead-e', false], ['lead-b', false], ['lead-c', false], ['lead-d', false], ['lead-f', true],
    ]);
    expect(page.items[5].modelId).toBe(whitepapersId);
    expect(await everyPage('sort=winProbability&limit=2')).toEqual([['lead-a', 'lead-e'], ['lead-b', 'lead-c'], ['lead-d', 'lead-f']]);
    expect((await everyPage('sort=winProbability&limit=1')).flat()).toEqual(['lead-a', 'lead-e', 'lead-b', 'lead-c', 'lead-d', 'lead-f']);
    expect(await everyPage('sort=winProbability&limit=3&stage=new')).toEqual([['lead-a', 'lead-e', 'lead-b'], ['lead-c', 'lead-d', 'lead-f']]);
    expect(await refresher.refresh()).toBe(1);
    expect((await everyPage('sort=winProbability&limit=10'))[0]).toEqual(['lead-f', 'lead-a', 'lead-e', 'lead-b', 'lead-c', 'lead-d']);
  });

  it('recomputes every lead when another model is activated', async () => {
    expect((await json('POST', `/v1/models/${pagesId}/activate`)).status).toBe(200);
    expect(await refresher.refresh()).toBe(6);
    expect(new Set((await stored()).map((row) => row.model_id))).toEqual(new Set([pagesId]));
    await expectTheLeadViewsNumbers(pagesId);
    expect((await everyPage('sort=winProbability&limit=10'))[0]).toEqual(['lead-c', 'lead-d', 'lead-b', 'lead-e', 'lead-a', 'lead-f']);
  });

  it('refuses a win-probability cursor in the score order and the other way round, and a bad sort, naming the parameter', async () => {
    const byProbability: Page = (await json('GET', '/v1/leads?sort=winProbability&limit=1')).body;
    const byScore: Page = (await json('GET', '/v1/leads?limit=1')).body;
    for (const [query, path] of [[`cursor=${byProbability.nextCursor}`, 'cursor'], [`sort=winProbability&cursor=${byScore.nextCursor}`, 'cursor'], ['sort=probability', 'sort']]) {
      const { status, body } = await json('GET', `/v1/leads?${query}`);
      expect({ query, status, errors: body.errors }).toEqual({ query, status: 400, errors: [{ path, message: expect.stringMatching(new RegExp(`^${path} must be `)) }] });
    }
  });

  it('removes an erased lead’s row, and a later refresh does not bring it back', async () => {
    const erasing = await json('DELETE', '/v1/leads/lead-b');
    expect(erasing.status).toBe(202);
    await waitFor('the erasure done', async () => ((await json('GET', `/v1/erasures/${erasing.body.erasureId}`)).body.status === 'done' ? true : undefined), 60_000);
    expect((await stored()).map((row) => row.lead_id)).not.toContain('lead-b');
    expect(await refresher.refresh()).toBe(0);
    expect((await stored()).map((row) => row.lead_id)).toEqual(['lead-a', 'lead-c', 'lead-d', 'lead-e', 'lead-f']);
    expect((await everyPage('sort=winProbability&limit=10'))[0]).toEqual(['lead-c', 'lead-d', 'lead-e', 'lead-a', 'lead-f']);
  });

  it('stores nothing for a lead whose erasure sweep was under way while its probability was computed', async () => {
    await record('lead-g', 1, 1);
    const { rows: [{ last_seq: lastSeq }] } = await admin.pool.query<{ last_seq: string }>(`SELECT last_seq::text FROM lead_projections WHERE lead_id = 'lead-g'`);
    // The sweep's order (sweepLeads): lock the lead's projection rows, delete its rows, commit.
    const sweep = await admin.pool.connect();
    let storing: Promise<number> | null = null;
    try {
      await sweep.query('BEGIN');
      await sweep.query(`SELECT 1 FROM lead_projections WHERE lead_id = 'lead-g' FOR UPDATE`);
      await sweep.query(`DELETE FROM lead_win_probabilities WHERE lead_id = 'lead-g'`);
      await sweep.query(`DELETE FROM lead_projections WHERE lead_id = 'lead-g'`);
      storing = storeWinProbabilities(admin.pool, pagesId, [{ leadId: 'lead-g', lastSeq, winProbability: 0.5 }]);
      await waitFor('the store waiting on the sweep\'s lock', async () => {
        const { rows } = await admin.pool.query(`SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO lead_win_probabilities%'`);
        return rows.length > 0 ? true : undefined;
      }, 30_000);
      await sweep.query('COMMIT');
    } finally {
      sweep.release();
    }
    expect(await storing).toBe(0);
    expect((await stored()).map((row) => row.lead_id)).not.toContain('lead-g');
  });
});
