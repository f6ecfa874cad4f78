import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { freshDatabase } from '@test/support/test-database';
import { createDataSource, migrate } from '../data-source';
import { LeadFirstKeys1764900000000 } from './1764900000000-lead-first-keys';
import { MIGRATIONS } from './index';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

describe('migration LeadFirstKeys on a store that has rows', () => {
  let url: string;

  beforeAll(async () => {
    url = await freshDatabase(baseUrl, 'leadscore_test_lead_first_keys');
    const before = new DataSource({ ...createDataSource(url).options, migrations: MIGRATIONS.filter((m) => m !== LeadFirstKeys1764900000000) });
    await before.initialize();
    try {
      await migrate(before);
      await before.query(`
        INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at)
        SELECT 'e-' || n, 'lead-' || (n % 3), 'page_visit', now(), now() FROM generate_series(1, 30) AS n`);
      await before.query(`
        INSERT INTO score_audit (generation, seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after)
        SELECT 1, seq, event_id, lead_id, 1, 1, '[]', 1, 'new' FROM lead_events`);
    } finally {
      await before.destroy();
    }
    const after = createDataSource(url);
    await after.initialize();
    try {
      expect(await migrate(after)).toEqual(['LeadFirstKeys1764900000000']);
    } finally {
      await after.destroy();
    }
  });

  it('keeps every row, keys the store and the audit by lead, and takes another lead\'s eventId from then on', async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query(`SELECT (SELECT count(*) FROM lead_events)::int AS events, (SELECT count(*) FROM score_audit)::int AS audit`)).rows)
        .toEqual([{ events: 30, audit: 30 }]);
      const keys = await client.query<{ line: string }>(`
        SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) AS line FROM pg_constraint
         WHERE conrelid::regclass::text IN ('lead_events', 'score_audit') AND contype IN ('p', 'u') ORDER BY 1`);
      expect(keys.rows.map((row) => row.line)).toEqual([
        'lead_events PRIMARY KEY (lead_id, seq)', 'lead_events UNIQUE (lead_id, event_id)', 'score_audit PRIMARY KEY (generation, lead_id, seq)',
      ]);
      const insert = `INSERT INTO lead_events (event_id, lead_id, type, occurred_at, received_at) VALUES ('e-1', $1, 'email_open', now(), now())`;
      await client.query(insert, ['lead-other']);
      await expect(client.query(insert, ['lead-1'])).rejects.toThrow(/lead_events_lead_id_event_id_key/);
      // seq stays one sequence across leads: the new row comes after every old one.
      expect((await client.query(`SELECT max(seq) = (SELECT seq FROM lead_events WHERE lead_id = 'lead-other') AS last FROM lead_events`)).rows).toEqual([{ last: true }]);
    } finally {
      await client.end();
    }
  });
});
