import { randomUUID } from 'node:crypto';
import { type Pool } from 'pg';
import { createPgPool, NO_INSIGHT_COLUMNS, type AuditRow, type ProjectionRow } from '@leadscore/persistence';
import { migratedDatabase } from '@test/support/test-database';
import { PageWriters } from './page-writers';
import { insertReplay } from './replay.repository';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';

jest.setTimeout(60_000);

const audit = (seq: number): AuditRow => ({
  seq: String(seq), eventId: `e-${seq}`, leadId: `lead-${seq % 4}`, ruleVersion: 1, points: 1, reasons: [{ ruleId: 'page-visit', points: 1 }],
  scoreAfter: seq, stageAfter: 'new', stageChange: null, promotion: null,
});
const projection = (leadId: string, lastSeq: number): ProjectionRow => ({
  leadId, score: 1, fitScore: 0, engagementScore: 1, grade: 'D', stage: 'new', ruleVersion: 1, eventCount: 1, firstSeenAt: 0,
  lastActivityAt: 0, lastSeq: String(lastSeq), ...NO_INSIGHT_COLUMNS, traits: {}, state: { leadId },
});
const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => audit(from + i));

describe('PageWriters against PostgreSQL', () => {
  let pool: Pool;
  let generation = 100;

  beforeAll(async () => {
    pool = createPgPool(await migratedDatabase(baseUrl, 'leadscore_test_page_writers'), 5);
  });

  afterAll(async () => {
    await pool?.end();
  });

  async function newReplay(): Promise<{ replayId: string; generation: number }> {
    const target = { replayId: randomUUID(), generation: ++generation };
    await pool.query(`UPDATE replays SET status = 'failed' WHERE status IN ('running', 'catching_up')`);
    await insertReplay(pool, { id: target.replayId, rulesVersion: 1, generation: target.generation, total: 0 });
    return target;
  }

  const count = async (table: 'score_audit' | 'lead_projections', gen: number) =>
    Number((await pool.query(`SELECT count(*) AS n FROM ${table} WHERE generation = $1`, [gen])).rows[0].n);
  const processed = async (replayId: string) => Number((await pool.query(`SELECT processed FROM replays WHERE id = $1`, [replayId])).rows[0].processed);

  it('commits every page with its audit rows, the projections it finished and its progress', async () => {
    const target = await newReplay();
    const writers = await PageWriters.connect(pool, target);
    try {
      for (let page = 0; page < 3; page++) {
        const open = await writers.begin();
        open.writeAudit(seqs(page * 10 + 1, page * 10 + 5));
        open.writeAudit(seqs(page * 10 + 6, page * 10 + 10));
        open.addFinalProjections([projection(`done-in-page-${page}`, page * 10 + 10)]);
        writers.finish((page + 1) * 10);
      }
      await writers.drain();
    } finally {
      await writers.release();
    }
    expect(await count('score_audit', target.generation)).toBe(30);
    expect(await count('lead_projections', target.generation)).toBe(3);
    expect(await processed(target.replayId)).toBe(30);
  });

  it('fails the pages after one that fails: drain reports it, and only the pages before it are committed', async () => {
    const target = await newReplay();
    // Page 2 collides with a row committed beforehand, so it fails at once. (Colliding with page 1's
    // uncommitted rows instead would make it wait on page 1's transaction, which commits only in
    // page order: the test would then hang on an interleaving a real replay, whose pages never
    // share a row, cannot produce.)
    await pool.query(`INSERT INTO score_audit (generation, seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after)
                      VALUES ($1, 15, 'e-15', 'lead-3', 1, 1, '[]', 15, 'new')`, [target.generation]);
    const writers = await PageWriters.connect(pool, target);
    try {
      for (const [from, to, upto] of [[1, 10, 10], [11, 20, 20], [21, 30, 30]]) {
        const open = await writers.begin();
        open.writeAudit(seqs(from, to));
        writers.finish(upto);
      }
      await expect(writers.drain()).rejects.toThrow(/duplicate key/);
    } finally {
      await writers.release();
    }
    expect(await count('score_audit', target.generation)).toBe(11); // page 1's ten, and the row it collided with
    expect(await processed(target.replayId)).toBe(10);
  });

  it('gives up a page left open when released, and its connections serve again', async () => {
    const target = await newReplay();
    const writers = await PageWriters.connect(pool, target);
    const open = await writers.begin();
    open.writeAudit(seqs(1, 10));
    await writers.release();
    expect(await count('score_audit', target.generation)).toBe(0);
    await expect(Promise.all([1, 2, 3, 4, 5].map(() => pool.query('SELECT 1 AS one')))).resolves.toHaveLength(5);
  });
});
