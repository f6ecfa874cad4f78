import { type Pool } from 'pg';
import { FEATURE_SPEC_VERSION } from '@leadscore/learning';
import { appendEvents, createPgPool, insertRuleSet, type NewEvent } from '@leadscore/persistence';
import { compileRouting, type RoutingConfig } from '@leadscore/routing';
import { parseRuleSet } from '@leadscore/scoring';
import { JsonLogger } from '@leadscore/observability';
import { migratedDatabase } from '@test/support/test-database';
import { createHandoffs, type CreateHandoffsDeps, type LeadHandoffMessage, type Promotion } from './create-handoffs';
import { handoffIds } from './handoff-ids';
import { ParkedPromotionsLoop } from './parked-promotions-loop';
import { pgHandoffStore } from './pg-handoff-store';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const promotion = (leadId: string, causeEventId: string, kind: 'mql' | 'sql' = 'mql'): Promotion => ({
  v: 1, leadId, causeEventId, seq: '1', ruleVersion: 1, occurredAt: '2026-11-23T10:00:00.000Z', score: kind === 'mql' ? 60 : 110, fitScore: 0,
  engagementScore: kind === 'mql' ? 60 : 110, previousScore: 40, stage: kind, previousStage: 'new', promotion: kind,
  reasons: [{ ruleId: 'whitepaper', points: 60 }],
});

