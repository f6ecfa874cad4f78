import { reservedProducerOf } from '@leadscore/contracts';
import { activateRuleSet, appendEvents, insertRuleSet, NO_INSIGHT_COLUMNS, upsertProjections, type NewEvent } from '@leadscore/persistence';
import { parseRuleSet } from '@leadscore/scoring';
import { type AdminTestApp, startAdminApp } from '../../rules/testing/start-admin-app';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00.000Z');

// v1 (what scored the projection): a whitepaper halves every 10 days, an email open is 2 points.
const V1 = `name: decaying
thresholds: { mql: 50, sql: 100 }
rules:
  - id: whitepaper
    when: { type: whitepaper_download }
    points: 20
    decay: { halfLife: 10d }
  - id: email-open
    when: { type: email_open }
    points: 2
  - id: company-size
    kind: fit
    when: { type: identify, where: [{ field: traits.companySize, op: gte, value: 100 }] }
    points: 10
`;
// v2 (active now, never used for lead-1): a whitepaper is worth far more.
const V2 = V1.replace('points: 20', 'points: 100').replace('name: decaying', 'name: generous');

type Errors = { errors: Array<{ path: string; message: string }> };

describe('GET /v1/leads/{leadId}?asOf=', () => {
  let admin: AdminTestApp;
  const versions: number[] = [];

  const event = (eventId: string, leadId: string, type: string, at: number, traits: Record<string, unknown> | null = null): NewEvent => ({
    eventId, leadId, type, occurredAt: new Date(at), receivedAt: new Date(at), source: 'test', properties: {}, traits, sourceKeyId: null, producer: reservedProducerOf(type) ?? 'public',
  });

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_leads_as_of' });
    const client = await admin.pool.connect();
    try {
      for (const text of [V1, V2]) {
        const parsed = parseRuleSet(text, 'yaml');
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        versions.push(await insertRuleSet(client, { name: parsed.definition.name, format: 'yaml', sourceText: text, definition: parsed.definition, author: 'test' }));
      }
      await activateRuleSet(client, versions[1]);
      await appendEvents(client, [
        event('a1', 'lead-1', 'identify', T0, { companySize: 250, company: 'Acme' }),
        event('a2', 'lead-1', 'whitepaper_download', T0),
        event('a3', 'lead-1', 'email_open', T0 + 5 * DAY),
        event('a4', 'lead-1', 'email_open', T0 + 20 * DAY),
        event('b1', 'lead-2', 'whitepaper_download', T0),
      ]);
      // The live projection says lead-1 was scored by v1 (its numbers are not what asOf answers).
      await upsertProjections(client, 1, [{
        leadId: 'lead-1', score: 999, fitScore: 10, engagementScore: 989, grade: 'D', stage: 'new', ruleVersion: versions[0],
        eventCount: 4, firstSeenAt: T0, lastActivityAt: T0 + 20 * DAY, lastSeq: '4', ...NO_INSIGHT_COLUMNS, traits: {}, state: {},
      }]);
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

  it('folds the events up to the instant under the projection’s version, decayed points valued then', async () => {
    const asOf = new Date(T0 + 10 * DAY).toISOString();
    const { status, body } = await getJson<Record<string, unknown>>(`/v1/leads/lead-1?asOf=${asOf}`);
    expect(status).toBe(200);
    // whitepaper 20 halved once (10 d) + one email open 2 = 12 engagement; fit 10.
    expect(body).toEqual({
      leadId: 'lead-1', score: 22, fitScore: 10, engagementScore: 12, grade: 'D', stage: 'new', owner: null,
      ruleVersion: versions[0], eventCount: 3, firstSeenAt: new Date(T0).toISOString(), lastActivityAt: new Date(T0 + 5 * DAY).toISOString(),
      traits: { companySize: 250, company: 'Acme' }, mergedInto: null, source: 'test', revenue: null,
      milestones: { mqlAt: null, sqlAt: null, opportunityAt: null, customerAt: null, lostAt: null, disqualifiedAt: null },
    });
  });

  it('counts an event that happened exactly at the instant', async () => {
    const { body } = await getJson<{ eventCount: number; engagementScore: number }>(`/v1/leads/lead-1?asOf=${new Date(T0 + 20 * DAY).toISOString()}`);
    expect(body.eventCount).toBe(4);
    // 20 halved twice = 5, plus two opens.
    expect(body.engagementScore).toBe(9);
  });

  it('uses the active version for a lead with no live projection yet', async () => {
    const { status, body } = await getJson<{ score: number; ruleVersion: number }>(`/v1/leads/lead-2?asOf=${new Date(T0).toISOString()}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ score: 100, ruleVersion: versions[1] });
  });

  it('answers 404 before the lead’s first event and for an unknown lead', async () => {
    const early = await getJson<Errors>(`/v1/leads/lead-1?asOf=${new Date(T0 - 1).toISOString()}`);
    expect(early.status).toBe(404);
    expect(early.body.errors[0].path).toBe('leadId');
    expect((await getJson<Errors>('/v1/leads/nobody?asOf=2026-03-01T00:00:00Z')).status).toBe(404);
  });

  it.each(['yesterday', '2026-13-45T00:00:00Z', '2026-03-01T10:00:00', ''])('answers 400 on asOf for %j', async (value) => {
    const { status, body } = await getJson<Errors>(`/v1/leads/lead-1?asOf=${encodeURIComponent(value)}`);
    expect(status).toBe(400);
    expect(body.errors[0].path).toBe('asOf');
  });

  it('answers 401 without the admin token', async () => {
    expect((await getJson<Errors>('/v1/leads/lead-1?asOf=2026-03-05T00:00:00Z', null)).status).toBe(401);
  });
});
