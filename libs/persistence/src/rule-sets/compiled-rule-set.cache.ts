import { type Pool } from 'pg';
import { compileRuleSet, validateRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { findRuleSet, type StoredRuleSet } from './rule-set.repository';

type Queryable = Pick<Pool, 'query'>;

/**
 * The one loader for "stored rule set → compiled": versions are immutable, so each is validated
 * (a stored definition is re-checked on load) and compiled once per process, whoever asks first.
 */
export class CompiledRuleSetCache {
  private readonly byVersion = new Map<number, CompiledRuleSet>();

  /** The compiled set of `version`, read through `db` (e.g. the caller's transaction) on first use; null when none is stored. */
  async get(db: Queryable, version: number): Promise<CompiledRuleSet | null> {
    const cached = this.byVersion.get(version);
    if (cached) return cached;
    const stored = await findRuleSet(db, version);
    return stored ? this.compile(stored) : null;
  }

  /** A stored set already read, compiled (or the copy compiled before); throws when its definition is invalid. */
  compile(stored: StoredRuleSet): CompiledRuleSet {
    const cached = this.byVersion.get(stored.version);
    if (cached) return cached;
    const validated = validateRuleSet(stored.definition);
    if (!validated.ok) throw new Error(`rule set v${stored.version} is invalid: ${validated.errors[0].path} ${validated.errors[0].message}`);
    const compiled = compileRuleSet(validated.definition, stored.version);
    this.byVersion.set(stored.version, compiled);
    return compiled;
  }
}

/** The process's cache: every worker and job of a process shares it. */
export const COMPILED_RULE_SETS = new CompiledRuleSetCache();
