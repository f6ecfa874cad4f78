import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Pool, type PoolClient } from 'pg';
import { type CopyToStreamQuery } from 'pg-copy-streams';
import { JsonLogger, Metrics } from '@leadscore/observability';
import {
  appendEvents, createBuildingGeneration, createPgPool, insertAuditRows, liveGeneration, loadLeadStates, upsertProjections, type NewEvent,
} from '@leadscore/persistence';
import { foldLeads } from '@leadscore/projection';
import { compileRuleSet, parseRuleSet, type LeadState } from '@leadscore/scoring';
import { seedRuleSet } from '@test/support/seed-rule-set';
import { freshDatabase } from '@test/support/test-database';
import { jobMetrics } from './job-metrics';
import { readReplayStart, runReplay } from './replay-job';
import { findReplay, insertReplay } from './replay.repository';

const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/leadscore_test';
const RULES = readFileSync(join(__dirname, '..', '..', '..', '..', 'rules', 'default.yaml'), 'utf8');

jest.setTimeout(60_000);

/** 900 events over 30 leads, a third of which stop early (their last event is in an early page). */
function history(): NewEvent[] {
  const types = ['email_open', 'email_click', 'page_visit', 'page_visit', 'whitepaper_download', 'form_submit', 'webinar_registration'];
  const urls = ['/pricing', '/demo', '/careers', '/blog/a'];
  const titles = ['VP Marketing', 'Engineer', 'CTO'];
  return Array.from({ length: 900 }, (_, i) => {
    const lead = i < 300 ? (i * 7) % 30 : 10 + ((i * 7) % 20);
    const identify = i % 23 === 0;
    const type = identify ? 'identify' : types[(i * 5 + lead) % types.length];
    const at = new Date(Date.UTC(2026, 0, 5) + i * 3_600_000 + (i % 7) * 1_000);
    return {
      eventId: `evt-${i}`, leadId: `lead-${lead}`, type, occurredAt: at, receivedAt: at, source: i % 2 ? 'web' : null,
      properties: type === 'page_visit' ? { url: urls[i % urls.length] } : {},
      traits: identify ? { jobTitle: titles[lead % titles.length], companySize: (lead % 5) * 120, note: 'tab\there "q" back\\slash' } : null,
      sourceKeyId: null,
      producer: 'public' as const,
    };
  });
}

