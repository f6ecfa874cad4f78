import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freshDatabase } from '@test/support/test-database';
import { createDataSource, migrate } from '../data-source';
import { EventProvenance1764520000000 } from './1764520000000-event-provenance';
import { MIGRATIONS } from './index';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const LONG_LINK = 'L'.repeat(125);
const hashedMarkerId = `merge:${createHash('sha256').update(LONG_LINK).digest('hex').slice(0, 40)}`;

// A store as it was before provenance: [event_id, lead_id, type, properties, source_key_id, expected producer].
const ROWS: Array<[string, string, string, Record<string, unknown>, string | null, string]> = [
  ['open-1', 'known', 'email_open', {}, 'key-1', 'public'],
  ['forged-won', 'victim', 'sales_feedback', { action: 'won' }, 'key-1', 'public'],
  ['feedback:1', 'known', 'sales_feedback', { action: 'accept' }, null, 'admin'],
  ['inactivity:known:2026-11-01', 'known', 'inactivity_tick', { idleDays: 20 }, null, 'scheduler'],
  ['forged-tick', 'victim', 'inactivity_tick', { idleDays: 99 }, 'key-1', 'public'],
  ['link-1', 'known', 'alias', { previousId: 'anon' }, 'key-1', 'public'],
  ['merge:link-1', 'anon', 'identity_merged', { into: 'known', linkEventId: 'link-1' }, 'key-1', 'scoring'],
  [LONG_LINK, 'known-2', 'identify', { anonymousId: 'anon-2' }, 'key-1', 'public'],
  [hashedMarkerId, 'anon-2', 'identity_merged', { into: 'known-2', linkEventId: LONG_LINK }, 'key-1', 'scoring'],
  // Forged markers: no such link; a link that does not link this lead; an id the worker would not derive.
  ['merge:nolink', 'victim', 'identity_merged', { into: 'attacker', linkEventId: 'nolink' }, 'key-1', 'public'],
  ['merge:link-1x', 'victim', 'identity_merged', { into: 'known', linkEventId: 'link-1' }, 'key-1', 'public'],
  ['forged-marker', 'anon', 'identity_merged', { into: 'known', linkEventId: 'link-1' }, 'key-1', 'public'],
  ['merged:abc', 'known-2', 'sales_feedback', { action: 'won', mergedFrom: { leadId: 'x', eventId: 'feedback:2', path: ['x'] } }, null, 'admin'],
];

describe('migration EventProvenance: who wrote each event already stored', () => {
  let url: string;

  beforeAll(async () => {
    url = await freshDatabase(baseUrl, 'leadscore_test_event_provenance');
    const before = new DataSource({ ...createDataSource(url).options, migrations: MIGRATIONS.filter((m) => m !== EventProvenance1764520000000) });
    await before.initialize();
    try {
      await migrate(before);
      for (const [eventId, leadId, type, properties, keyId] of ROWS) {
        await before.query(
          `INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, properties, source_key_id) VALUES ($1, $2, $3, now(), now(), $4, $5)`,
          [eventId, leadId, type, JSON.stringify(properties), keyId],
        );
      }
    } finally {
      await before.destroy();
    }
    const after = createDataSource(url);
    await after.initialize();
    try {
      expect(await migrate(after)).toEqual(['EventProvenance1764520000000']);
    } finally {
      await after.destroy();
    }
  });

  it('marks write-key events public, keyless reserved types their producer\'s, and markers the worker\'s only when their link proves it', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query<{ event_id: string; producer: string }>(`SELECT event_id, producer FROM lead_events ORDER BY seq`)).rows;
      expect(rows.map((row) => [row.event_id, row.producer])).toEqual(ROWS.map(([eventId, , , , , producer]) => [eventId, producer]));
      // New rows that do not say are public; an unknown producer is refused by the store.
      await client.query(`INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at) VALUES ('later', 'x', 'sales_feedback', now(), now())`);
      expect((await client.query(`SELECT producer FROM lead_events WHERE event_id = 'later'`)).rows).toEqual([{ producer: 'public' }]);
      await expect(client.query(`INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at, producer) VALUES ('bad', 'x', 't', now(), now(), 'root')`))
        .rejects.toThrow(/lead_events_producer_check/);
    } finally {
      await client.end();
    }
  });
});
