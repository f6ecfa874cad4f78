import { type PoolClient } from 'pg';
import { type AuditRow, type ProjectionRow } from './projection-rows';

/** The live generation's number (replays build another and switch this atomically). */
export async function liveGeneration(client: Pick<PoolClient, 'query'>): Promise<number> {
  const result = await client.query<{ generation: number }>(`SELECT generation FROM projection_generations WHERE status = 'live'`);
  if (result.rows.length === 0) throw new Error('no live projection generation (migrations not run?)');
  return result.rows[0].generation;
}

/**
 * The generation as a value the planner cannot see (an InitPlan), in the lead-keyed reads below.
 * With the literal, a generation the table's statistics do not know yet — a replay's just switched,
 * a table filling faster than autoanalyze — is estimated at one row, and PostgreSQL read the whole
 * generation through an index on `generation` alone, filtering the batch's leads out of it (15–87 ms
 * a batch under load in the latency bench, the costliest statement of a scoring transaction). Not
 * seeing it, the planner takes the primary key with both columns, whatever the statistics say.
 */
const OF_GENERATION = 'generation = (SELECT $1::int)';

/** The stored fold state of these leads, locked for this transaction. Unknown leads are absent. */
export async function loadLeadStates<S>(client: PoolClient, generation: number, leadIds: string[]): Promise<Map<string, S>> {
  const result = await client.query<{ lead_id: string; state: S }>(
    `SELECT lead_id, state FROM lead_projections WHERE ${OF_GENERATION} AND lead_id = ANY($2::varchar[]) FOR UPDATE`,
    [generation, leadIds],
  );
  return new Map(result.rows.map((row) => [row.lead_id, row.state]));
}

/** A lead's stored projection as a worker that may hold its state already sees it. */
export interface CheckedLeadState<S> {
  lastSeq: string;
  /** The stored state, or null when the caller's `knownSeq` is the stored last_seq (its own copy is current). */
  state: S | null;
}

// The state column is read (and sent) only for the leads whose last_seq is not the one the caller
// knows. \`lead_id = ANY\` as well as the join: on a store partitioned by lead, only the batch's leads' partitions are read.
export const CHECK_STATES_SQL = `
  SELECT p.lead_id, p.last_seq::text AS last_seq, CASE WHEN p.last_seq IS DISTINCT FROM k.known_seq THEN p.state END AS state
  FROM lead_projections p JOIN unnest($2::varchar[], $3::bigint[]) AS k(lead_id, known_seq) ON k.lead_id = p.lead_id
  WHERE p.${OF_GENERATION} AND p.lead_id = ANY($2::varchar[])
  FOR UPDATE OF p`;

/**
 * `loadLeadStates` for a caller that keeps states of its own: per lead, the last_seq it holds a
 * state at (null: none). The rows are locked for this transaction as there; unknown leads are absent.
 */
export async function checkLeadStates<S>(
  client: PoolClient,
  generation: number,
  leads: ReadonlyArray<{ leadId: string; knownSeq: string | null }>,
): Promise<Map<string, CheckedLeadState<S>>> {
  const result = await client.query<{ lead_id: string; last_seq: string; state: S | null }>(CHECK_STATES_SQL, [
    generation, leads.map((lead) => lead.leadId), leads.map((lead) => lead.knownSeq),
  ]);
  return new Map(result.rows.map((row) => [row.lead_id, { lastSeq: row.last_seq, state: row.state }]));
}

