import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { appendEvents, readLeadHistoryPage } from '../event-store/event-store.repository';
import { type NewEvent } from '../event-store/stored-event';
import { createPgPool } from '../pg-pool';
import {
  advanceIdentityForwarding, claimIdentityForwarding, countPendingIdentityForwardings, insertIdentityForwardings, isEventStored,
} from './identity-forwarding.repository';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const event = (n: number, leadId: string, type = 'page_visit'): NewEvent => ({
  eventId: `f-${n}`, leadId, type, occurredAt: new Date(Date.UTC(2026, 0, 5, 10, 0, n)), receivedAt: new Date(Date.UTC(2026, 0, 5, 11)),
  source: null, properties: {}, traits: null, sourceKeyId: null, producer: 'public',
});

describe('identity forwardings against PostgreSQL', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_identity_forwardings'), 3);
  });

  afterAll(async () => {
    await pool?.end();
  });

  it('pages one lead\'s history before a seq, leaving out the given types, from a cursor', async () => {
    const client = await pool.connect();
    const stored = await appendEvents(client, [
      event(1, 'anon-h'), event(2, 'other'), event(3, 'anon-h', 'inactivity_tick'), event(4, 'anon-h'), event(5, 'anon-h'),
      event(6, 'anon-h', 'identity_merged'), event(7, 'anon-h'),
    ]).finally(() => client.release());
    const seq = (n: number) => stored.find((e) => e.eventId === `f-${n}`)!.seq;
    const page = (afterSeq: string, limit: number) => readLeadHistoryPage(pool, {
      leadId: 'anon-h', afterSeq, beforeSeq: seq(6), exceptTypes: ['identity_merged', 'inactivity_tick'], limit,
    }).then((events) => events.map((e) => e.eventId));
    expect(await page('0', 2)).toEqual(['f-1', 'f-4']);
    expect(await page(seq(4), 2)).toEqual(['f-5']);
    expect(await page(seq(5), 2)).toEqual([]);
    expect(await isEventStored(pool, { leadId: 'anon-h', eventId: 'f-7' })).toBe(true);
    expect(await isEventStored(pool, { leadId: 'anon-h', eventId: 'f-8' })).toBe(false);
    // An eventId is a lead's: f-2 is stored for `other`, not for anon-h.
    expect(await isEventStored(pool, { leadId: 'anon-h', eventId: 'f-2' })).toBe(false);
  });

  it('keeps the first merge of a lead, and hands each job to one claimer at a time, least recently paged first', async () => {
    await insertIdentityForwardings(pool, [{ fromLead: 'anon-a', intoLead: 'user-a', markerSeq: '100' }]);
    await insertIdentityForwardings(pool, [
      { fromLead: 'anon-a', intoLead: 'user-other', markerSeq: '200' },
      { fromLead: 'anon-b', intoLead: 'user-b', markerSeq: '300' },
    ]);
    expect(await countPendingIdentityForwardings(pool)).toBe(2);

    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query('BEGIN');
      const a = await claimIdentityForwarding(first);
      expect(a).toEqual({ fromLead: 'anon-a', intoLead: 'user-a', markerSeq: '100', afterSeq: '0', copies: 0 });
      await second.query('BEGIN');
      expect((await claimIdentityForwarding(second))?.fromLead).toBe('anon-b');
      expect(await claimIdentityForwarding(pool)).toBeNull();
      await second.query('ROLLBACK');
      await advanceIdentityForwarding(first, { fromLead: 'anon-a', afterSeq: '40', copies: 30, finished: false });
      await first.query('COMMIT');
      // anon-a was just paged: anon-b's turn, then anon-a again from its cursor.
      expect((await claimIdentityForwarding(pool))?.fromLead).toBe('anon-b');
      await advanceIdentityForwarding(pool, { fromLead: 'anon-b', afterSeq: '299', copies: 5, finished: true });
      expect(await claimIdentityForwarding(pool)).toEqual({ fromLead: 'anon-a', intoLead: 'user-a', markerSeq: '100', afterSeq: '40', copies: 30 });
      expect(await countPendingIdentityForwardings(pool)).toBe(1);
    } finally {
      first.release();
      second.release();
    }
  });
});
