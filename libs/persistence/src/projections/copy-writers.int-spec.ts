import { type Pool, type PoolClient } from 'pg';
import { migratedDatabase } from '@test/support/test-database';
import { createPgPool } from '../pg-pool';
import { newProjectionsCopy } from './lead-projection.copy-writer';
import { insertAuditRows, upsertProjections } from './lead-projection.repository';
import { NO_INSIGHT_COLUMNS, type AuditRow, type ProjectionRow } from './projection-rows';
import { auditRowsCopy } from './score-audit.copy-writer';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

// Values that COPY's text format must escape or that JSON writes its own way: tabs, newlines,
// backslashes, quotes, non-ASCII, fractional and negative numbers, nulls.
const TRICKY = 'tab\there new\nline cr\rreturn back\\slash "quoted" \\N ünï 😀';
const audit = (seq: number, overrides: Partial<AuditRow> = {}): AuditRow => ({
  seq: String(seq), eventId: `e-${seq}`, leadId: `lead-${seq % 3}`, ruleVersion: 4, points: 1.5, scoreAfter: 10.25,
  reasons: [{ ruleId: 'page-visit', points: 1.5, kind: 'engagement', group: 'web' }], stageAfter: 'new', stageChange: null, promotion: null,
  ...overrides,
});
const AUDIT_ROWS: AuditRow[] = [
  audit(1),
  audit(2, { eventId: TRICKY, leadId: `lead-${TRICKY}`, reasons: [{ ruleId: TRICKY, points: -3, note: { nested: [TRICKY, null, 1e-7] } }] }),
  audit(3, { points: -0.01, scoreAfter: 0, stageAfter: 'mql', stageChange: { from: 'new', to: 'mql' }, promotion: 'mql' }),
  audit(4, { points: 0, reasons: [], stageChange: { note: `contacted ignored: ${TRICKY}` } }),
  audit(5, { points: 123456789012.99, scoreAfter: 1e-3 }),
];

const projection = (leadId: string, overrides: Partial<ProjectionRow> = {}): ProjectionRow => ({
  leadId, score: 42.5, fitScore: 15, engagementScore: 27.5, grade: 'C', stage: 'mql', ruleVersion: 4, eventCount: 7,
  firstSeenAt: Date.UTC(2026, 0, 5, 10, 0, 0, 1), lastActivityAt: Date.UTC(2026, 1, 5, 10, 0, 0, 999), lastSeq: '9007199254740993',
  source: 'ads', mqlAt: Date.UTC(2026, 0, 6), sqlAt: Date.UTC(2026, 0, 7, 1, 2, 3, 4), opportunityAt: null, customerAt: Date.UTC(2026, 0, 9),
  lostAt: null, disqualifiedAt: null, revenue: 1200.55, outcome: 'won', outcomePeakScore: 87.25, mergedInto: null,
  traits: { jobTitle: 'VP', companySize: 500 }, state: { leadId, ledger: { live: [1, 2.5], traitsAt: { jobTitle: 5 } }, note: TRICKY },
  ...overrides,
});
const PROJECTION_ROWS: ProjectionRow[] = [
  projection('a'),
  projection(`b-${TRICKY}`, { traits: { title: TRICKY, nested: { deep: [TRICKY] } }, grade: 'A', stage: 'new', score: 0 }),
  projection('c', { firstSeenAt: null, lastActivityAt: null, traits: {}, fitScore: -12.75, engagementScore: -0.5,
    ...NO_INSIGHT_COLUMNS, source: TRICKY, revenue: 0, outcome: 'lost', outcomePeakScore: -3.5, lostAt: Date.UTC(2026, 2, 1), mergedInto: `m-${TRICKY}` }),
];

const AUDIT_COLUMNS = 'seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion';
const PROJECTION_COLUMNS = `lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, first_seen_at,
  last_activity_at, last_seq, source, mql_at, sql_at, opportunity_at, customer_at, lost_at, disqualified_at, revenue, outcome,
  outcome_peak_score, merged_into, traits, state`;

describe('the replay COPY writers against PostgreSQL', () => {
  let pool: Pool;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_copy_writers'), 2);
  });

  afterAll(async () => {
    await pool?.end();
  });

  async function inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  const read = async (table: 'score_audit' | 'lead_projections', generation: number) => (await pool.query(
    table === 'score_audit'
      ? `SELECT ${AUDIT_COLUMNS} FROM score_audit WHERE generation = $1 ORDER BY seq`
      : `SELECT ${PROJECTION_COLUMNS} FROM lead_projections WHERE generation = $1 ORDER BY lead_id`,
    [generation],
  )).rows;

  it('stores audit rows exactly as insertAuditRows does', async () => {
    await inTransaction((client) => insertAuditRows(client, 11, AUDIT_ROWS));
    const copied = await inTransaction((client) => auditRowsCopy.copy(client, 12, AUDIT_ROWS));
    expect(copied).toBe(AUDIT_ROWS.length);
    const inserted = await read('score_audit', 11);
    expect(inserted).toHaveLength(AUDIT_ROWS.length);
    expect(await read('score_audit', 12)).toEqual(inserted);
  });

  it('stores audit rows written in several parts of one open COPY', async () => {
    const stored = await inTransaction(async (client) => {
      const copy = auditRowsCopy.open(client, 13);
      copy.write(AUDIT_ROWS.slice(0, 2));
      copy.write([]);
      copy.write(AUDIT_ROWS.slice(2));
      return copy.end();
    });
    expect(stored).toBe(AUDIT_ROWS.length);
    expect(await read('score_audit', 13)).toEqual(await read('score_audit', 11));
  });

  it('stores new projections exactly as upsertProjections does', async () => {
    await inTransaction((client) => upsertProjections(client, 21, PROJECTION_ROWS));
    await inTransaction((client) => newProjectionsCopy.copy(client, 22, PROJECTION_ROWS));
    const upserted = await read('lead_projections', 21);
    expect(upserted).toHaveLength(PROJECTION_ROWS.length);
    expect(await read('lead_projections', 22)).toEqual(upserted);
  });

  it('fails the COPY on a seq already written, and the connection goes on after the rollback', async () => {
    await inTransaction((client) => auditRowsCopy.copy(client, 31, AUDIT_ROWS.slice(0, 1)));
    await expect(inTransaction((client) => auditRowsCopy.copy(client, 31, AUDIT_ROWS))).rejects.toThrow(/duplicate key/);
    expect(await read('score_audit', 31)).toHaveLength(1);
    await expect(inTransaction(async (client) => (await client.query('SELECT 1 AS one')).rows)).resolves.toEqual([{ one: 1 }]);
  });

  it('refuses a number that is not finite, as the JSON path does', async () => {
    const bad = [audit(1, { points: Number.NaN })];
    await expect(inTransaction((client) => insertAuditRows(client, 41, bad))).rejects.toThrow(/null value/);
    await expect(inTransaction((client) => auditRowsCopy.copy(client, 42, bad))).rejects.toThrow(/null value/);
  });
});
