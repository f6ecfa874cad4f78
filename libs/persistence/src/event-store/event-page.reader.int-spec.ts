import { type Pool } from 'pg';
import { readEventsAfter } from '@test/support/read-events-after';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { readEventPage } from './event-page.reader';
import { appendEvents } from './event-store.repository';
import { type NewEvent } from './stored-event';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const event = (n: number, overrides: Partial<NewEvent> = {}): NewEvent => ({
  eventId: `e-${n}`, leadId: `lead-${n % 2}`, type: 'page_visit', occurredAt: new Date(Date.UTC(2026, 0, 5, 10, 0, n, n * 7)),
  receivedAt: new Date(Date.UTC(2026, 0, 5, 11, 0, 0, 999 - n)), source: 'web', properties: { url: '/pricing' }, traits: null,
  sourceKeyId: null, producer: 'public', ...overrides,
});

describe('readEventPage against PostgreSQL', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_event_page'), 2);
    const client = await pool.connect();
    try {
      await appendEvents(client, [
        event(1),
        event(2, { type: 'identify', traits: { jobTitle: 'CTO', companySize: 250, tags: ['a', null] }, properties: {}, source: null, sourceKeyId: 'key-1' }),
        event(3, { occurredAt: new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 1)), receivedAt: new Date(0) }),
        event(4, { occurredAt: new Date(Date.UTC(2999, 11, 31, 23, 59, 59, 999)), properties: { nested: { deep: [1.5, 'x\ty'] } } }),
        event(5),
      ]);
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('reads the events readEventsAfter reads, field for field', async () => {
    const page = await readEventPage(pool, { afterSeq: '0', limit: 100 });
    expect(page).toHaveLength(5);
    expect(page).toEqual(await readEventsAfter(pool, { afterSeq: '0', limit: 100 }));
  });

  it('pages by seq within the bounds, as readEventsAfter does', async () => {
    const all = await readEventsAfter(pool, { afterSeq: '0', limit: 100 });
    const range = { afterSeq: all[0].seq, uptoSeq: all[3].seq, limit: 2 };
    expect(await readEventPage(pool, range)).toEqual(all.slice(1, 3));
    expect(await readEventPage(pool, { ...range, afterSeq: all[2].seq })).toEqual(all.slice(3, 4));
    expect(await readEventPage(pool, { ...range, afterSeq: all[3].seq })).toEqual([]);
  });
});
