import { COMPILED_RULE_SETS } from '@leadscore/persistence';
import { NotFound } from '@leadscore/http';
import { type CompiledRuleSet } from '@leadscore/scoring';
import { type Pool } from 'pg';

/** A stored rule set version, compiled (once per process); 404 on `rulesVersion` when it does not exist. */
export async function loadCompiledVersion(pool: Pick<Pool, 'query'>, version: number, path = 'rulesVersion'): Promise<CompiledRuleSet> {
  const compiled = await COMPILED_RULE_SETS.get(pool, version);
  if (!compiled) throw new NotFound(path, `rule set version ${version} does not exist`);
  return compiled;
}
