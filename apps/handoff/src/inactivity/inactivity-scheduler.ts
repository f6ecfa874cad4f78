import { type Pool, type PoolClient } from 'pg';
import { topicName } from '@leadscore/contracts';
import { type ReliableProducer } from '@leadscore/kafka';
import { type ContextLogger } from '@leadscore/observability';
import { type HandoffMetrics } from '../handoff.metrics';
import { inactivityTick } from './inactivity-ticks';
import { type InactivitySettings } from './inactivity-settings';

/** Any constant works: advisory locks are per database, and every namespace has its own. */
const LEADER_LOCK = 7_461_202_601;
const SCAN_LIMIT = 5000;

const IDLE_LEADS_SQL = `
  SELECT p.lead_id, p.last_activity_at
    FROM lead_projections p JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'
   WHERE p.last_activity_at < $1
     AND p.state->>'mergedInto' IS NULL
     AND NOT EXISTS (SELECT 1 FROM lead_events e WHERE e.event_id = 'inactivity:' || p.lead_id || ':' || $2)
   ORDER BY p.last_activity_at LIMIT $3`;

/**
 * Emits inactivity_tick events into `lead-events` for idle leads. One active instance: the one
 * holding a session-level Postgres advisory lock on its own connection (a crash frees it).
 */
export class InactivityScheduler {
  private leader: PoolClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: {
    pool: Pool; producer: ReliableProducer; namespace: string; settings: InactivitySettings;
    metrics: HandoffMetrics; log: ContextLogger; now: () => Date;
  }) {}

  start(): void {
    const tick = () => {
      this.running = this.runOnce().then(() => undefined, (error: unknown) => this.deps.log.warn('inactivity scan failed', { error: String(error) }));
    };
    tick();
    this.timer = setInterval(tick, this.deps.settings.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.leader?.release(true);
    this.leader = null;
  }

  /** One scan if this instance leads; returns how many ticks it emitted (null when not the leader). */
  async runOnce(): Promise<number | null> {
    if (!(await this.lead())) return null;
    const now = this.deps.now();
    const day = now.toISOString().slice(0, 10);
    const idle = await this.deps.pool.query<{ lead_id: string; last_activity_at: Date }>(
      IDLE_LEADS_SQL, [new Date(now.getTime() - this.deps.settings.afterMs), day, SCAN_LIMIT],
    );
    const ticks = idle.rows.map((row) => inactivityTick(row.lead_id, row.last_activity_at, now));
    const topic = topicName(this.deps.namespace, 'leadEvents');
    for (let i = 0; i < ticks.length; i += 500) {
      await this.deps.producer.send(topic, ticks.slice(i, i + 500).map((tick) => ({ key: tick.leadId, value: JSON.stringify(tick) })));
    }
    this.deps.metrics.inactivityTicks.inc(ticks.length);
    if (ticks.length > 0) this.deps.log.info('inactivity ticks emitted', { count: ticks.length, day });
    return ticks.length;
  }

  private async lead(): Promise<boolean> {
    if (this.leader) return true;
    const client = await this.deps.pool.connect();
    const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK]);
    if (result.rows[0].locked) {
      this.leader = client;
      this.deps.log.info('inactivity scheduler leading');
      return true;
    }
    client.release();
    return false;
  }
}
