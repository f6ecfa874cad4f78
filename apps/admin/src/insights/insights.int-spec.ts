import { activateRuleSet, appendEvents, insertRuleSet, type NewEvent } from '@leadscore/persistence';
import { parseRuleSet } from '@leadscore/scoring';
import { waitFor } from '@test/support/wait-for';
import { type AdminTestApp, startAdminApp } from '../rules/testing/start-admin-app';

jest.setTimeout(90_000);

const rules = (mql: number) => `name: insights-${mql}
thresholds: { mql: ${mql}, sql: 100 }
rules:
  - { id: visit, when: { type: page_visit }, points: 10, group: web }
  - { id: demo, when: { type: demo_request }, points: 50, group: web }
  - { id: pricing, when: { type: pricing_call }, points: 100, group: web }
`;

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);
const day = (d: number) => T0 + d * DAY;
const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW = 'from=2026-01-01&to=2026-03-01';

let seq = 0;
function event(leadId: string, type: string, at: number, source: string | null): NewEvent {
  seq += 1;
  return { eventId: `ins-${seq}`, leadId, type, occurredAt: new Date(at), receivedAt: new Date(at), source, properties: {}, traits: null, sourceKeyId: null, producer: 'public' };
}
function feedback(leadId: string, action: string, at: number, amount?: number): NewEvent {
  seq += 1;
  const properties = { action, by: 'sales', ...(amount !== undefined ? { amount } : {}) };
  return { eventId: `feedback:ins-${seq}`, leadId, type: 'sales_feedback', occurredAt: new Date(at), receivedAt: new Date(at), source: null, properties, traits: null, sourceKeyId: null, producer: 'admin' };
}

/**
 * The scripted cohort (first seen in [2026-01-01, 2026-03-01) unless said), under mql 50 / sql 100:
 * a1 ads: visit d0, demo d2 (60: mql), accept d4 (sql), won d10 5000 → customer (peak 60)
 * a2 ads: demo d0 (50: mql), lost d3 → nurture (peak 50)
 * a3 ads: visit d1 → new, 10
 * a4 ads: first seen 2025-12-20 (outside), demo → mql
 * s1 seo: demo d1 (mql), visit d3 from ads (first touch stays seo), won d7 1200.50 (peak 60)
 * s2 seo: visit d2, disqualify d4 → unqualified (peak 10)
 * p1 partner: pricing call d5 (100: straight to sql, mql at the same time), won d20 without amount (peak 100)
 * p2 partner: first seen 2026-03-05 (outside: to is exclusive)
 * n1 no source: visit d0 → new, 10
 */
function cohort(): NewEvent[] {
  return [
    event('a1', 'page_visit', day(0), 'ads'), event('a1', 'demo_request', day(2), 'ads'), feedback('a1', 'accept', day(4)), feedback('a1', 'won', day(10), 5000),
    event('a2', 'demo_request', day(0), 'ads'), feedback('a2', 'lost', day(3)),
    event('a3', 'page_visit', day(1), 'ads'),
    event('a4', 'demo_request', Date.UTC(2025, 11, 20), 'ads'),
    event('s1', 'demo_request', day(1), 'seo'), event('s1', 'page_visit', day(3), 'ads'), feedback('s1', 'won', day(7), 1200.5),
    event('s2', 'page_visit', day(2), 'seo'), feedback('s2', 'disqualify', day(4)),
    event('p1', 'pricing_call', day(5), 'partner'), feedback('p1', 'won', day(20)),
    event('p2', 'page_visit', Date.UTC(2026, 2, 5), 'partner'),
    event('n1', 'page_visit', day(0), null),
  ];
}

const ZERO_STAGES = { new: 0, mql: 0, contacted: 0, sql: 0, opportunity: 0, customer: 0, nurture: 0, unqualified: 0, inactive: 0 };
const histogram = (counts: Record<number, number>) => [
  { from: null, to: 0, count: counts[-1] ?? 0 },
  ...Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: counts[i] ?? 0 })),
  { from: 100, to: null, count: counts[10] ?? 0 },
];

