import { type Pool } from 'pg';
import { parseRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { activateRuleSet, ADVISORY_LOCKS, COMPILED_RULE_SETS, findActiveRuleSet, insertRuleSet } from '@leadscore/persistence';
import { readDefaultRuleSetText } from './default-rule-set';

// Serialises "seed the default rule set" across workers starting together.
const SEED_LOCK_KEY = ADVISORY_LOCKS.ruleSets;

type Queryable = Pick<Pool, 'query'>;

/** The compiled set of `version`, loaded through `db` (e.g. the caller's transaction) on first use. */
export async function compiledRuleSetFor(db: Queryable, version: number): Promise<CompiledRuleSet> {
  const compiled = await COMPILED_RULE_SETS.get(db, version);
  if (!compiled) throw new Error(`rule set v${version} does not exist`);
  return compiled;
}

/**
 * The rule set new events are scored with. Compiled once per version (a cache by version, since
 * versions are immutable); `refresh` asks Postgres (the truth) which version is active. A scoring
 * transaction asks `compiledRuleSetFor` with the version it read inside itself, so a batch is scored
 * with the version active at its transaction even before `refresh` has run (a replay switch).
 */
export class ActiveRuleSet {
  private compiled: CompiledRuleSet | null = null;
  private version = 0;

  constructor(private readonly pool: Pool) {}

  current(): CompiledRuleSet {
    if (this.compiled === null) throw new Error('rule set not loaded yet');
    return this.compiled;
  }

  get activeVersion(): number {
    return this.version;
  }

  /** Returns true when the active version changed. */
  async refresh(): Promise<boolean> {
    const stored = (await findActiveRuleSet(this.pool)) ?? (await this.seedDefault());
    if (stored.version === this.version) return false;
    this.compiled = COMPILED_RULE_SETS.compile(stored);
    this.version = stored.version;
    return true;
  }

  /** First start: store rules/default.yaml as version 1 and activate it (once, whoever comes first). */
  private async seedDefault() {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
      const existing = await findActiveRuleSet(client);
      if (existing) {
        await client.query('COMMIT');
        return existing;
      }
      const text = readDefaultRuleSetText();
      const parsed = parseRuleSet(text, 'yaml');
      if (!parsed.ok) throw new Error(`rules/default.yaml is invalid: ${parsed.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
      const version = await insertRuleSet(client, {
        name: parsed.definition.name, format: 'yaml', sourceText: text, definition: parsed.definition, author: 'system (default)',
      });
      await activateRuleSet(client, version);
      await client.query('COMMIT');
      return (await findActiveRuleSet(this.pool))!;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