const event = (eventId: string, leadId: string): NewEvent => ({
  eventId, leadId, type: 'whitepaper_download', occurredAt: new Date(Date.UTC(2026, 10, 23, 10)), receivedAt: new Date(Date.UTC(2026, 10, 23, 10)),
  source: 'web', properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

describe('createHandoffs and the parked promotions against PostgreSQL', () => {
  let pool: Pool;
  const published: LeadHandoffMessage[] = [];
  const abandoned: number[] = [];
  let deps: CreateHandoffsDeps;
  let loop: ParkedPromotionsLoop;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_create_handoffs'), 4);
    deps = {
      store: pgHandoffStore(pool), routing: () => null, now: () => new Date(Date.UTC(2026, 10, 23, 10, 0, 1)), visibilityWaitMs: 200,
      publish: async (handoffs) => { published.push(...handoffs); },
    };
    loop = new ParkedPromotionsLoop(deps, {
      pollMs: 1000, abandonAfterMs: 60 * 60_000, log: new JsonLogger('handoff-test', 'error').child('parked'), onCreated: () => undefined,
      onAbandoned: (count) => abandoned.push(count),
    });
  });

  afterAll(async () => {
    await pool?.end();
  });

  async function store(...events: NewEvent[]): Promise<void> {
    const client = await pool.connect();
    try {
      await appendEvents(client, events);
    } finally {
      client.release();
    }
  }

  const handoffsOf = async (leadId: string) =>
    (await pool.query(`SELECT id, promotion, cause_event_id FROM handoffs WHERE lead_id = $1 ORDER BY created_at, promotion`, [leadId])).rows;

  it('parks a promotion whose cause commits 11 s late, hands the other lead off at once, then yields exactly one handoff for it', async () => {
    await store(event('on-time-1', 'lead-on-time'));
    const started = Date.now();
    const created = await createHandoffs(deps, [promotion('lead-late', 'late-1'), promotion('lead-on-time', 'on-time-1')]);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(created.map((handoff) => handoff.leadId)).toEqual(['lead-on-time']);
    expect(await handoffsOf('lead-late')).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 11_000)); // past the 10 s after which the old consumer dropped it
    await loop.runRound();
    expect(await handoffsOf('lead-late')).toEqual([]); // still parked: nothing is made before its cause commits

    await store(event('late-1', 'lead-late'));
    await createHandoffs(deps, [promotion('lead-late', 'late-1')]); // the retried scoring batch publishes it again
    await loop.runRound();
    await loop.runRound();
    const { handoffId } = handoffIds({ leadId: 'lead-late', promotion: 'mql', causeEventId: 'late-1' });
    expect(await handoffsOf('lead-late')).toEqual([{ id: handoffId, promotion: 'mql', cause_event_id: 'late-1' }]);
    expect(published.filter((handoff) => handoff.leadId === 'lead-late').map((handoff) => handoff.handoffId)).toEqual([handoffId]);
    expect((await pool.query(`SELECT count(*)::int AS n FROM parked_promotions`)).rows[0].n).toBe(0);
  });

  it('keeps a lead\'s order: its SQL promotion waits behind its parked MQL one even when its own cause is committed', async () => {
    await store(event('order-sql', 'lead-order'));
    await createHandoffs(deps, [promotion('lead-order', 'order-mql')]);
    expect(await createHandoffs(deps, [promotion('lead-order', 'order-sql', 'sql')])).toEqual([]);
    await loop.runRound();
    expect(await handoffsOf('lead-order')).toEqual([]);

    await store(event('order-mql', 'lead-order'));
    await loop.runRound();
    const order = published.filter((handoff) => handoff.leadId === 'lead-order').map((handoff) => handoff.promotion);
    expect(order).toEqual(['mql', 'sql']);
    expect((await handoffsOf('lead-order')).map((row) => row.promotion).sort()).toEqual(['mql', 'sql']);
  });

  it('abandons a promotion whose cause never committed after the horizon, so the lead\'s later promotions go on', async () => {
    await createHandoffs(deps, [promotion('lead-lost', 'never-stored')]);
    await store(event('lost-sql', 'lead-lost'));
    await createHandoffs(deps, [promotion('lead-lost', 'lost-sql', 'sql')]);
    await pool.query(`UPDATE parked_promotions SET parked_at = now() - interval '2 hours' WHERE cause_event_id = 'never-stored'`);
    await loop.runRound();
    expect((await handoffsOf('lead-lost')).map((row) => row.cause_event_id)).toEqual(['lost-sql']);
    expect((await pool.query(`SELECT status FROM parked_promotions WHERE cause_event_id = 'never-stored'`)).rows).toEqual([{ status: 'abandoned' }]);
    expect(abandoned).toEqual([1]);
  });

  it('creates nothing for a promotion handed off already, with the same ids every time', async () => {
    await store(event('repeat-1', 'lead-repeat'));
    const first = await createHandoffs(deps, [promotion('lead-repeat', 'repeat-1')]);
    const again = await createHandoffs(deps, [promotion('lead-repeat', 'repeat-1')]);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(first[0].handoffId).toBe(handoffIds({ leadId: 'lead-repeat', promotion: 'mql', causeEventId: 'repeat-1' }).handoffId);
  });

  it('routes on the active model\'s win probability, from the lead\'s events up to the promotion\'s cause', async () => {
    const text = 'name: m\nthresholds: { mql: 50, sql: 100 }\nrules:\n  - { id: paper, when: { type: whitepaper_download }, points: 60 }\n';
    const parsed = parseRuleSet(text, 'yaml');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const client = await pool.connect();
    const version = await insertRuleSet(client, { name: 'm', format: 'yaml', sourceText: text, definition: parsed.definition, author: 'test' }).finally(() => client.release());
    // A model as a training stores it: a white paper raises the odds, a page visit lowers them.
    const model = { features: ['event:page_visit', 'event:whitepaper_download'], intercept: -1, weights: [-2, 2] };
    await pool.query(
      `INSERT INTO models (id, status, window_from, window_to, seed, rules_version, feature_spec_version, model, is_active)
       VALUES ('00000000-0000-4000-8000-0000000000aa', 'done', '2026-01-01', '2026-12-01', 1, $1, $2, $3, true)`,
      [version, FEATURE_SPEC_VERSION, JSON.stringify(model)],
    );
    const config: RoutingConfig = {
      teams: [
        { id: 'hot', match: [{ field: 'winProbability', op: 'gte', value: 0.6 }], members: ['eve'], strategy: 'round_robin', webhook: { url: 'https://crm.example/hot' } },
        { id: 'rest', match: [], members: ['carol'], strategy: 'round_robin', webhook: { url: 'https://crm.example/rest' } },
      ],
    };
    const routed = { ...deps, routing: () => ({ version: 1, config, compiled: compileRouting(config) }) };
    // early: a white paper (the cause: sigmoid(1) = 0.73), then a visit that came after it and must not count.
    await store(event('early-1', 'lead-early'), { ...event('early-2', 'lead-early'), type: 'page_visit' }, { ...event('cold-1', 'lead-cold'), type: 'page_visit' });
    const made = await createHandoffs(routed, [promotion('lead-early', 'early-1'), promotion('lead-cold', 'cold-1')]);
    expect(made.map((handoff) => [handoff.leadId, handoff.assignedTo?.team])).toEqual([['lead-early', 'hot'], ['lead-cold', 'rest']]);
    await pool.query(`UPDATE models SET is_active = false`);
  });
});

