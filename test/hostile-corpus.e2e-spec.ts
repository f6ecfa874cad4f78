import { Kafka, Partitioners, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DLQ_HEADERS, topicName } from '@leadscore/contracts';
import { TRANSPARENT_GIF } from '../apps/ingest/src/pixel/pixel-hit';
import { AppProcess } from './support/app-process';
import { freePort } from './support/free-port';
import { readLeadCounts } from './support/lead-counts';
import { uniqueNamespace } from './support/namespace';
import { seedRuleSet } from './support/seed-rule-set';
import { SIMPLE_RULES_YAML } from './support/simple-rules';
import { freshDatabase } from './support/test-database';
import { waitFor, waitForHttpOk } from './support/wait-for';
import { testEnv } from './setup/test-env';

const WRITE_KEY = 'e2e-hostile-write-key';
const PARTITIONS = 6;
const HOUR_MS = 3_600_000;
const KIB = 1024;

jest.setTimeout(180_000);

const nest = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = {};
  for (let level = 1; level < levels; level++) value = { a: value };
  return value;
};
/** An object whose JSON is exactly `bytes` long: {"p":"xxx…"}. */
const sized = (bytes: number) => ({ p: 'x'.repeat(bytes - '{"p":""}'.length) });
const iso = (ms: number) => new Date(ms).toISOString();

type Verdict = 'stored' | 'refused';
/** A native event (or its raw JSON text) and what ingest must do with it; every one is for a lead of its own. */
type NativeCase = [name: string, event: Record<string, unknown> | string, verdict: Verdict];

/** JSON text nested `levels` deep, built by hand: JSON.stringify itself overflows the stack on it. */
const deepJson = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;