describe('runReplay against PostgreSQL, in small pages', () => {
  let pool: Pool;

  beforeAll(async () => {
    const databaseUrl = await freshDatabase(baseUrl, 'leadscore_test_replay_job');
    await seedRuleSet(databaseUrl, RULES);
    pool = createPgPool(databaseUrl, 6);
  });

  afterAll(async () => {
    await pool?.end();
  });

  /** What live scoring does per batch (apps/scoring scoring-steps), without Kafka: states from the table. */
  async function scoreLive(events: NewEvent[], batchSize: number): Promise<void> {
    const parsed = parseRuleSet(RULES, 'yaml');
    if (!parsed.ok) throw new Error('rules/default.yaml does not parse');
    const ruleSet = compileRuleSet(parsed.definition, 1);
    const client = await pool.connect();
    try {
      for (let i = 0; i < events.length; i += batchSize) {
        await client.query('BEGIN');
        const stored = await appendEvents(client, events.slice(i, i + batchSize));
        const generation = await liveGeneration(client);
        const states = await loadLeadStates<LeadState>(client, generation, [...new Set(stored.map((event) => event.leadId))]);
        const folded = foldLeads(stored, states, ruleSet);
        await upsertProjections(client, generation, folded.projections);
        await insertAuditRows(client, generation, folded.audit);
        await client.query('COMMIT');
      }
    } finally {
      client.release();
    }
  }

  const rows = async (table: 'lead_projections' | 'score_audit', generation: number) => (await pool.query(
    table === 'lead_projections'
      ? `SELECT lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, first_seen_at, last_activity_at,
           last_seq, source, mql_at, sql_at, opportunity_at, customer_at, lost_at, disqualified_at, revenue, outcome, outcome_peak_score,
           merged_into, traits, state FROM lead_projections WHERE generation = $1 ORDER BY lead_id`
      : `SELECT seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion
         FROM score_audit WHERE generation = $1 ORDER BY seq`,
    [generation],
  )).rows;

  it('rebuilds, page after page, the projections and audit rows live scoring wrote, row for row', async () => {
    await scoreLive(history(), 40);
    const live = await liveGeneration(pool);
    const parsed = parseRuleSet(RULES, 'yaml');
    if (!parsed.ok) throw new Error('rules/default.yaml does not parse');
    const id = randomUUID();
    const generation = await createBuildingGeneration(pool, 1);
    const start = await readReplayStart(pool);
    await insertReplay(pool, { id, rulesVersion: 1, generation, total: start.total });
    expect(await findReplay(pool, id)).toMatchObject({ processed: 0, total: 900 });
    const outcome = await runReplay(
      { pool, log: new JsonLogger('replay-test', 'error', () => undefined).child('replay'), metrics: jobMetrics(new Metrics('replay-test')), pageSize: 37, switchLag: 0, maxCatchUpRounds: 2 },
      { id, generation, ruleSet: compileRuleSet(parsed.definition, 1), start },
    );
    expect(outcome).toBe('switched');
    expect(await findReplay(pool, id)).toMatchObject({ status: 'switched', processed: 900, total: 900 });
    const [liveProjections, replayedProjections] = [await rows('lead_projections', live), await rows('lead_projections', generation)];
    expect(replayedProjections).toHaveLength(30);
    expect(replayedProjections).toEqual(liveProjections);
    const [liveAudit, replayedAudit] = [await rows('score_audit', live), await rows('score_audit', generation)];
    expect(replayedAudit).toHaveLength(900);
    expect(replayedAudit).toEqual(liveAudit);
  });

  it('catches up with events stored during the main pass, on leads it finished (state from the generation) and on new ones', async () => {
    const live = await liveGeneration(pool);
    const parsed = parseRuleSet(RULES, 'yaml');
    if (!parsed.ok) throw new Error('rules/default.yaml does not parse');
    const late = history().slice(0, 120).map((event, i) => ({ ...event, eventId: `late-${i}`, leadId: `lead-${i % 40}` }));
    let stored = false;
    // The main pass's read (one COPY stream) starts after the horizon, once events scored live then are stored: they are the catch-up's.
    const mainPassRead = (query: unknown): query is CopyToStreamQuery =>
      typeof query === 'object' && query !== null && String((query as { text?: unknown }).text).includes('ORDER BY lead_id, seq');
    const raceOnMainPassRead = (client: PoolClient): PoolClient => new Proxy(client, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'query') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          const [query] = args;
          if (stored || !mainPassRead(query)) return (target.query as (...a: unknown[]) => unknown)(...args);
          stored = true;
          scoreLive(late, 25).then(() => target.query(query), (error: Error) => query.destroy(error));
          return query;
        };
      },
    });
    const racing = new Proxy(pool, {
      get(target, property) {
        if (property === 'connect') return async () => raceOnMainPassRead(await target.connect());
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const id = randomUUID();
    const generation = await createBuildingGeneration(pool, 1);
    const start = await readReplayStart(pool);
    await insertReplay(pool, { id, rulesVersion: 1, generation, total: start.total });
    const outcome = await runReplay(
      { pool: racing, log: new JsonLogger('replay-test', 'error', () => undefined).child('replay'), metrics: jobMetrics(new Metrics('replay-test')), pageSize: 37, switchLag: 0, maxCatchUpRounds: 2 },
      { id, generation, ruleSet: compileRuleSet(parsed.definition, 1), start },
    );
    expect(stored).toBe(true);
    expect(outcome).toBe('switched');
    expect(await findReplay(pool, id)).toMatchObject({ status: 'switched', processed: 1020, total: 900 });
    const replayedProjections = await rows('lead_projections', generation);
    expect(replayedProjections).toHaveLength(40);
    expect(replayedProjections).toEqual(await rows('lead_projections', live));
    const replayedAudit = await rows('score_audit', generation);
    expect(replayedAudit).toHaveLength(1020);
    expect(replayedAudit).toEqual(await rows('score_audit', live));
  });
});
