import { appendEvents, NO_INSIGHT_COLUMNS, upsertProjections, type NewEvent, type ProjectionRow } from '@leadscore/persistence';
import { type AdminTestApp, startAdminApp } from '../../rules/testing/start-admin-app';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');

type Errors = { errors: Array<{ path: string; message: string }> };
type Page = { items: Array<Record<string, unknown> & { leadId: string }>; nextCursor: string | null };

// Live generation 1, in list order: score DESC, then leadId. Four leads tie at 50.
const LEADS: Array<[leadId: string, score: number, stage: string]> = [
  ['lead-a', 120, 'sql'], ['lead-b', 80.5, 'mql'],
  ['lead-c', 50, 'new'], ['lead-d', 50, 'new'], ['lead-e', 50, 'new'], ['lead-f', 50, 'contacted'],
  ['lead-g', 10, 'nurture'], ['lead-h', 0, 'new'],
];
const ALL = LEADS.map(([leadId]) => leadId);

describe('GET /v1/leads', () => {
  let admin: AdminTestApp;

  const projection = (leadId: string, score: number, stage: string): ProjectionRow => ({
    leadId, score, fitScore: 10, engagementScore: score - 10, grade: 'C', stage, ruleVersion: 1, eventCount: 1,
    firstSeenAt: T0, lastActivityAt: T0 + 1000, lastSeq: '1', ...NO_INSIGHT_COLUMNS, traits: { company: `${leadId} inc` }, state: {},
  });
  const event = (eventId: string, leadId: string, source: string | null): NewEvent => ({
    eventId, leadId, type: 'page_visit', occurredAt: new Date(T0), receivedAt: new Date(T0), source, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
  });
  const handoff = (leadId: string, promotion: string, team: string | null, member: string | null, second: number) => admin.pool.query(
    `INSERT INTO handoffs (id, lead_id, promotion, cause_event_id, team_id, member, status, payload, created_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, '{}', $7)`,
    [leadId, promotion, `${leadId}-${second}`, team, member, team === null ? 'unassigned' : 'delivered', new Date(T0 + second * 1000)],
  );

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_leads_list' });
    const client = await admin.pool.connect();
    try {
      await upsertProjections(client, 1, LEADS.map(([leadId, score, stage]) => projection(leadId, score, stage)));
      // An anonymous id merged into lead-a (identity merging): it lives on in lead-a, so it is not listed.
      await upsertProjections(client, 1, [{ ...projection('anon-merged', 60, 'new'), mergedInto: 'lead-a', state: { mergedInto: 'lead-a' } }]);
      // A replay's generation in the making is not listed.
      await client.query(`INSERT INTO projection_generations (generation, status) VALUES (2, 'building')`);
      await upsertProjections(client, 2, [projection('lead-z', 999, 'customer')]);
      await appendEvents(client, [
        event('a1', 'lead-a', 'newsletter'), event('a2', 'lead-a', 'salon-2026'), event('b1', 'lead-b', 'newsletter'),
        event('c1', 'lead-c', 'salon-2026'), event('d1', 'lead-d', null), event('z1', 'lead-z', 'salon-2026'),
      ]);
    } finally {
      client.release();
    }
    await handoff('lead-a', 'mql', 'enterprise', 'alice', 1);
    await handoff('lead-a', 'sql', 'enterprise', 'alice', 2);
    await handoff('lead-b', 'mql', 'smb', 'carol', 3);
    // lead-g went to enterprise, then smb; a later unassigned handoff does not take it from smb.
    await handoff('lead-g', 'mql', 'enterprise', 'bob', 4);
    await handoff('lead-g', 'mql', 'smb', 'carol', 5);
    await handoff('lead-g', 'sql', null, null, 6);
  });

  afterAll(async () => {
    await admin?.close();
  });

  const getJson = async <T>(path: string, token?: string | null) => {
    const response = await admin.call('GET', path, token === undefined ? {} : { token });
    return { status: response.status, body: (await response.json()) as T };
  };
  const ids = async (query: string) => {
    const { status, body } = await getJson<Page>(`/v1/leads?${query}`);
    expect(status).toBe(200);
    return body.items.map((item) => item.leadId);
  };
  const everyPage = async (query: string) => {
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const { body }: { body: Page } = await getJson<Page>(`/v1/leads?${query}${cursor === null ? '' : `&cursor=${cursor}`}`);
      pages.push(body.items.map((item) => item.leadId));
      cursor = body.nextCursor;
    } while (cursor !== null && pages.length < 20);
    return pages;
  };

  it('lists the live projections as lead views, highest score first, ties by leadId', async () => {
    const { status, body } = await getJson<Page>('/v1/leads');
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((item) => item.leadId)).toEqual(ALL);
    expect(body.items[1]).toEqual({
      leadId: 'lead-b', score: 80.5, fitScore: 10, engagementScore: 70.5, grade: 'C', stage: 'mql', owner: { team: 'smb', member: 'carol' },
      ruleVersion: 1, eventCount: 1, firstSeenAt: '2026-03-01T09:00:00.000Z', lastActivityAt: '2026-03-01T09:00:01.000Z',
      traits: { company: 'lead-b inc' }, mergedInto: null, source: null, revenue: null,
      milestones: { mqlAt: null, sqlAt: null, opportunityAt: null, customerAt: null, lostAt: null, disqualifiedAt: null },
    });
  });

  it('filters by stage', async () => {
    expect(await ids('stage=new')).toEqual(['lead-c', 'lead-d', 'lead-e', 'lead-h']);
    expect(await ids('stage=customer')).toEqual([]);
  });

  it.each([
    ['50', ['lead-a', 'lead-b', 'lead-c', 'lead-d', 'lead-e', 'lead-f']],
    ['50.01', ['lead-a', 'lead-b']],
    ['80.5', ['lead-a', 'lead-b']],
    ['-1', ALL],
  ])('filters by minScore=%s', async (minScore, expected) => {
    expect(await ids(`minScore=${minScore}`)).toEqual(expected);
  });

  it('filters by the owner’s team, the latest assigned handoff’s', async () => {
    expect(await ids('team=smb')).toEqual(['lead-b', 'lead-g']);
    expect(await ids('team=enterprise')).toEqual(['lead-a']);
    expect(await ids('team=nobody')).toEqual([]);
  });

  it('filters by a source any of the lead’s stored events came from', async () => {
    expect(await ids('source=salon-2026')).toEqual(['lead-a', 'lead-c']);
    expect(await ids('source=newsletter')).toEqual(['lead-a', 'lead-b']);
  });

  it('combines filters', async () => {
    expect(await ids('stage=new&source=salon-2026')).toEqual(['lead-c']);
    expect(await ids('minScore=50&team=enterprise&source=newsletter')).toEqual(['lead-a']);
  });

  it.each([
    [2, [['lead-a', 'lead-b'], ['lead-c', 'lead-d'], ['lead-e', 'lead-f'], ['lead-g', 'lead-h']]],
    [3, [['lead-a', 'lead-b', 'lead-c'], ['lead-d', 'lead-e', 'lead-f'], ['lead-g', 'lead-h']]],
    [1, ALL.map((leadId) => [leadId])],
  ])('pages %i at a time across ties in score with no gap and no repeat', async (limit, pages) => {
    expect(await everyPage(`limit=${limit}`)).toEqual(pages);
  });

  it('pages a filtered list', async () => {
    expect(await everyPage('minScore=50&limit=3')).toEqual([['lead-a', 'lead-b', 'lead-c'], ['lead-d', 'lead-e', 'lead-f']]);
  });

  it('resumes after the last lead seen even when a lead scores above it in between (keyset, not offset)', async () => {
    const first = await getJson<Page>('/v1/leads?limit=3');
    const client = await admin.pool.connect();
    try {
      await upsertProjections(client, 1, [projection('lead-new', 200, 'sql')]);
      const next = await getJson<Page>(`/v1/leads?limit=3&cursor=${first.body.nextCursor}`);
      expect(next.body.items.map((item) => item.leadId)).toEqual(['lead-d', 'lead-e', 'lead-f']);
    } finally {
      await client.query(`DELETE FROM lead_projections WHERE lead_id = 'lead-new'`);
      client.release();
    }
  });

  it.each([
    ['stage=hot', 'stage'],
    ['minScore=fifty', 'minScore'],
    [`team=${'t'.repeat(65)}`, 'team'],
    [`source=${'s'.repeat(129)}`, 'source'],
    ['cursor=not-a-cursor', 'cursor'],
    ['sort=probability', 'sort'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
  ])('answers 400 for %s, naming it and saying what was expected', async (query, path) => {
    const { status, body } = await getJson<Errors>(`/v1/leads?${query}`);
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ path, message: expect.stringMatching(new RegExp(`^${path} must be `)) }]);
  });

  it('names every bad parameter at once', async () => {
    const { status, body } = await getJson<Errors>('/v1/leads?stage=hot&minScore=x&limit=9999');
    expect(status).toBe(400);
    expect(body.errors.map((error) => error.path)).toEqual(['stage', 'minScore', 'limit']);
  });

  it('answers 401 without the admin token', async () => {
    expect((await getJson<Errors>('/v1/leads', null)).status).toBe(401);
  });
});
