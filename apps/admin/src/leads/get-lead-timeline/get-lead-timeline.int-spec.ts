import { reservedProducerOf } from '@leadscore/contracts';
import { activateRuleSet, appendEvents, insertAuditRows, insertRuleSet, upsertProjections, type NewEvent, type StoredEvent } from '@leadscore/persistence';
import { foldLeads } from '@leadscore/projection';
import { compileRuleSet, parseRuleSet } from '@leadscore/scoring';
import { type AdminTestApp, startAdminApp } from '../../rules/testing/start-admin-app';
import { encodeTimelineCursor } from './timeline-cursor';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const MINUTE = 60_000;
const HANDOFF_ID = '0b6f0c1e-5d7a-4c53-9a0e-4f1f6e2a9b10';

const RULES = `name: timeline
thresholds: { mql: 50, sql: 100 }
rules:
  - id: whitepaper
    when: { type: whitepaper_download }
    points: 30
  - id: email-open
    when: { type: email_open }
    points: 5
`;

type Errors = { errors: Array<{ path: string; message: string }> };
type Entry = Record<string, unknown> & { seq: string; eventId: string; handoffs: unknown[] };
type Page = { items: Entry[]; nextCursor: string | null };

describe('GET /v1/leads/{leadId}/timeline', () => {
  let admin: AdminTestApp;
  let stored: StoredEvent[];

  const event = (eventId: string, leadId: string, type: string, minute: number, properties: Record<string, unknown> = {}): NewEvent => ({
    eventId, leadId, type, occurredAt: new Date(T0 + minute * MINUTE), receivedAt: new Date(T0 + minute * MINUTE + 1000),
    source: 'salon-2026', properties, traits: null, sourceKeyId: null, producer: reservedProducerOf(type) ?? 'public',
  });
  const seqOf = (eventId: string) => stored.find((e) => e.eventId === eventId)!.seq;

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_leads_timeline' });
    const client = await admin.pool.connect();
    try {
      const parsed = parseRuleSet(RULES, 'yaml');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const version = await insertRuleSet(client, { name: parsed.definition.name, format: 'yaml', sourceText: RULES, definition: parsed.definition, author: 'test' });
      await activateRuleSet(client, version);
      // Two leads interleaved in the log: lead-1's seqs are not consecutive.
      stored = await appendEvents(client, [
        event('e1', 'lead-1', 'email_open', 0, { campaign: 'spring' }),
        event('x1', 'anon-7', 'identity_merged', 1, { into: 'lead-1' }),
        event('e2', 'lead-1', 'whitepaper_download', 2, { asset: 'guide.pdf' }),
        event('e3', 'lead-1', 'sales_feedback', 3, { action: 'opportunity', by: 'alice' }),
        event('e4', 'lead-1', 'whitepaper_download', 4),
        event('e5', 'lead-1', 'email_open', 5),
        // Feedback forged through a write key before reserved types were refused: it acts as nothing.
        { ...event('f1', 'lead-2', 'sales_feedback', 6, { action: 'won' }), sourceKeyId: 'key-1', producer: 'public' },
      ]);
      // Scored as live scoring does it, into the live generation (1).
      const folded = foldLeads(stored, new Map(), compileRuleSet(parsed.definition, version));
      await insertAuditRows(client, 1, folded.audit);
      await upsertProjections(client, 1, folded.projections);
      // A replay's generation in the making: its audit rows are not the timeline's.
      await client.query(`INSERT INTO projection_generations (generation, status) VALUES (2, 'building')`);
      await insertAuditRows(client, 2, folded.audit.map((row) => ({ ...row, points: 999, scoreAfter: 999 })));
      // An event stored but not scored yet.
      stored.push(...(await appendEvents(client, [event('e6', 'lead-1', 'page_visit', 6, { url: '/pricing' })])));
      await client.query(
        `INSERT INTO handoffs (id, lead_id, promotion, cause_event_id, team_id, member, status, routing_version, payload, created_at)
         VALUES ($1, 'lead-1', 'mql', 'e4', 'enterprise', 'alice', 'delivered', 1, '{}', $2)`,
        [HANDOFF_ID, new Date(T0 + 4 * MINUTE + 2000)],
      );
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await admin?.close();
  });

  const getJson = async <T>(path: string, token?: string | null) => {
    const response = await admin.call('GET', path, token === undefined ? {} : { token });
    return { status: response.status, body: (await response.json()) as T };
  };

  it('lists the lead’s events in log order, each with what it did under the live generation', async () => {
    const { status, body } = await getJson<Page>('/v1/leads/lead-1/timeline');
    expect(status).toBe(200);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((item) => item.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(body.items.map((item) => [item.points, item.scoreAfter, item.stageAfter])).toEqual([
      [5, 5, 'new'], [30, 35, 'new'], [0, 35, 'new'], [30, 65, 'mql'], [5, 70, 'mql'], [null, null, null],
    ]);
    expect(body.items[0]).toEqual({
      seq: seqOf('e1'), eventId: 'e1', type: 'email_open', occurredAt: '2026-03-01T09:00:00.000Z', receivedAt: '2026-03-01T09:00:01.000Z',
      source: 'salon-2026', properties: { campaign: 'spring' }, traits: null, producer: 'public', ruleVersion: expect.any(Number),
      points: 5, reasons: [{ ruleId: 'email-open', points: 5, kind: 'engagement', group: 'engagement' }], scoreAfter: 5, stageAfter: 'new',
      stageChange: null, note: null, ignored: false, promotion: null, handoffs: [],
    });
  });

  it('attaches the handoff to the event that caused it, with the stage change and the promotion', async () => {
    const { body } = await getJson<Page>('/v1/leads/lead-1/timeline');
    const promoting = body.items.find((item) => item.eventId === 'e4')!;
    expect(promoting).toMatchObject({
      reasons: [{ ruleId: 'whitepaper', points: 30 }],
      stageChange: { from: 'new', to: 'mql', cause: 'score' },
      note: null,
      promotion: 'mql',
      handoffs: [{ id: HANDOFF_ID, promotion: 'mql', status: 'delivered', assignedTo: { team: 'enterprise', member: 'alice' }, createdAt: '2026-03-01T09:04:02.000Z' }],
    });
    expect(body.items.filter((item) => item.handoffs.length > 0).map((item) => item.eventId)).toEqual(['e4']);
  });

  it('says why a feedback action changed nothing', async () => {
    const { body } = await getJson<Page>('/v1/leads/lead-1/timeline');
    expect(body.items.find((item) => item.eventId === 'e3')).toMatchObject({
      type: 'sales_feedback', properties: { action: 'opportunity', by: 'alice' }, points: 0, reasons: [], stageChange: null,
      note: 'opportunity changes nothing in stage new: it applies to mql, contacted, sql', promotion: null,
    });
  });

  it('shows a reserved type from a producer that may not write it as ignored, with the reason', async () => {
    const { body } = await getJson<Page>('/v1/leads/lead-2/timeline');
    expect(body.items).toEqual([expect.objectContaining({
      eventId: 'f1', type: 'sales_feedback', producer: 'public', ignored: true, points: 0, reasons: [], scoreAfter: 0, stageAfter: 'new', stageChange: null,
      note: 'ignored: sales_feedback is a reserved type honoured only from the admin producer, this event came from public',
    })]);
  });

  it('says into which lead an identity merge merged the lead', async () => {
    const { body } = await getJson<Page>('/v1/leads/anon-7/timeline');
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ eventId: 'x1', type: 'identity_merged', stageChange: null, note: 'merged into lead-1' });
  });

  it('shows an event the live generation has not scored yet with empty scoring fields', async () => {
    const { body } = await getJson<Page>('/v1/leads/lead-1/timeline');
    expect(body.items[5]).toMatchObject({
      eventId: 'e6', ruleVersion: null, points: null, reasons: null, scoreAfter: null, stageAfter: null, stageChange: null, note: null, promotion: null, handoffs: [],
    });
  });

  it.each([1, 2, 4])('pages through the timeline %i at a time with no gap and no repeat', async (limit) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${cursor}`;
      const { status, body } = await getJson<Page>(`/v1/leads/lead-1/timeline?${query}`);
      expect(status).toBe(200);
      expect(body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...body.items.map((item) => item.eventId));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(seen).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
    expect(pages).toBe(Math.ceil(6 / limit));
  });

  it('answers an empty last page for a cursor at the end of a known lead', async () => {
    const cursor = encodeTimelineCursor(seqOf('e6'));
    const { status, body } = await getJson<Page>(`/v1/leads/lead-1/timeline?cursor=${cursor}`);
    expect(status).toBe(200);
    expect(body).toEqual({ items: [], nextCursor: null });
  });

  it('answers 404 naming the lead when it has no event', async () => {
    for (const query of ['', `?cursor=${encodeTimelineCursor('1')}`]) {
      const { status, body } = await getJson<Errors>(`/v1/leads/nobody/timeline${query}`);
      expect(status).toBe(404);
      expect(body).toEqual({ errors: [{ path: 'leadId', message: 'no lead "nobody"' }] });
    }
  });

  it.each([
    ['a leadId outside the alphabet', '/v1/leads/bad%20id/timeline', ['leadId']],
    ['limit=0', '/v1/leads/lead-1/timeline?limit=0', ['limit']],
    ['limit=501', '/v1/leads/lead-1/timeline?limit=501', ['limit']],
    ['limit=ten', '/v1/leads/lead-1/timeline?limit=ten', ['limit']],
    ['a cursor not given out', '/v1/leads/lead-1/timeline?cursor=not-a-cursor', ['cursor']],
    ['everything wrong at once', '/v1/leads/bad%20id/timeline?cursor=x&limit=-1', ['leadId', 'cursor', 'limit']],
  ])('answers 400 for %s, naming it', async (_label, path, paths) => {
    const { status, body } = await getJson<Errors>(path);
    expect(status).toBe(400);
    expect(body.errors.map((error) => error.path)).toEqual(paths);
    for (const error of body.errors) expect(error.message).not.toBe('');
  });

  it('answers 401 without the admin token', async () => {
    expect((await getJson<Errors>('/v1/leads/lead-1/timeline', null)).status).toBe(401);
  });
});
