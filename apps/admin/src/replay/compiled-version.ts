import { findRuleSet } from '@leadscore/persistence';
import { NotFound } from '@leadscore/http';
import { compileRuleSet, validateRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { type Pool } from 'pg';

/** A stored rule set version, compiled (once per job); 404 on `rulesVersion` when it does not exist. */
export async function loadCompiledVersion(pool: Pick<Pool, 'query'>, version: number, path = 'rulesVersion'): Promise<CompiledRuleSet> {
  const stored = await findRuleSet(pool, version);
  if (!stored) throw new NotFound(path, `rule set version ${version} does not exist`);
  const validated = validateRuleSet(stored.definition);
  if (!validated.ok) throw new Error(`rule set v${version} is invalid: ${validated.errors[0].path} ${validated.errors[0].message}`);
  return compileRuleSet(validated.definition, version);
}
