import { type Pool, type PoolClient } from 'pg';
import { type ChangedLead, type LeadSnapshot, type SimulationResult, type SimulationView } from '@leadscore/contracts';

type Queryable = Pick<Pool | PoolClient, 'query'>;

/** A simulation as stored: the view, under its column name `id`. */
export type SimulationRow = Omit<SimulationView, 'simulationId'> & { id: string };

export async function insertSimulation(db: Queryable, id: string, rulesVersion: number): Promise<void> {
  await db.query(`INSERT INTO simulations (id, rules_version, status) VALUES ($1, $2, 'running')`, [id, rulesVersion]);
}

export async function findSimulation(db: Queryable, id: string): Promise<SimulationRow | null> {
  const result = await db.query(`SELECT id, rules_version, status, processed, total, result, error FROM simulations WHERE id = $1`, [id]);
  if (result.rows.length === 0) return null;
  const row = result.rows[0];
  return {
    id: row.id, rulesVersion: row.rules_version, status: row.status, processed: Number(row.processed), total: Number(row.total),
    result: row.result, error: row.error,
  };
}

export async function updateSimulationProgress(db: Queryable, id: string, processed: number, total?: number): Promise<void> {
  await db.query(`UPDATE simulations SET processed = $2, total = coalesce($3, total), updated_at = now() WHERE id = $1`, [id, processed, total ?? null]);
}

export async function finishSimulation(db: Queryable, id: string, processed: number, result: SimulationResult): Promise<void> {
  await db.query(
    `UPDATE simulations SET status = 'done', processed = $2, result = $3, updated_at = now(), finished_at = now() WHERE id = $1`,
    [id, processed, JSON.stringify(result)],
  );
}

export async function failSimulation(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(`UPDATE simulations SET status = 'failed', error = $2, updated_at = now(), finished_at = now() WHERE id = $1 AND status = 'running'`, [id, error]);
}

export async function failInterruptedSimulations(db: Queryable): Promise<number> {
  const result = await db.query(
    `UPDATE simulations SET status = 'failed', error = 'interrupted: the admin process stopped', updated_at = now(), finished_at = now()
     WHERE status = 'running'`,
  );
  return result.rowCount ?? 0;
}

export async function insertChangedLeads(db: Queryable, id: string, leads: ChangedLead[]): Promise<void> {
  if (leads.length === 0) return;
  await db.query(
    `INSERT INTO simulation_leads (simulation_id, lead_id, before, after)
     SELECT $1, l.* FROM unnest($2::varchar[], $3::jsonb[], $4::jsonb[]) AS l`,
    [id, leads.map((l) => l.leadId), leads.map((l) => (l.before === null ? null : JSON.stringify(l.before))), leads.map((l) => JSON.stringify(l.after))],
  );
}

/** Changed leads in leadId order, after `afterLeadId`. */
export async function readChangedLeads(db: Queryable, id: string, afterLeadId: string | null, limit: number): Promise<ChangedLead[]> {
  const result = await db.query<{ lead_id: string; before: LeadSnapshot | null; after: LeadSnapshot }>(
    `SELECT lead_id, before, after FROM simulation_leads WHERE simulation_id = $1 AND ($2::varchar IS NULL OR lead_id > $2)
     ORDER BY lead_id LIMIT $3`,
    [id, afterLeadId, limit],
  );
  return result.rows.map((row) => ({ leadId: row.lead_id, before: row.before, after: row.after }));
}

/** Every live lead's score and stage (before = what sales sees now). */
export async function readLiveSnapshots(db: Queryable): Promise<Map<string, LeadSnapshot>> {
  const result = await db.query<{ lead_id: string; score: number; stage: string }>(
    `SELECT p.lead_id, p.score::float8 AS score, p.stage FROM lead_projections p
     JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'`,
  );
  return new Map(result.rows.map((row) => [row.lead_id, { score: row.score, stage: row.stage }]));
}
