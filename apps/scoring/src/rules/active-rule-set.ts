import { type Pool } from 'pg';
import { compileRuleSet, parseRuleSet, validateRuleSet, type CompiledRuleSet } from '@leadscore/scoring';
import { activateRuleSet, findActiveRuleSet, insertRuleSet } from '@leadscore/persistence';
import { readDefaultRuleSetText } from './default-rule-set';

// Serialises "seed the default rule set" across workers starting together.
const SEED_LOCK_KEY = 7_215_003_112;

/**
 * The rule set new events are scored with. Compiled once per version; `refresh` asks Postgres
 * (the truth) which version is active and recompiles only when it changed.
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
    const validated = validateRuleSet(stored.definition);
    if (!validated.ok) throw new Error(`active rule set v${stored.version} is invalid: ${validated.errors[0].path} ${validated.errors[0].message}`);
    this.compiled = compileRuleSet(validated.definition, stored.version);
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
