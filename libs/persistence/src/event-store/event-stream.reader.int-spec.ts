import { type Pool } from 'pg';
import { readEventsAfter } from '@test/support/read-events-after';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { appendEvents } from './event-store.repository';
import { streamEventsByLead, streamScoringEventsByLead } from './event-stream.reader';
import { type NewEvent, type StoredEvent } from './stored-event';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const event = (n: number, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `e-${n}`, leadId: `lead-${n % 3}`, type: 'page_visit', occurredAt: new Date(Date.UTC(2026, 0, 5, 10, 0, n, n * 7)),
  receivedAt: new Date(Date.UTC(2026, 0, 5, 11, 0, 0, 999 - n)), source: 'web', properties: { url: '/pricing' }, traits: null,
  sourceKeyId: null, producer: 'public', ...overrides,
});

async function collect<T>(batches: AsyncGenerator<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

const byLeadThenSeq = (a: StoredEvent, b: StoredEvent) => (a.leadId === b.leadId ? Number(a.seq) - Number(b.seq) : a.leadId < b.leadId ? -1 : 1);

describe('the COPY stream readers against PostgreSQL', () => {
  let pool: Pool;
  let all: StoredEvent[];

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_event_stream'), 3);
    const client = await pool.connect();
    try {
      await appendEvents(client, [
        event(1),
        event(2, { type: 'identify', traits: { jobTitle: 'CTO\tof\\all', companySize: 250, tags: ['a', null] }, properties: {}, source: null, sourceKeyId: 'key-1' }),
        event(3, { occurredAt: new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 1)), receivedAt: new Date(0), source: 'tab\there\\ and\nline' }),
        event(4, { occurredAt: new Date(Date.UTC(2999, 11, 31, 23, 59, 59, 999)), properties: { nested: { deep: [1.5, 'x\ty', 'back\\slash', 'quote"', 'é ✓ 𝄞'] } } }),
        event(5, { eventId: 'e-5 with spaces \\N', leadId: 'lead-ü-0' }),
        event(6, { type: 'sales_feedback', producer: 'admin', properties: { action: 'won', revenue: 1200.5 } }),
        event(7),
      ]);
    } finally {
      client.release();
    }
    all = await readEventsAfter(pool, { afterSeq: '0', limit: 100 });
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('streams every event up to the seq lead by lead, field for field as the plain read gives them', async () => {
    const upto = all[5].seq;
    const batches = await collect(streamEventsByLead(pool, { uptoSeq: upto, batchEvents: 100 }));
    expect(batches).toHaveLength(1);
    const expected = all.slice(0, 6).sort(byLeadThenSeq);
    expect(batches[0].map((e) => [e.leadId, e.seq])).toEqual(expected.map((e) => [e.leadId, e.seq]));
    expect(batches[0]).toEqual(expected);
  });

  it('hands the stream over in batches of the size asked, the last one shorter', async () => {
    const batches = await collect(streamEventsByLead(pool, { uptoSeq: all[6].seq, batchEvents: 3 }));
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(batches.flat()).toEqual([...all].sort(byLeadThenSeq));
  });

  it('streams what the fold reads of each event, lead by lead', async () => {
    const batches = await collect(streamScoringEventsByLead(pool, { uptoSeq: all[6].seq, batchEvents: 4 }));
    expect(batches.flat()).toEqual([...all].sort(byLeadThenSeq).map((e) => ({
      eventId: e.eventId, leadId: e.leadId, type: e.type, occurredAt: e.occurredAt.getTime(), source: e.source,
      properties: e.properties, traits: e.traits, producer: e.producer,
    })));
  });

  it('gives its connection back whether the stream is read to the end or left early', async () => {
    const first = streamEventsByLead(pool, { uptoSeq: all[6].seq, batchEvents: 1 });
    expect((await first.next()).value).toHaveLength(1);
    await first.return();
    await collect(streamScoringEventsByLead(pool, { uptoSeq: all[6].seq, batchEvents: 2 }));
    expect(pool.totalCount - pool.idleCount).toBe(0);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('refuses a bound that is not a seq', () => {
    expect(() => streamEventsByLead(pool, { uptoSeq: '1; DROP TABLE lead_events', batchEvents: 1 })).toThrow(/not a seq/);
  });
});
