import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { appendEvents } from './event-store.repository';
import { type NewEvent } from './stored-event';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const event = (eventId: string, leadId: string, type = 'page_visit'): NewEvent => ({
  eventId, leadId, type, occurredAt: new Date(Date.UTC(2026, 0, 5, 10)), receivedAt: new Date(Date.UTC(2026, 0, 5, 11)),
  source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

describe('appendEvents against PostgreSQL: an eventId is unique within its lead', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_event_store_append'), 2);
  });

  afterAll(async () => {
    await pool?.end();
  });

  const append = async (events: NewEvent[]) => {
    const client = await pool.connect();
    try {
      return (await appendEvents(client, events)).map((e) => [e.leadId, e.eventId, e.type]);
    } finally {
      client.release();
    }
  };

  it('skips a repeated eventId of a lead, in the batch (the first is kept) and against the store, and returns the new events with their lead', async () => {
    expect(await append([event('x', 'lead-a'), event('x', 'lead-a', 'email_open'), event('y', 'lead-a')])).toEqual([
      ['lead-a', 'x', 'page_visit'], ['lead-a', 'y', 'page_visit'],
    ]);
    expect(await append([event('y', 'lead-a', 'form_submit'), event('z', 'lead-a')])).toEqual([['lead-a', 'z', 'page_visit']]);
  });

  it('stores the same eventId for two leads as two events, in one batch or later', async () => {
    expect(await append([event('shared', 'lead-b'), event('shared', 'lead-c', 'email_open')])).toEqual([
      ['lead-b', 'shared', 'page_visit'], ['lead-c', 'shared', 'email_open'],
    ]);
    expect(await append([event('shared', 'lead-d'), event('shared', 'lead-b')])).toEqual([['lead-d', 'shared', 'page_visit']]);
    const stored = await pool.query(`SELECT lead_id, type FROM lead_events WHERE event_id = 'shared' ORDER BY seq`);
    expect(stored.rows).toEqual([{ lead_id: 'lead-b', type: 'page_visit' }, { lead_id: 'lead-c', type: 'email_open' }, { lead_id: 'lead-d', type: 'page_visit' }]);
  });
});