// Rows travel as ONE json document expanded by json_to_recordset: half the time of unnest over
// jsonb[] arrays (whose literal the driver escapes character by character), same statement count.
// \`json\`, not jsonb: the states (the bulk of the document) go into a json column, checked but never parsed into numerics.
const UPSERT_SQL = `
  INSERT INTO lead_projections (generation, lead_id, score, fit_score, engagement_score, grade, stage, rule_version,
    event_count, first_seen_at, last_activity_at, last_seq, source, mql_at, sql_at, opportunity_at, customer_at, lost_at,
    disqualified_at, revenue, outcome, outcome_peak_score, merged_into, traits, state, updated_at)
  SELECT $1, p.*, now() FROM json_to_recordset($2::json) AS p(lead_id varchar, score numeric, fit_score numeric,
    engagement_score numeric, grade char, stage varchar, rule_version int, event_count int, first_seen_at timestamptz,
    last_activity_at timestamptz, last_seq bigint, source varchar, mql_at timestamptz, sql_at timestamptz,
    opportunity_at timestamptz, customer_at timestamptz, lost_at timestamptz, disqualified_at timestamptz, revenue numeric,
    outcome varchar, outcome_peak_score numeric, merged_into varchar, traits jsonb, state json)
  ON CONFLICT (generation, lead_id) DO UPDATE SET
    score = EXCLUDED.score, fit_score = EXCLUDED.fit_score, engagement_score = EXCLUDED.engagement_score,
    grade = EXCLUDED.grade, stage = EXCLUDED.stage, rule_version = EXCLUDED.rule_version,
    event_count = EXCLUDED.event_count, first_seen_at = EXCLUDED.first_seen_at,
    last_activity_at = EXCLUDED.last_activity_at, last_seq = EXCLUDED.last_seq, source = EXCLUDED.source,
    mql_at = EXCLUDED.mql_at, sql_at = EXCLUDED.sql_at, opportunity_at = EXCLUDED.opportunity_at,
    customer_at = EXCLUDED.customer_at, lost_at = EXCLUDED.lost_at, disqualified_at = EXCLUDED.disqualified_at,
    revenue = EXCLUDED.revenue, outcome = EXCLUDED.outcome, outcome_peak_score = EXCLUDED.outcome_peak_score,
    merged_into = EXCLUDED.merged_into, traits = EXCLUDED.traits,
    state = EXCLUDED.state, updated_at = now()`;

export async function upsertProjections(client: PoolClient, generation: number, rows: ProjectionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((r) => ({
    lead_id: r.leadId,
    score: r.score,
    fit_score: r.fitScore,
    engagement_score: r.engagementScore,
    grade: r.grade,
    stage: r.stage,
    rule_version: r.ruleVersion,
    event_count: r.eventCount,
    first_seen_at: isoOrNull(r.firstSeenAt),
    last_activity_at: isoOrNull(r.lastActivityAt),
    last_seq: r.lastSeq,
    source: r.source,
    mql_at: isoOrNull(r.mqlAt),
    sql_at: isoOrNull(r.sqlAt),
    opportunity_at: isoOrNull(r.opportunityAt),
    customer_at: isoOrNull(r.customerAt),
    lost_at: isoOrNull(r.lostAt),
    disqualified_at: isoOrNull(r.disqualifiedAt),
    revenue: r.revenue,
    outcome: r.outcome,
    outcome_peak_score: r.outcomePeakScore,
    merged_into: r.mergedInto,
    traits: r.traits,
    state: r.state,
  })));
  await client.query(UPSERT_SQL, [generation, json]);
}

const AUDIT_SQL = `
  INSERT INTO score_audit (generation, seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion)
  SELECT $1, a.* FROM jsonb_to_recordset($2::jsonb) AS a(seq bigint, event_id varchar, lead_id varchar, rule_version int,
    points numeric, reasons jsonb, score_after numeric, stage_after varchar, stage_change jsonb, promotion varchar)
  ON CONFLICT (generation, lead_id, seq) DO NOTHING`;

export async function insertAuditRows(client: PoolClient, generation: number, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  // JSON null becomes SQL NULL in jsonb_to_recordset, as the old unnest form wrote it.
  const json = JSON.stringify(rows.map((r) => ({
    seq: r.seq,
    event_id: r.eventId,
    lead_id: r.leadId,
    rule_version: r.ruleVersion,
    points: r.points,
    reasons: r.reasons,
    score_after: r.scoreAfter,
    stage_after: r.stageAfter,
    stage_change: r.stageChange ?? null,
    promotion: r.promotion,
  })));
  await client.query(AUDIT_SQL, [generation, json]);
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