function nativeCorpus(now: number): NativeCase[] {
  const id = (n: number) => `c${n}`;
  let n = 0;
  const lead = () => `hostile-${id(++n)}`;
  const at = (occurredAt: string): Record<string, unknown> => ({ leadId: lead(), type: 'page_visit', occurredAt });
  return [
    ['year 0', at('0000-01-01T00:00:00Z'), 'refused'],
    ['1 ms before 1970', at('1969-12-31T23:59:59.999Z'), 'refused'],
    ['exactly 1970-01-01', at('1970-01-01T00:00:00Z'), 'stored'],
    ['year 9999', at('9999-12-31T23:59:59Z'), 'refused'],
    ['25 h ahead', at(iso(now + 25 * HOUR_MS)), 'refused'],
    ['23 h ahead', at(iso(now + 23 * HOUR_MS)), 'stored'],
    ['year 275760', at('+275760-09-13T00:00:00.000Z'), 'refused'],
    ['an eventId of 128', { eventId: `e-${'x'.repeat(126)}`, leadId: lead(), type: 'page_visit' }, 'stored'],
    ['an eventId of 129', { eventId: `e-${'x'.repeat(127)}`, leadId: lead(), type: 'page_visit' }, 'refused'],
    ['a leadId of 128', { leadId: `L${'x'.repeat(127)}`, type: 'page_visit' }, 'stored'],
    ['a leadId of 129', { leadId: `L${'y'.repeat(128)}`, type: 'page_visit' }, 'refused'],
    ['a type of 64', { leadId: lead(), type: `t${'x'.repeat(63)}` }, 'stored'],
    ['a type of 65', { leadId: lead(), type: `t${'x'.repeat(64)}` }, 'refused'],
    ['a source of 128', { leadId: lead(), type: 'page_visit', source: 's'.repeat(128) }, 'stored'],
    ['a source of 129', { leadId: lead(), type: 'page_visit', source: 's'.repeat(129) }, 'refused'],
    ['properties of 16 KiB', { leadId: lead(), type: 'page_visit', properties: sized(16 * KIB) }, 'stored'],
    ['properties of 16 KiB + 1', { leadId: lead(), type: 'page_visit', properties: sized(16 * KIB + 1) }, 'refused'],
    ['traits of 16 KiB', { leadId: lead(), type: 'identify', traits: sized(16 * KIB) }, 'stored'],
    ['traits of 16 KiB + 1', { leadId: lead(), type: 'identify', traits: sized(16 * KIB + 1) }, 'refused'],
    ['traits of 900 KiB', { leadId: lead(), type: 'identify', traits: sized(900 * KIB) }, 'refused'],
    ['a NUL in a property value', { leadId: lead(), type: 'page_visit', properties: { url: '/a\u0000b' } }, 'refused'],
    ['a NUL in a property key', { leadId: lead(), type: 'page_visit', properties: { 'u\u0000': 1 } }, 'refused'],
    ['a NUL in a trait', { leadId: lead(), type: 'identify', traits: { email: 'a\u0000@b.c' } }, 'refused'],
    ['a NUL in the source', { leadId: lead(), type: 'page_visit', source: 'x\u0000' }, 'refused'],
    ['a NUL in the eventId', { eventId: 'e\u0000', leadId: lead(), type: 'page_visit' }, 'refused'],
    ['a NUL in the leadId', { leadId: 'l\u0000', type: 'page_visit' }, 'refused'],
    ['a lone high surrogate in a property', { leadId: lead(), type: 'page_visit', properties: { url: '\uD800' } }, 'refused'],
    ['a lone low surrogate in a trait key', { leadId: lead(), type: 'identify', traits: { '\uDC00': 1 } }, 'refused'],
    ['a lone surrogate in the eventId', { eventId: 'e\uDBFF', leadId: lead(), type: 'page_visit' }, 'refused'],
    ['a lone surrogate in the source', { leadId: lead(), type: 'page_visit', source: '\uDFFFx' }, 'refused'],
    ['a paired surrogate (an emoji) in a property', { leadId: lead(), type: 'page_visit', properties: { mood: '\uD83D\uDE00' } }, 'stored'],
    ['properties nested 32 levels', { leadId: lead(), type: 'page_visit', properties: nest(32) }, 'stored'],
    ['properties nested 33 levels', { leadId: lead(), type: 'page_visit', properties: nest(33) }, 'refused'],
    ['traits nested 33 levels', { leadId: lead(), type: 'identify', traits: nest(33) }, 'refused'],
    ['properties nested 20000 levels', `{"leadId":"${lead()}","type":"page_visit","properties":${deepJson(20_000)}}`, 'refused'],
    ['traits nested 20000 levels', `{"leadId":"${lead()}","type":"identify","traits":${deepJson(20_000)}}`, 'refused'],
    // The body parsers drop prototype keys (`__proto__`, `constructor.prototype`): the event is stored without them.
    ['a __proto__ key in properties', `{"leadId":"${lead()}","type":"page_visit","properties":{"__proto__":{"polluted":true}}}`, 'stored'],
    ['a __proto__ key in traits', `{"leadId":"${lead()}","type":"identify","traits":{"__proto__":{"isAdmin":true},"email":"p@x.test"}}`, 'stored'],
    ['a __proto__ field on the event', `{"leadId":"${lead()}","type":"page_visit","__proto__":{"type":"sales_feedback"}}`, 'stored'],
    ['a constructor.prototype field', `{"leadId":"${lead()}","type":"page_visit","constructor":{"prototype":{"x":1}}}`, 'stored'],
    ['a property named constructor', { leadId: lead(), type: 'page_visit', properties: { constructor: 'Toyota' } }, 'stored'],
  ];
}

