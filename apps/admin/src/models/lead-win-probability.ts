import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { leadWinProbability } from '@leadscore/learning';
import { COMPILED_RULE_SETS, readLeadEvents } from '@leadscore/persistence';
import { toScoringEvent } from '@leadscore/projection';
import { PG_POOL } from '../admin.tokens';
import { ActiveModels } from './active-model';

export interface WinProbability {
  modelId: string;
  /** 0–1, from the lead's whole stored history. */
  winProbability: number;
  /** The features that moved it most: their contributions to the log-odds, largest first. */
  why: Array<{ name: string; contribution: number }>;
}

const TOP_FEATURES = 5;

/**
 * The active model's win probability of a lead, computed at read time from its stored events
 * (folded under the rule version the model was trained with): a replay gives the same number.
 */
@Injectable()
export class LeadWinProbability {
  constructor(@Inject(PG_POOL) private readonly pool: Pool, private readonly models: ActiveModels) {}

  async of(leadId: string, asOf: number | null = null): Promise<WinProbability | null> {
    const active = await this.models.current();
    if (!active) return null;
    const ruleSet = await COMPILED_RULE_SETS.get(this.pool, active.rulesVersion);
    if (!ruleSet) return null;
    const events = (await readLeadEvents(this.pool, leadId, asOf === null ? null : new Date(asOf))).map(toScoringEvent);
    const { probability, contributions } = leadWinProbability(active.model, leadId, events, ruleSet);
    return { modelId: active.id, winProbability: probability, why: contributions.slice(0, TOP_FEATURES) };
  }
}
