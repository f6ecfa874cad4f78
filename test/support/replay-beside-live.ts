import { Pool } from 'pg';
import { AppProcess } from './app-process';
import { freePort } from './free-port';
import { waitFor, waitForHttpOk } from './wait-for';

const TOKEN = 'replay-beside-live-token';
const PROJECTION_COLUMNS = `lead_id, score, fit_score, engagement_score, grade, stage, rule_version, event_count, first_seen_at,
  last_activity_at, last_seq, traits, state`;
const AUDIT_COLUMNS = `seq, event_id, lead_id, rule_version, points, reasons, score_after, stage_after, stage_change, promotion`;

export interface GenerationRows {
  projections: unknown[];
  audit: unknown[];
}

/**
 * Runs the admin's replay (the product's own fold of the whole store, in lead and seq order) under
 * the active rule version, and answers the rows live scoring wrote beside the rows the replay
 * rebuilt: equal row for row when every lead was folded exactly once per event, in store order.
 */
export async function replayBesideLive(options: { databaseUrl: string; namespace: string; env: { kafkaBrokers: string; redisUrl: string } }): Promise<{ live: GenerationRows; replayed: GenerationRows }> {
  const { databaseUrl, namespace, env } = options;
  const pool = new Pool({ connectionString: databaseUrl });
  const port = await freePort();
  const admin = new AppProcess('admin', {
    KAFKA_BROKERS: env.kafkaBrokers, DATABASE_URL: databaseUrl, REDIS_URL: env.redisUrl, LEADSCORE_NAMESPACE: namespace,
    ADMIN_TOKEN: TOKEN, ADMIN_PORT: String(port), LOG_LEVEL: 'warn',
  });
  admin.start();
  try {
    const url = `http://127.0.0.1:${port}`;
    await waitForHttpOk(`${url}/health/live`);
    const liveGeneration = async () => (await pool.query(`SELECT generation FROM projection_generations WHERE status = 'live'`)).rows[0].generation as number;
    const before = await liveGeneration();
    const version = (await pool.query(`SELECT version FROM rule_sets WHERE is_active`)).rows[0].version as number;
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const started = await fetch(`${url}/v1/replay`, { method: 'POST', headers, body: JSON.stringify({ rulesVersion: version }) });
    if (started.status !== 202) throw new Error(`POST /v1/replay answered ${started.status}: ${await started.text()}`);
    const { replayId } = (await started.json()) as { replayId: string };
    const done = await waitFor('the replay to finish', async () => {
      const body = (await (await fetch(`${url}/v1/replay/${replayId}`, { headers })).json()) as { status: string };
      return ['switched', 'failed'].includes(body.status) ? body : undefined;
    }, 120000, 200);
    if (done.status !== 'switched') throw new Error(`replay ${replayId} ended ${JSON.stringify(done)}`);
    const rows = async (generation: number): Promise<GenerationRows> => ({
      projections: (await pool.query(`SELECT ${PROJECTION_COLUMNS} FROM lead_projections WHERE generation = $1 ORDER BY lead_id`, [generation])).rows,
      audit: (await pool.query(`SELECT ${AUDIT_COLUMNS} FROM score_audit WHERE generation = $1 ORDER BY lead_id, seq`, [generation])).rows,
    });
    return { live: await rows(before), replayed: await rows(await liveGeneration()) };
  } finally {
    await admin.stop();
    await pool.end();
  }
}
