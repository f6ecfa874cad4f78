import { createKafkaClient, ensureTopics } from '@leadscore/kafka';
import { topicName } from '@leadscore/contracts';
import { JsonLogger } from '@leadscore/observability';
import { activateRuleSet, appendEvents, insertAuditRows, insertRuleSet, upsertProjections, type NewEvent } from '@leadscore/persistence';
import { foldLeads } from '@leadscore/projection';
import { compileRuleSet, parseRuleSet } from '@leadscore/scoring';
import { type AdminTestApp, startAdminApp } from '../rules/testing/start-admin-app';
import { testEnv } from '@test/setup/test-env';
import { outsideKafka } from '@test/support/outside-kafka';

const RULES = `name: long-ids
thresholds: { mql: 50, sql: 100 }
rules:
  - id: whitepaper
    when: { type: whitepaper_download }
    points: 30
`;
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
// The longest valid lead id, every character of the alphabet's punctuation in it (Fastify's default maxParamLength is 100).
const LONG_ID = 'Lead.x:y@z+w-v_0'.repeat(8);

describe('a 128-character lead id in every lead URL of the ops API', () => {
  let admin: AdminTestApp;
  let kafka: ReturnType<typeof createKafkaClient>;
  const namespace = `t-long-ids-${Date.now().toString(36)}`;

  beforeAll(async () => {
    expect(LONG_ID).toHaveLength(128);
    kafka = createKafkaClient({ brokers: testEnv().kafkaBrokers.split(','), clientId: 'long-ids', logger: new JsonLogger('it', 'error', () => undefined) });
    await ensureTopics(kafka, [topicName(namespace, 'leadEvents')], 1);
    admin = await startAdminApp({ database: 'leadscore_int_admin_long_ids', namespace });
    const client = await admin.pool.connect();
    try {
      const parsed = parseRuleSet(RULES, 'yaml');
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const version = await insertRuleSet(client, { name: parsed.definition.name, format: 'yaml', sourceText: RULES, definition: parsed.definition, author: 'test' });
      await activateRuleSet(client, version);
      const event = (eventId: string, minute: number): NewEvent => ({
        eventId, leadId: LONG_ID, type: 'whitepaper_download', occurredAt: new Date(T0 + minute * 60_000), receivedAt: new Date(T0 + minute * 60_000),
        source: 'test', properties: {}, traits: null, sourceKeyId: null, producer: 'public',
      });
      // Stored and scored the way the worker does it (repositories, the same fold).
      const stored = await appendEvents(client, [event('long-1', 0), event('long-2', 10)]);
      const folded = foldLeads(stored, new Map(), compileRuleSet(parsed.definition, version));
      await insertAuditRows(client, 1, folded.audit);
      await upsertProjections(client, 1, folded.projections);
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await admin?.close();
    const kafkaAdmin = outsideKafka('long-ids-cleanup').admin();
    await kafkaAdmin.connect();
    await kafkaAdmin.deleteTopics({ topics: [topicName(namespace, 'leadEvents')] }).catch(() => undefined);
    await kafkaAdmin.disconnect();
  });

  it.each([
    ['as written', LONG_ID],
    ['percent-encoded', encodeURIComponent(LONG_ID)],
  ])('the lead view answers for it (%s)', async (_, id) => {
    const response = await admin.call('GET', `/v1/leads/${id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ leadId: LONG_ID, score: 60, eventCount: 2 });
  });

  it('the timeline answers for it', async () => {
    const response = await admin.call('GET', `/v1/leads/${LONG_ID}/timeline`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { items: Array<{ eventId: string; scoreAfter: number }> };
    expect(body.items.map((item) => [item.eventId, item.scoreAfter])).toEqual([['long-1', 30], ['long-2', 60]]);
  });

  it('asOf answers for it', async () => {
    const response = await admin.call('GET', `/v1/leads/${LONG_ID}?asOf=${new Date(T0 + 5 * 60_000).toISOString()}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ leadId: LONG_ID, score: 30, eventCount: 1 });
  });

  it('feedback is taken for it (202 once Kafka acknowledged)', async () => {
    const response = await admin.call('POST', `/v1/leads/${LONG_ID}/feedback`, { body: JSON.stringify({ action: 'contacted', by: 'alice' }), contentType: 'application/json' });
    expect(response.status).toBe(202);
  });

  it('a lead id one character too long is still a 400 on the path, not a 414', async () => {
    const response = await admin.call('GET', `/v1/leads/${LONG_ID}x`);
    expect(response.status).toBe(400);
  });
});
