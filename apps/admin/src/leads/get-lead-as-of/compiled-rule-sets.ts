import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { findRuleSet } from '@leadscore/persistence';
import { compileRuleSet, validateRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { PG_POOL } from '../../admin.tokens';

/** Compiled rule sets by version; versions are immutable, so each is compiled once per process. */
@Injectable()
export class CompiledRuleSets {
  private readonly byVersion = new Map<number, CompiledRuleSet>();

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async get(version: number): Promise<CompiledRuleSet> {
    const cached = this.byVersion.get(version);
    if (cached) return cached;
    const stored = await findRuleSet(this.pool, version);
    if (!stored) throw new Error(`rule set v${version} does not exist`);
    const validated = validateRuleSet(stored.definition);
    if (!validated.ok) throw new Error(`stored rule set v${version} is invalid: ${validated.errors[0].path} ${validated.errors[0].message}`);
    const compiled = compileRuleSet(validated.definition, version);
    this.byVersion.set(version, compiled);
    return compiled;
  }
}
