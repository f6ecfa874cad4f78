import { Inject, Injectable, Optional } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFound } from '@leadscore/http';
import { activateRuleSet } from '@leadscore/persistence';
import { PG_POOL } from '../../admin.tokens';
import { type ActivateRuleSet } from './activate-rule-set.command';
import { REPLAY_STARTER, type ReplayStarter } from './replay-starter.port';
import { RuleActivationPublisher } from './rule-activation.publisher';

// The scoring worker seeds the default rule set under this lock (apps/scoring active-rule-set.ts):
// taking it too serialises activations with each other and with seeding.
const RULE_SETS_LOCK_KEY = 7_215_003_112;

export interface Activation {
  /** 200 for a plain activation, 202 when a rescore was asked for. */
  status: 200 | 202;
  body: { version: number; active: true; replayId?: string; rescore?: 'not available' };
}

/** Makes a version the active one (one transaction), then signals the scoring workers. */
@Injectable()
export class ActivateRuleSetHandler {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly publisher: RuleActivationPublisher,
    @Optional() @Inject(REPLAY_STARTER) private readonly replay: ReplayStarter | null = null,
  ) {}

  async execute(command: ActivateRuleSet): Promise<Activation> {
    await this.activate(command.version);
    await this.publisher.publish(command.version);
    if (!command.rescore) return { status: 200, body: { version: command.version, active: true } };
    if (!this.replay) return { status: 202, body: { version: command.version, active: true, rescore: 'not available' } };
    const { replayId } = await this.replay.start(command.version);
    return { status: 202, body: { version: command.version, active: true, replayId } };
  }

  private async activate(version: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [RULE_SETS_LOCK_KEY]);
      const found = await client.query('SELECT 1 FROM rule_sets WHERE version = $1', [version]);
      if (found.rows.length === 0) throw new NotFound('version', `no rule set version ${version}`);
      await activateRuleSet(client, version);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