describe('insights over a scripted cohort (store → replay fold → projections → GET /v1/insights)', () => {
  let admin: AdminTestApp;
  const versions: number[] = [];

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

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_insights' });
    const client = await admin.pool.connect();
    try {
      for (const mql of [50, 60]) {
        const text = rules(mql);
        const parsed = parseRuleSet(text, 'yaml');
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        versions.push(await insertRuleSet(client, { name: parsed.definition.name, format: 'yaml', sourceText: text, definition: parsed.definition, author: 'test' }));
      }
      await activateRuleSet(client, versions[0]);
      await appendEvents(client, cohort());
    } finally {
      client.release();
    }
    for (const [source, month, amount] of [['ads', '2026-01', 1000], ['ads', '2026-02', 500], ['ads', '2026-03', 9999], ['seo', '2026-01', 300], ['tv', '2026-02', 200], ['tv', '2025-12', 7]] as const) {
      const put = await json('PUT', `/v1/insights/costs/${source}`, { month, amount, currency: 'EUR' });
      expect(put.status).toBe(200);
    }
    await replay(versions[0]);
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('gives the hand-computed funnel, sources, costs, revenue, stage counts and histogram; outside leads never count', async () => {
    const { status, body } = await json('GET', `/v1/insights?${WINDOW}`);
    expect(status).toBe(200);
    expect(body).toEqual({
      from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', source: null, currency: 'EUR', leads: 7,
      funnel: [
        { stage: 'new', reached: 7, conversionFromPrevious: null },
        { stage: 'mql', reached: 4, conversionFromPrevious: 4 / 7 },
        { stage: 'sql', reached: 3, conversionFromPrevious: 3 / 4 },
        { stage: 'opportunity', reached: 3, conversionFromPrevious: 1 },
        { stage: 'customer', reached: 3, conversionFromPrevious: 1 },
      ],
      bySource: [
        // mql after 2 days (a1) and 0 (a2): median 1; cost Jan + Feb (March is outside); roi (5000 − 1500) / 1500
        { source: 'ads', leads: 3, mql: 2, sql: 1, customers: 1, mqlToSqlRate: 0.5, leadToCustomerRate: 1 / 3, medianDaysToMql: 1, medianDaysToCustomer: 10,
          cost: 1500, costPerLead: 500, costPerCustomer: 1500, revenue: 5000, roi: 2.3333 },
        { source: 'partner', leads: 1, mql: 1, sql: 1, customers: 1, mqlToSqlRate: 1, leadToCustomerRate: 1, medianDaysToMql: 0, medianDaysToCustomer: 15,
          cost: null, costPerLead: null, costPerCustomer: null, revenue: 0, roi: null },
        // roi (1200.50 − 300) / 300 = 3.00166…
        { source: 'seo', leads: 2, mql: 1, sql: 1, customers: 1, mqlToSqlRate: 1, leadToCustomerRate: 0.5, medianDaysToMql: 0, medianDaysToCustomer: 6,
          cost: 300, costPerLead: 150, costPerCustomer: 300, revenue: 1200.5, roi: 3.0017 },
        // tv: February's cost, no lead (December's is outside)
        { source: 'tv', leads: 0, mql: 0, sql: 0, customers: 0, mqlToSqlRate: null, leadToCustomerRate: null, medianDaysToMql: null, medianDaysToCustomer: null,
          cost: 200, costPerLead: null, costPerCustomer: null, revenue: 0, roi: -1 },
        { source: null, leads: 1, mql: 0, sql: 0, customers: 0, mqlToSqlRate: null, leadToCustomerRate: 0, medianDaysToMql: null, medianDaysToCustomer: null,
          cost: null, costPerLead: null, costPerCustomer: null, revenue: 0, roi: null },
      ],
      stageCounts: { ...ZERO_STAGES, customer: 3, nurture: 1, new: 2, unqualified: 1 },
      // a3, s2, n1: 10; a2: 50; a1, s1: 60; p1: 100
      scoreHistogram: histogram({ 1: 3, 5: 1, 6: 2, 10: 1 }),
    });
  });

  it('counts only the asked source: another source never counts, in the funnel or the costs', async () => {
    const { status, body } = await json('GET', `/v1/insights?${WINDOW}&source=seo`);
    expect(status).toBe(200);
    expect(body.leads).toBe(2);
    expect(body.funnel.map((f: { reached: number }) => f.reached)).toEqual([2, 1, 1, 1, 1]);
    expect(body.bySource.map((s: { source: string }) => s.source)).toEqual(['seo']);
    expect(body.stageCounts).toEqual({ ...ZERO_STAGES, customer: 1, unqualified: 1 });
  });

  it('shows the milestones and revenue in the lead view, as of an instant too', async () => {
    const lead = await json('GET', '/v1/leads/a1');
    expect(lead.body).toMatchObject({ source: 'ads', revenue: 5000, milestones: { mqlAt: iso(day(2)), sqlAt: iso(day(4)), opportunityAt: iso(day(10)), customerAt: iso(day(10)), lostAt: null, disqualifiedAt: null } });
    const asOf = await json('GET', `/v1/leads/a1?asOf=${iso(day(5))}`);
    expect(asOf.body).toMatchObject({ source: 'ads', revenue: null, stage: 'sql', milestones: { mqlAt: iso(day(2)), sqlAt: iso(day(4)), customerAt: null } });
    const listed = await json('GET', '/v1/leads?stage=unqualified');
    expect(listed.body.items).toEqual([expect.objectContaining({ leadId: 's2', source: 'seo', milestones: expect.objectContaining({ disqualifiedAt: iso(day(4)) }) })]);
  });

  it('backtests the MQL threshold: 55 is best (every buyer caught, no one else); the active 50 lets one lost lead in', async () => {
    const { status, body } = await json('GET', `/v1/insights/thresholds?${WINDOW}`);
    expect(status).toBe(200);
    // won peaks 60, 60, 100; lost peaks 50, 10
    const row = (threshold: number, won: number, lost: number) => {
      const precision = won / (won + lost);
      const recall = won / 3;
      return { threshold, won, lost, precision, recall, f1: (2 * precision * recall) / (precision + recall) };
    };
    const expected = Array.from({ length: 21 }, (_, i) => i * 5).map((t) => (t <= 10 ? row(t, 3, 2) : t <= 50 ? row(t, 3, 1) : t <= 60 ? row(t, 3, 0) : row(t, 1, 0)));
    expect(body).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', source: null, outcomes: { won: 3, lost: 2 }, thresholds: expected, active: row(50, 3, 1), best: row(55, 3, 0) });
  });

  it('answers an empty window with zeros and nulls, never NaN', async () => {
    const insights = await json('GET', '/v1/insights?from=2030-01-01&to=2030-02-01');
    expect(insights.status).toBe(200);
    expect(insights.body).toMatchObject({ leads: 0, bySource: [], stageCounts: ZERO_STAGES, scoreHistogram: histogram({}) });
    expect(insights.body.funnel.every((f: { reached: number; conversionFromPrevious: unknown }) => f.reached === 0 && f.conversionFromPrevious === null)).toBe(true);
    const thresholds = await json('GET', '/v1/insights/thresholds?from=2030-01-01&to=2030-02-01');
    expect(thresholds.body).toMatchObject({ outcomes: { won: 0, lost: 0 }, thresholds: [], best: null, active: { threshold: 50, precision: null, recall: null, f1: null } });
  });

  it.each([
    ['/v1/insights?from=soon&to=2026-02-01', ['from']],
    ['/v1/insights?from=2026-02-01&to=2026-01-01', ['to']],
    ['/v1/insights?from=2023-01-01&to=2026-01-01', ['to']],
    ['/v1/insights', ['from', 'to']],
    ['/v1/insights/thresholds?from=2026-01-01&to=2026-02-30', ['to']],
    [`/v1/insights?${WINDOW}&source=${'x'.repeat(129)}`, ['source']],
    ['/v1/insights/costs?cursor=nope', ['cursor']],
  ])('answers %s with 400 on %j', async (path, paths) => {
    const { status, body } = await json('GET', path);
    expect(status).toBe(400);
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(paths);
  });

  it('keeps one currency: another one later is 400 on currency; bad costs are 400 by path; nothing is stored', async () => {
    expect(await json('PUT', '/v1/insights/costs/ads', { month: '2026-04', amount: 10, currency: 'USD' })).toEqual({
      status: 400, body: { errors: [{ path: 'currency', message: 'this installation counts costs in EUR; every cost must be in EUR' }] },
    });
    const bad = await json('PUT', '/v1/insights/costs/ads', { month: '2026-4', amount: -1.5, currency: 'EUR' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['month', 'amount']);
    const listed = await json('GET', '/v1/insights/costs?limit=100');
    expect(listed.body.items.some((c: { month: string }) => c.month.startsWith('2026-04'))).toBe(false);
  });

  it('lists the costs by source and month, a page at a time; a PUT replaces the month', async () => {
    expect((await json('PUT', '/v1/insights/costs/tv', { month: '2025-12', amount: 8.25, currency: 'EUR' })).body).toEqual({ source: 'tv', month: '2025-12', amount: 8.25, currency: 'EUR' });
    const first = await json('GET', '/v1/insights/costs?limit=4');
    expect(first.body.items).toEqual([
      { source: 'ads', month: '2026-01', amount: 1000, currency: 'EUR' }, { source: 'ads', month: '2026-02', amount: 500, currency: 'EUR' },
      { source: 'ads', month: '2026-03', amount: 9999, currency: 'EUR' }, { source: 'seo', month: '2026-01', amount: 300, currency: 'EUR' },
    ]);
    const second = await json('GET', `/v1/insights/costs?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body).toEqual({ items: [{ source: 'tv', month: '2025-12', amount: 8.25, currency: 'EUR' }, { source: 'tv', month: '2026-02', amount: 200, currency: 'EUR' }], nextCursor: null });
  });

  it('gives identical answers after a replay under the same version; under a stricter one the milestones move as the fold says', async () => {
    const before = await Promise.all([`/v1/insights?${WINDOW}`, `/v1/insights/thresholds?${WINDOW}`, `/v1/insights?${WINDOW}&source=ads`].map((p) => json('GET', p)));
    await replay(versions[0]);
    const after = await Promise.all([`/v1/insights?${WINDOW}`, `/v1/insights/thresholds?${WINDOW}`, `/v1/insights?${WINDOW}&source=ads`].map((p) => json('GET', p)));
    expect(after).toEqual(before);

    // mql 60: s1 reaches it only with the visit of d3; a2 (50) never does, so its lost changes nothing.
    await replay(versions[1]);
    expect((await json('GET', '/v1/leads/s1')).body.milestones).toMatchObject({ mqlAt: iso(day(3)), customerAt: iso(day(7)) });
    expect((await json('GET', '/v1/leads/a2')).body).toMatchObject({ stage: 'new', milestones: { mqlAt: null, lostAt: null } });
    const stricter = (await json('GET', `/v1/insights?${WINDOW}`)).body;
    expect(stricter.funnel.map((f: { reached: number }) => f.reached)).toEqual([7, 3, 3, 3, 3]);
    expect(stricter.bySource.find((s: { source: string }) => s.source === 'seo')).toMatchObject({ medianDaysToMql: 2 });
  });
});
