import { type Pool } from 'pg';
import { type AuditRow, createPgPool, NO_INSIGHT_COLUMNS, upsertProjections, withTransaction, type ProjectionRow } from '@leadscore/persistence';
import { initialLeadState, type LeadState } from '@leadscore/scoring';
import { migratedDatabase } from '@test/support/test-database';
import { LeadStateCache } from './lead-state-cache';
import { AUDIT_COPY_FROM_ROWS, pgScoringStore } from './pg-scoring-store';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const stateOf = (leadId: string, score: number): LeadState => ({ ...initialLeadState(leadId), score, eventCount: score });
const row = (state: LeadState, lastSeq: string): ProjectionRow => ({
  leadId: state.leadId, score: state.score, fitScore: 0, engagementScore: state.score, grade: 'D', stage: 'new', ruleVersion: 1,
  eventCount: state.eventCount, firstSeenAt: null, lastActivityAt: null, lastSeq, ...NO_INSIGHT_COLUMNS, traits: {}, state,
});

describe('the PostgreSQL scoring store with the worker\'s own copy of the states', () => {
  let pool: Pool;
  let generation: number;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_pg_scoring_store'), 3);
    generation = (await pool.query<{ generation: number }>(`SELECT generation FROM projection_generations WHERE status = 'live'`)).rows[0].generation;
  });

  afterAll(async () => {
    await pool?.end();
  });

  const load = (cache: LeadStateCache, leadIds: string[]) =>
    pgScoringStore(pool, cache).inBatchTransaction((tx) => tx.loadLeadStates(generation, leadIds));
  const write = (cache: LeadStateCache, rows: ProjectionRow[]) =>
    pgScoringStore(pool, cache).inBatchTransaction((tx) => tx.upsertProjections(generation, rows));

  it('uses its copy of a lead while the store holds the same last_seq, and the store\'s state once another writer moved it', async () => {
    const cache = new LeadStateCache(10);
    await write(cache, [row(stateOf('a', 1), '10'), row(stateOf('b', 2), '11')]);
    const kept = cache.get('a')!.state;
    expect((await load(cache, ['a', 'b', 'unknown'])).get('a')).toBe(kept);
    // Another worker (after a rebalance) scored 'a' further: its last_seq moved, so our copy is stale.
    await withTransaction(pool, (client) => upsertProjections(client, generation, [row(stateOf('a', 5), '20')]));
    const states = await load(cache, ['a', 'b', 'unknown']);
    expect(states.get('a')).toMatchObject({ leadId: 'a', score: 5 });
    expect(states.get('b')).toBe(cache.get('b')!.state);
    expect(states.has('unknown')).toBe(false);
  });

  it('forgets nothing it did not commit, and takes nothing from a transaction that rolled back', async () => {
    const cache = new LeadStateCache(10);
    await write(cache, [row(stateOf('c', 1), '30')]);
    await expect(pgScoringStore(pool, cache).inBatchTransaction(async (tx) => {
      await tx.upsertProjections(generation, [row(stateOf('c', 9), '31')]);
      throw new Error('the batch failed after writing');
    })).rejects.toThrow('the batch failed');
    expect(cache.get('c')).toMatchObject({ lastSeq: '30', state: { score: 1 } });
    expect((await load(cache, ['c'])).get('c')).toMatchObject({ score: 1 });
  });

  it('reads the store\'s state for a lead its copy has in another generation, and none for a lead erased from the store', async () => {
    const cache = new LeadStateCache(10);
    await write(cache, [row(stateOf('d', 3), '40')]);
    cache.remember('d', { generation: generation + 1, lastSeq: '40', state: stateOf('d', 99) });
    expect((await load(cache, ['d'])).get('d')).toMatchObject({ score: 3 });
    await pool.query('DELETE FROM lead_projections WHERE lead_id = $1', ['d']);
    expect((await load(cache, ['d'])).has('d')).toBe(false);
  });

  it('stores a small batch\'s audit rows (one INSERT) and a large one\'s (COPY) the same way', async () => {
    const audit = (leadId: string, count: number, firstSeq: number): AuditRow[] => Array.from({ length: count }, (_, i) => ({
      seq: String(firstSeq + i), eventId: `e-${i}`, leadId, ruleVersion: 1, points: 1.5, reasons: [{ ruleId: 'visit', points: 1.5, note: 'tab\there' }],
      scoreAfter: 1.5 * (i + 1), stageAfter: 'new', stageChange: i === 0 ? { note: 'first' } : null, promotion: null,
    }));
    const small = audit('audit-small', AUDIT_COPY_FROM_ROWS - 1, 1000);
    const large = audit('audit-large', AUDIT_COPY_FROM_ROWS, 2000);
    for (const rows of [small, large]) await pgScoringStore(pool, new LeadStateCache(1)).inBatchTransaction((tx) => tx.insertAuditRows(generation, rows));
    const stored = async (leadId: string) => (await pool.query(
      `SELECT seq::int - min(seq::int) OVER () AS at, event_id, points::float8, reasons, score_after::float8, stage_after, stage_change, promotion
         FROM score_audit WHERE generation = $1 AND lead_id = $2 ORDER BY seq`, [generation, leadId])).rows;
    const [fromInsert, fromCopy] = [await stored('audit-small'), await stored('audit-large')];
    expect(fromInsert).toHaveLength(small.length);
    expect(fromCopy).toHaveLength(large.length);
    expect(fromCopy.slice(0, small.length)).toEqual(fromInsert);
    expect(fromInsert[0]).toMatchObject({ at: 0, points: 1.5, reasons: [{ ruleId: 'visit', points: 1.5, note: 'tab\there' }], stage_change: { note: 'first' }, promotion: null });
  });
});
