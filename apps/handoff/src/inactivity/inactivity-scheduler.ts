import { type Pool } from 'pg';
import { topicName, type LeadEventMessage } from '@leadscore/contracts';
import { type ReliableProducer } from '@leadscore/kafka';
import { ADVISORY_LOCKS, eventKeyOf, SessionLeadership, storedEvents } from '@leadscore/persistence';
import { type ContextLogger } from '@leadscore/observability';
import { type HandoffMetrics } from '../handoff.metrics';
import { inactivityTick } from './inactivity-ticks';
import { type InactivitySettings } from '@leadscore/config';

const DEFAULT_PAGE_SIZE = 2000;

/** One page of idle leads after the keyset (last_activity_at, lead_id): every idle lead is visited once per scan. */
const IDLE_LEADS_SQL = `
  SELECT p.lead_id, p.last_activity_at
    FROM lead_projections p JOIN projection_generations g ON g.generation = p.generation AND g.status = 'live'
   WHERE p.last_activity_at < $1
     AND p.merged_into IS NULL
     AND ($2::timestamptz IS NULL OR (p.last_activity_at, p.lead_id) > ($2::timestamptz, $3::varchar))
   ORDER BY p.last_activity_at, p.lead_id LIMIT $4`;

/**
 * Emits inactivity_tick events into `lead-events` for idle leads. One active instance: the one
 * holding a session-level Postgres advisory lock on its own connection (a crash frees it).
 */
export class InactivityScheduler {
  private readonly leadership: SessionLeadership;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly deps: {
    pool: Pool; producer: ReliableProducer; namespace: string; settings: InactivitySettings;
    metrics: HandoffMetrics; log: ContextLogger; now: () => Date;
    /** Idle leads read per query (default 2000); a scan reads pages until it has seen them all. */
    pageSize?: number;
  }) {
    this.leadership = new SessionLeadership(deps.pool, ADVISORY_LOCKS.inactivityLeader, () => deps.log.info('inactivity scheduler leading'));
  }

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
    await this.leadership.resign();
  }

  /**
   * One scan if this instance leads; returns how many ticks it emitted (null when not the leader).
   * The scan pages through every idle lead in (last_activity_at, lead_id) order and skips those whose
   * tick of the day is stored, so a lead whose tick never gets stored (dead-lettered, say) costs one
   * row per page and cannot keep the leads after it from their ticks.
   */
  async runOnce(): Promise<number | null> {
    if (!(await this.leadership.lead())) return null;
    const now = this.deps.now();
    const day = now.toISOString().slice(0, 10);
    const idleBefore = new Date(now.getTime() - this.deps.settings.afterMs);
    let after: { at: Date | null; leadId: string } = { at: null, leadId: '' };
    const pageSize = this.deps.pageSize ?? DEFAULT_PAGE_SIZE;
    let emitted = 0;
    for (;;) {
      const page = await this.deps.pool.query<{ lead_id: string; last_activity_at: Date }>(IDLE_LEADS_SQL, [idleBefore, after.at, after.leadId, pageSize]);
      if (page.rows.length === 0) break;
      emitted += await this.emit(page.rows.map((row) => inactivityTick(row.lead_id, row.last_activity_at, now)));
      const last = page.rows[page.rows.length - 1];
      after = { at: last.last_activity_at, leadId: last.lead_id };
      if (page.rows.length < pageSize) break;
    }
    this.deps.metrics.inactivityTicks.inc(emitted);
    if (emitted > 0) this.deps.log.info('inactivity ticks emitted', { count: emitted, day });
    return emitted;
  }

  /** Sends the ticks not already in the store; returns how many it sent. */
  private async emit(candidates: LeadEventMessage[]): Promise<number> {
    const done = await storedEvents(this.deps.pool, candidates);
    const ticks = candidates.filter((tick) => !done.has(eventKeyOf(tick)));
    const topic = topicName(this.deps.namespace, 'leadEvents');
    for (let i = 0; i < ticks.length; i += 500) {
      await this.deps.producer.send(topic, ticks.slice(i, i + 500).map((tick) => ({ key: tick.leadId, value: JSON.stringify(tick) })));
    }
    return ticks.length;
  }
}
