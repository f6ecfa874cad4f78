import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { COMPILED_RULE_SETS } from '@leadscore/persistence';
import { type CompiledRuleSet } from '@leadscore/scoring';
import { PG_POOL } from '../../admin.tokens';

/** Compiled rule sets by version, through the process's one cache (libs/persistence rule-sets). */
@Injectable()
export class CompiledRuleSets {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async get(version: number): Promise<CompiledRuleSet> {
    const compiled = await COMPILED_RULE_SETS.get(this.pool, version);
    if (!compiled) throw new Error(`rule set v${version} does not exist`);
    return compiled;
  }
}
