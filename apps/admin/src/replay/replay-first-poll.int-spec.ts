import { activateRuleSet, appendEvents, insertRuleSet, type NewEvent } from '@leadscore/persistence';
import { parseRuleSet } from '@leadscore/scoring';
import { type AdminTestApp, startAdminApp } from '../rules/testing/start-admin-app';

const RULES = `name: first-poll
thresholds: { mql: 50, sql: 100 }
rules:
  - id: visit
    when: { type: page_visit }
    points: 1
`;
const EVENTS = 60;

describe('GET /v1/replay/{id} right after POST /v1/replay', () => {
  let admin: AdminTestApp;
  let version: number;

  beforeAll(async () => {
    admin = await startAdminApp({ database: 'leadscore_int_admin_replay_first_poll' });
    const client = await admin.pool.connect();
    try {
      const parsed = parseRuleSet(RULES, 'yaml');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      version = await insertRuleSet(client, { name: parsed.definition.name, format: 'yaml', sourceText: RULES, definition: parsed.definition, author: 'test' });
      await activateRuleSet(client, version);
      const at = new Date('2026-03-01T09:00:00.000Z');
      await appendEvents(client, Array.from({ length: EVENTS }, (_, i): NewEvent => ({
        eventId: `fp-${i}`, leadId: `lead-${i % 7}`, type: 'page_visit', occurredAt: at, receivedAt: at, source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
      })));
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await admin?.close();
  });

  it('shows the store\'s event count as total from the very first poll, not 0', async () => {
    const started = await admin.call('POST', '/v1/replay', { body: JSON.stringify({ rulesVersion: version }), contentType: 'application/json' });
    expect(started.status).toBe(202);
    const { replayId } = (await started.json()) as { replayId: string };
    const first = await admin.call('GET', `/v1/replay/${replayId}`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ total: EVENTS });
  });
});