describe('a hostile corpus against every public route, then scoring still flows on every partition', () => {
  const namespace = uniqueNamespace('hostile');
  let pool: Pool;
  let producer: Producer;
  const apps: AppProcess[] = [];
  let ingestUrl: string;
  let scoringUrl: string;
  const stored = new Set<string>();

  beforeAll(async () => {
    const env = testEnv();
    const databaseUrl = await freshDatabase(env.databaseUrl, 'leadscore_e2e_hostile');
    await seedRuleSet(databaseUrl, SIMPLE_RULES_YAML);
    pool = new Pool({ connectionString: databaseUrl });
    const [ingestPort, scoringPort] = [await freePort(), await freePort()];
    const common = {
      KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl,
      LEADSCORE_NAMESPACE: namespace, KAFKA_PARTITIONS: String(PARTITIONS), INGEST_WRITE_KEYS: WRITE_KEY, LOG_LEVEL: 'error',
    };
    apps.push(new AppProcess('ingest', { ...common, INGEST_PORT: String(ingestPort) }), new AppProcess('scoring', { ...common, SCORING_HTTP_PORT: String(scoringPort) }));
    apps.forEach((app) => app.start());
    ingestUrl = `http://127.0.0.1:${ingestPort}`;
    scoringUrl = `http://127.0.0.1:${scoringPort}`;
    await waitForHttpOk(`${ingestUrl}/health/ready`);
    await waitForHttpOk(`${scoringUrl}/health/ready`);
    const kafka = new Kafka({ clientId: 'hostile-test', brokers: env.kafkaBrokers.split(','), logLevel: 1 });
    producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    for (const app of apps) await app.stop();
    await pool?.end();
  });

  const post = async (path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${ingestUrl}${path}`, {
      method: 'POST', headers: { authorization: `Bearer ${WRITE_KEY}`, 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const expectVerdict = (name: string, status: number, verdict: Verdict, okStatus: number) => {
    if (verdict === 'stored') expect([name, status]).toEqual([name, okStatus]);
    else expect([name, status >= 400 && status < 500]).toEqual([name, true]);
  };

  it('the native API answers each hostile event, single and in a batch, with a 4xx or stores it', async () => {
    const corpus = nativeCorpus(Date.now());
    for (const [name, event, verdict] of corpus) {
      const single = await post('/v1/events', event);
      expectVerdict(`single: ${name}`, single.status, verdict, 202);
      if (verdict === 'stored') (single.body.eventIds as string[]).forEach((id) => stored.add(id));
    }
    // In a batch beside a valid event: refused whole (with the event's index in the path), or stored whole.
    for (const [index, [name, event, verdict]] of corpus.entries()) {
      const mate = JSON.stringify({ leadId: `batch-mate-${index}`, type: 'email_open' });
      const batch = await post('/v1/events', `{"events":[${mate},${typeof event === 'string' ? event : JSON.stringify(event)}]}`);
      expectVerdict(`batch: ${name}`, batch.status, verdict, 202);
      if (verdict === 'stored') (batch.body.eventIds as string[]).forEach((id) => stored.add(id));
      // A refusal names the hostile event.
      else if (batch.status === 400) expect([name, (batch.body.errors as Array<{ path: string }>).every((error) => error.path.startsWith('events.1'))]).toEqual([name, true]);
    }
  });

  it('the Segment routes answer each hostile call with a 4xx and success: false, or store it', async () => {
    const now = Date.now();
    const calls: Array<[string, string, Record<string, unknown> | string, Verdict]> = [
      ['track in year 0', '/v1/track', { userId: 'seg-1', event: 'Email Open', timestamp: '0000-01-01T00:00:00Z' }, 'refused'],
      ['track before 1970', '/v1/track', { userId: 'seg-2', event: 'Email Open', timestamp: '1969-12-31T23:59:59Z' }, 'refused'],
      ['track in year 9999', '/v1/track', { userId: 'seg-3', event: 'Email Open', timestamp: '9999-01-01T00:00:00Z' }, 'refused'],
      ['track 23 h ahead', '/v1/track', { userId: 'seg-4', event: 'Email Open', timestamp: iso(now + 23 * HOUR_MS) }, 'stored'],
      ['a sentAt skew that lands before 1970', '/v1/track', { userId: 'seg-5', event: 'Email Open', timestamp: '1970-01-01T00:00:00Z', sentAt: iso(now + 1000) }, 'refused'],
      ['a messageId of 128', '/v1/track', { userId: 'seg-6', event: 'Email Open', messageId: `m${'x'.repeat(127)}` }, 'stored'],
      ['a messageId of 129', '/v1/track', { userId: 'seg-7', event: 'Email Open', messageId: `m${'x'.repeat(128)}` }, 'refused'],
      ['a userId of 129', '/v1/track', { userId: 'u'.repeat(129), event: 'Email Open' }, 'refused'],
      ['an event name of 300 characters', '/v1/track', { userId: 'seg-8', event: 'Click '.repeat(50) }, 'stored'],
      ['a campaign source of 129', '/v1/page', { userId: 'seg-9', context: { campaign: { source: 's'.repeat(129) } } }, 'refused'],
      ['a NUL in a property', '/v1/track', { userId: 'seg-10', event: 'Email Open', properties: { x: '\u0000' } }, 'refused'],
      ['a lone surrogate in the page name', '/v1/page', { userId: 'seg-11', name: '\uD800' }, 'refused'],
      ['traits of 20 KiB', '/v1/identify', { userId: 'seg-12', traits: sized(20 * KIB) }, 'refused'],
      ['context traits nested 40 levels', '/v1/identify', { userId: 'seg-13', context: { traits: nest(40) } }, 'refused'],
      ['a __proto__ trait', '/v1/identify', '{"userId":"seg-14","traits":{"__proto__":{"isAdmin":true}}}', 'stored'],
      ['properties nested 20000 levels', '/v1/track', `{"userId":"seg-19","event":"Deep","properties":${deepJson(20_000)}}`, 'refused'],
      ['a batch call nested 20000 levels', '/v1/batch', `{"batch":[{"type":"track","userId":"seg-20","event":"Deep","properties":${deepJson(20_000)}}]}`, 'refused'],
      ['group traits over 16 KiB', '/v1/group', { userId: 'seg-15', groupId: 'g', traits: sized(17 * KIB) }, 'refused'],
      ['a batch with one call in year 0', '/v1/batch', { batch: [{ type: 'track', userId: 'seg-16', event: 'Email Open' }, { type: 'track', userId: 'seg-17', event: 'E', timestamp: '0000-01-01' }] }, 'refused'],
      ['a batch with a NUL messageId', '/v1/batch', { batch: [{ type: 'page', userId: 'seg-18', messageId: 'a\u0000' }] }, 'refused'],
    ];
    for (const [name, path, call, verdict] of calls) {
      const answer = await post(path, call);
      expectVerdict(`${name}: ${JSON.stringify(answer.body).slice(0, 200)}`, answer.status, verdict, 200);
      if (verdict === 'refused') expect([name, answer.body.success]).toEqual([name, false]);
    }
  });

  it('the pixel answers every hostile hit with its GIF', async () => {
    const hits = [
      `lead=${'p'.repeat(129)}`, 'lead=px-1&type=%00', 'lead=px-2&url=%00', 'lead=px-3&type=sales_feedback&action=won', `lead=px-4&type=${'t'.repeat(65)}`,
      'lead=px-5&note=%ED%A0%80', `lead=px-6&blob=${'b'.repeat(8 * KIB)}`, 'lead=px-7&__proto__=x&constructor=y', 'lead=px-ok&url=%2Fpricing',
    ];
    for (const query of hits) {
      const response = await fetch(`${ingestUrl}/v1/pixel.gif?k=${WRITE_KEY}&${query}`);
      expect([query.slice(0, 40), response.status]).toEqual([query.slice(0, 40), 200]);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(TRANSPARENT_GIF);
    }
    await waitFor('the valid hit stored', async () => ((await storedFor(['px-ok'])) === 1 ? true : undefined), 10_000);
    expect(await storedFor(['p'.repeat(129), 'px-1', 'px-2', 'px-3', 'px-4'])).toBe(0);
  });

  it('messages written straight onto lead-events that the store would refuse are dead-lettered, not retried forever', async () => {
    const now = new Date().toISOString();
    const poison = (eventId: string, fields: Record<string, unknown>) => ({
      key: eventId, value: JSON.stringify({ v: 1, eventId, leadId: eventId, type: 'page_visit', occurredAt: now, receivedAt: now, source: null, properties: {}, traits: null, sourceKeyId: 'k', producer: 'public', ...fields }),
    });
    const deadBefore = await deadLettered();
    const messages = [
      poison('poison-year-0', { occurredAt: '0000-01-01T00:00:00.000Z' }),
      poison('poison-negative-year', { occurredAt: '-000001-01-01T00:00:00.000Z' }),
      poison('poison-source', { source: 's'.repeat(129) }),
      poison('poison-key', { sourceKeyId: 'k'.repeat(65) }),
      poison('poison-nul', { properties: { a: 'x\u0000' } }),
      poison('poison-traits', { type: 'identify', traits: sized(17 * KIB) }),
      poison('poison-received', { receivedAt: '0000-01-01T00:00:00.000Z' }),
    ];
    await producer.send({ topic: topicName(namespace, 'leadEvents'), acks: -1, messages });
    await waitFor('the poison dead-lettered', async () => ((await deadLettered()) - deadBefore >= messages.length ? true : undefined), 20_000);
    const found = await pool.query(`SELECT count(*)::int AS n FROM lead_events WHERE event_id LIKE 'poison-%'`);
    expect(found.rows[0].n).toBe(0);
    // Each dead letter says why, by field, in the check ingest applies too.
    const reasons = await deadLetterReasons(messages.length);
    expect(reasons.get('poison-year-0')).toBe('occurredAt: occurredAt must be 1970-01-01T00:00:00Z or later');
    expect(reasons.get('poison-source')).toBe('source: source must be a string of at most 128 characters');
    expect(reasons.get('poison-key')).toBe('sourceKeyId: sourceKeyId must be a string of at most 64 characters');
    expect(reasons.get('poison-traits')).toBe('traits: traits must be at most 16384 bytes as JSON, got 17408');
    expect(reasons.get('poison-received')).toBe('receivedAt: receivedAt must be 1970-01-01T00:00:00Z or later');
  });

  /** The x-dlq-reason of the first `count` dead letters on the namespace's DLQ, by message key. */
  async function deadLetterReasons(count: number): Promise<Map<string, string>> {
    const consumer = new Kafka({ clientId: 'hostile-dlq-reader', brokers: testEnv().kafkaBrokers.split(','), logLevel: 1 }).consumer({ groupId: `${namespace}.dlq-reader` });
    const reasons = new Map<string, string>();
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: topicName(namespace, 'leadEventsDlq'), fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          reasons.set(message.key?.toString() ?? '', message.headers?.[DLQ_HEADERS.reason]?.toString() ?? '');
        },
      });
      await waitFor('the dead letters read', async () => (reasons.size >= count ? true : undefined), 30_000);
    } finally {
      await consumer.disconnect();
    }
    return reasons;
  }

  it('then 48 fresh leads spread over every partition are all scored within 10 s', async () => {
    const leads = leadsOverEveryPartition(8);
    expect(new Set(leads.map(({ partition }) => partition)).size).toBe(PARTITIONS);
    const started = Date.now();
    const answer = await post('/v1/events', { events: leads.map(({ leadId }) => ({ leadId, type: 'whitepaper_download' })) });
    expect(answer.status).toBe(202);
    await waitFor('48 fresh leads scored', async () => {
      const { byLead } = await readLeadCounts(pool);
      return leads.every(({ leadId }) => byLead.get(leadId)?.score === 15) ? true : undefined;
    }, 10_000, 100);
    expect(Date.now() - started).toBeLessThan(10_000);
    // Everything the corpus was answered 2xx for is in the store.
    const ids = [...stored];
    expect(ids.length).toBeGreaterThan(20);
    await waitFor('every event answered 2xx stored', async () => {
      const found = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead_events WHERE event_id = ANY($1)`, [ids]);
      return found.rows[0].n === ids.length ? true : undefined;
    }, 10_000);
    // Prototype keys are dropped by the body parsers: what they carried reached neither the store nor the fold.
    const polluted = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM lead_events WHERE properties::text ~ '(polluted|__proto__|prototype)' OR traits::text ~ '(isAdmin|__proto__|prototype)' OR (type = 'sales_feedback' AND producer = 'public')`,
    );
    expect(polluted.rows[0].n).toBe(0);
  });

  async function storedFor(leadIds: string[]): Promise<number> {
    return (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead_events WHERE lead_id = ANY($1)`, [leadIds])).rows[0].n;
  }

  async function deadLettered(): Promise<number> {
    const text = await (await fetch(`${scoringUrl}/metrics`)).text();
    return text.split('\n').filter((line) => /^leadscore_\w*dlq_messages_total\{[^}]*step="parse-message"/.test(line)).reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  /** `perPartition` lead ids for each partition, as the producer's key partitioner spreads them. */
  function leadsOverEveryPartition(perPartition: number): Array<{ leadId: string; partition: number }> {
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: PARTITIONS }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));
    const counts = new Array<number>(PARTITIONS).fill(0);
    const leads: Array<{ leadId: string; partition: number }> = [];
    for (let i = 0; leads.length < PARTITIONS * perPartition; i++) {
      const leadId = `fresh-${i}`;
      const partition = partitioner({ topic: 'lead-events', partitionMetadata, message: { key: leadId, value: null } });
      if (counts[partition] < perPartition) {
        counts[partition] += 1;
        leads.push({ leadId, partition });
      }
    }
    return leads;
  }
});
