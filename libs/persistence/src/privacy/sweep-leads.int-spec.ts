import { type Pool } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { appendEvents } from '../event-store/event-store.repository';
import { type NewEvent } from '../event-store/stored-event';
import { insertIdentityForwardings } from '../identity/identity-forwarding.repository';
import { createPgPool } from '../pg-pool';
import { upsertProjections } from '../projections/lead-projection.repository';
import { NO_INSIGHT_COLUMNS, type ProjectionRow } from '../projections/projection-rows';
import { readLeadCluster } from './lead-cluster.reader';
import { sweepLeads } from './sweep-leads';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const event = (n: number, leadId: string): NewEvent => ({
  eventId: `s-${n}`, leadId, type: 'page_visit', occurredAt: new Date(Date.UTC(2026, 0, 5, 10, 0, n)), receivedAt: new Date(Date.UTC(2026, 0, 5, 11)),
  source: null, properties: { url: `https://x.test/${leadId}` }, traits: null, sourceKeyId: null, producer: 'public',
});

const projection = (leadId: string, mergedInto?: string): ProjectionRow => ({
  leadId, score: 1, fitScore: 0, engagementScore: 1, grade: 'D', stage: 'anonymous', ruleVersion: 1, eventCount: 1,
  firstSeenAt: null, lastActivityAt: null, lastSeq: '1', traits: {}, state: mergedInto === undefined ? {} : { mergedInto },
  ...NO_INSIGHT_COLUMNS, mergedInto: mergedInto ?? null,
});

/**
 * A chain of merges: anon-a → anon-b (forwarding row) → known-x (projection state only), and
 * another lead other-y that must never be reached.
 */
describe('lead clusters and sweeps against PostgreSQL', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_privacy_sweep'), 3);
    const client = await pool.connect();
    try {
      await appendEvents(client, [event(1, 'anon-a'), event(2, 'anon-b'), event(3, 'known-x'), event(4, 'other-y')]);
      await upsertProjections(client, 1, [projection('anon-a', 'anon-b'), projection('anon-b', 'known-x'), projection('known-x'), projection('other-y')]);
      await insertIdentityForwardings(client, [{ fromLead: 'anon-a', intoLead: 'anon-b', markerSeq: '1' }]);
    } finally {
      client.release();
    }
  });

  afterAll(async () => {
    await pool?.end();
  });

  it.each(['anon-a', 'anon-b', 'known-x'])('finds the whole chain from %s, and nothing else', async (leadId) => {
    expect(await readLeadCluster(pool, leadId)).toEqual(['anon-a', 'anon-b', 'known-x']);
  });

  it('gives an id nothing is stored for as itself alone', async () => {
    expect(await readLeadCluster(pool, 'nobody')).toEqual(['nobody']);
  });

  it('refuses to sweep while a replay runs, deleting nothing', async () => {
    await pool.query(`INSERT INTO replays (id, rules_version, generation, status) VALUES ('00000000-0000-4000-8000-000000000001', 1, 2, 'running')`);
    expect(await sweepLeads(pool, ['anon-a', 'anon-b', 'known-x'])).toEqual({ kind: 'busy' });
    expect((await pool.query(`SELECT count(*)::int AS n FROM lead_events`)).rows[0].n).toBe(4);
    await pool.query(`UPDATE replays SET status = 'failed'`);
  });

  it('deletes every row of the cluster and none of another lead, and a second sweep finds nothing', async () => {
    const swept = await sweepLeads(pool, ['anon-a', 'anon-b', 'known-x']);
    expect(swept).toEqual({ kind: 'swept', deleted: expect.objectContaining({ lead_events: 3, lead_projections: 3, identity_forwardings: 1 }) as unknown });
    expect((await pool.query(`SELECT lead_id FROM lead_events`)).rows).toEqual([{ lead_id: 'other-y' }]);
    expect((await pool.query(`SELECT lead_id FROM lead_projections`)).rows).toEqual([{ lead_id: 'other-y' }]);
    const again = await sweepLeads(pool, ['anon-a', 'anon-b', 'known-x']);
    expect(again.kind === 'swept' && Object.values(again.deleted).every((n) => n === 0)).toBe(true);
  });
});
