import { type PoolClient, type QueryResult } from 'pg';
import { ADVISORY_LOCKS } from '../transactions/advisory-locks';

type Queryable = Pick<PoolClient, 'query'>;

/**
 * The switch lock (a Postgres advisory lock key). Every live scoring transaction holds it shared
 * from its first statement; a replay takes it exclusive to read a safe horizon and to switch
 * generations, so no live batch is half-way while the replay looks or switches.
 */
export const SWITCH_LOCK_KEY = ADVISORY_LOCKS.projectionSwitch;

export async function takeSwitchLockExclusive(client: Queryable): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [SWITCH_LOCK_KEY]);
}

const LIVE_GENERATION_AND_VERSION_SQL = `SELECT g.generation, (SELECT version FROM rule_sets WHERE is_active) AS rule_version
  FROM projection_generations g WHERE g.status = 'live'`;

export interface LiveGenerationAndVersion {
  generation: number;
  ruleVersion: number | null;
}

/**
 * How every live scoring transaction opens (withTransactionOpening: one round trip with its
 * BEGIN): the switch lock shared, then — under it, in a statement of its own — the live generation
 * and the active rule version. Its second result is for `liveGenerationAndVersionOf`.
 */
export const LIVE_SCORING_OPENING = `SELECT pg_advisory_xact_lock_shared(${SWITCH_LOCK_KEY}); ${LIVE_GENERATION_AND_VERSION_SQL}`;

export function liveGenerationAndVersionOf(result: QueryResult): LiveGenerationAndVersion {
  if (result.rows.length === 0) throw new Error('no live projection generation (migrations not run?)');
  return { generation: result.rows[0].generation, ruleVersion: result.rows[0].rule_version };
}

/**
 * The highest seq with nothing uncommitted below it. Live transactions append under the shared
 * switch lock, so once the exclusive lock is ours no append is in flight: every seq up to the
 * max is committed (or rolled back for good). Holds live scoring only for that instant.
 */
export async function readSafeHorizon(client: PoolClient): Promise<string> {
  await client.query('BEGIN');
  try {
    await takeSwitchLockExclusive(client);
    const result = await client.query<{ seq: string }>(`SELECT coalesce(max(seq), 0)::text AS seq FROM lead_events`);
    await client.query('COMMIT');
    return result.rows[0].seq;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Adds generation max+1 as `building` for a replay under `ruleVersion`. */
export async function createBuildingGeneration(client: Queryable, ruleVersion: number): Promise<number> {
  const result = await client.query<{ generation: number }>(
    `INSERT INTO projection_generations (generation, rule_version, status)
     SELECT coalesce(max(generation), 0) + 1, $1, 'building' FROM projection_generations RETURNING generation`,
    [ruleVersion],
  );
  return result.rows[0].generation;
}

/** Retires the live generation and makes `generation` live (run under the exclusive switch lock). */
export async function switchLiveGeneration(client: Queryable, generation: number): Promise<void> {
  await client.query(`UPDATE projection_generations SET status = 'retired' WHERE status = 'live'`);
  const result = await client.query(`UPDATE projection_generations SET status = 'live' WHERE generation = $1 AND status = 'building'`, [generation]);
  if (result.rowCount !== 1) throw new Error(`generation ${generation} is not building`);
}

export async function failGeneration(client: Queryable, generation: number): Promise<void> {
  await client.query(`UPDATE projection_generations SET status = 'failed' WHERE generation = $1 AND status = 'building'`, [generation]);
}

/** Marks every `building` generation failed (their replay died with its process). */
export async function failBuildingGenerations(client: Queryable): Promise<number> {
  const result = await client.query(`UPDATE projection_generations SET status = 'failed' WHERE status = 'building'`);
  return result.rowCount ?? 0;
}

/** Deletes the rows of failed and retired generations (kept until the next replay, for forensics). */
export async function deleteDeadGenerationRows(client: Queryable): Promise<void> {
  const dead = `SELECT generation FROM projection_generations WHERE status IN ('failed', 'retired')`;
  await client.query(`DELETE FROM lead_projections WHERE generation IN (${dead})`);
  await client.query(`DELETE FROM score_audit WHERE generation IN (${dead})`);
}
