import { type PoolClient } from 'pg';
import { type AuditRow, type ProjectionRow } from './projection-rows';

/** The live generation's number (replays build another and switch this atomically). */
export async function liveGeneration(client: Pick<PoolClient, 'query'>): Promise<number> {
  const result = await client.query<{ generation: number }>(`SELECT generation FROM projection_generations WHERE status = 'live'`);
  if (result.rows.length === 0) throw new Error('no live projection generation (migrations not run?)');
  return result.rows[0].generation;
}

/** The stored fold state of these leads, locked for this transaction. Unknown leads are absent. */
export async function loadLeadStates<S>(client: PoolClient, generation: number, leadIds: string[]): Promise<Map<string, S>> {
  const result = await client.query<{ lead_id: string; state: S }>(
    `SELECT lead_id, state FROM lead_projections WHERE generation = $1 AND lead_id = ANY($2::varchar[]) FOR UPDATE`,
    [generation, leadIds],
  );
  return new Map(result.rows.map((row) => [row.lead_id, row.state]));
}

const UPSERT_SQL = `
  INSERT INTO lead_projections (generation, lead_id, score, fit_score, engagement_score, grade, stage, rule_version,
    event_count, first_seen_at, last_activity_at, last_seq, traits, state, updated_at)
  SELECT $1, p.* , now() FROM unnest($2::varchar[], $3::numeric[], $4::numeric[], $5::numeric[], $6::char[], $7::varchar[],
    $8::int[], $9::int[], $10::timestamptz[], $11::timestamptz[], $12::bigint[], $13::jsonb[], $14::jsonb[]) AS p
  ON CONFLICT (generation, lead_id) DO UPDATE SET
    score = EXCLUDED.score, fit_score = EXCLUDED.fit_score, engagement_score = EXCLUDED.engagement_score,
    grade = EXCLUDED.grade, stage = EXCLUDED.stage, rule_version = EXCLUDED.rule_version,
    event_count = EXCLUDED.event_count, first_seen_at = EXCLUDED.first_seen_at,
    last_activity_at = EXCLUDED.last_activity_at, last_seq = EXCLUDED.last_seq, traits = EXCLUDED.traits,
    state = EXCLUDED.state, updated_at = now()`;

export async function upsertProjections(client: PoolClient, generation: number, rows: ProjectionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(UPSERT_SQL, [
    generation,
    rows.map((r) => r.leadId),
    rows.map((r) => r.score),
    rows.map((r) => r.fitScore),
    rows.map((r) => r.engagementScore),
    rows.map((r) => r.grade),
    rows.map((r) => r.stage),
    rows.map((r) => r.ruleVersion),
    rows.map((r) => r.eventCount),
    rows.map((r) => isoOrNull(r.firstSeenAt)),
    rows.map((r) => isoOrNull(r.lastActivityAt)),
    rows.map((r) => r.lastSeq),
    rows.map((r) => JSON.stringify(r.traits)),
    rows.map((r) => JSON.stringify(r.state)),
  ]);
}

const AUDIT_SQL = `
  INSERT INTO score_audit (generation, seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion)
  SELECT $1, a.* FROM unnest($2::bigint[], $3::varchar[], $4::varchar[], $5::int[], $6::numeric[], $7::jsonb[],
    $8::numeric[], $9::varchar[], $10::jsonb[], $11::varchar[]) AS a
  ON CONFLICT (generation, seq) DO NOTHING`;

export async function insertAuditRows(client: PoolClient, generation: number, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(AUDIT_SQL, [
    generation,
    rows.map((r) => r.seq),
    rows.map((r) => r.eventId),
    rows.map((r) => r.leadId),
    rows.map((r) => r.ruleVersion),
    rows.map((r) => r.points),
    rows.map((r) => JSON.stringify(r.reasons)),
    rows.map((r) => r.scoreAfter),
    rows.map((r) => r.stageAfter),
    rows.map((r) => (r.stageChange === null ? null : JSON.stringify(r.stageChange))),
    rows.map((r) => r.promotion),
  ]);
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
