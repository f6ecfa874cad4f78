import { Inject, Injectable, Optional } from '@nestjs/common';
import { type PoolClient } from 'pg';
import { NotFound } from '@leadscore/http';
import { activateRuleSet, ADVISORY_LOCKS } from '@leadscore/persistence';
import { OpsAuditTrail } from '../../audit/ops-audit.trail';
import { type OpsActor } from '../../auth/ops-actor';
import { type ActivateRuleSet } from './activate-rule-set.command';
import { REPLAY_STARTER, type ReplayStarter } from './replay-starter.port';
import { RuleActivationPublisher } from './rule-activation.publisher';

// The scoring worker seeds the default rule set under this lock (apps/scoring active-rule-set.ts):
// taking it too serialises activations with each other and with seeding.
const RULE_SETS_LOCK_KEY = ADVISORY_LOCKS.ruleSets;

export interface Activation {
  /** 200 for a plain activation, 202 when a rescore was asked for. */
  status: 200 | 202;
  body: { version: number; active: true; replayId?: string; rescore?: 'not available' };
}

/** Makes a version the active one (one transaction), then signals the scoring workers. */
@Injectable()
export class ActivateRuleSetHandler {
  constructor(
    private readonly publisher: RuleActivationPublisher,
    private readonly audit: OpsAuditTrail,
    @Optional() @Inject(REPLAY_STARTER) private readonly replay: ReplayStarter | null = null,
  ) {}

  async execute(actor: OpsActor, command: ActivateRuleSet): Promise<Activation> {
    await this.audit.change(actor, 'rule_set.activated', async (db) => {
      await this.activate(db, command.version);
      return { result: null, details: { version: command.version, rescore: command.rescore } };
    });
    await this.publisher.publish(command.version);
    if (!command.rescore) return { status: 200, body: { version: command.version, active: true } };
    if (!this.replay) return { status: 202, body: { version: command.version, active: true, rescore: 'not available' } };
    const { replayId } = await this.replay.start(actor, command.version);
    return { status: 202, body: { version: command.version, active: true, replayId } };
  }

  /** Inside the audited transaction: the activation and its audit entry commit together. */
  private async activate(client: PoolClient, version: number): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock($1)', [RULE_SETS_LOCK_KEY]);
    const found = await client.query('SELECT 1 FROM rule_sets WHERE version = $1', [version]);
    if (found.rows.length === 0) throw new NotFound('version', `no rule set version ${version}`);
    await activateRuleSet(client, version);
  }
}
