import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { insertRuleSet } from '@leadscore/persistence';
import { PG_POOL } from '../../admin.tokens';
import { type PostedRuleSet, ruleSetRefused } from '../rule-set-body';

export interface CreateRuleSet {
  posted: PostedRuleSet;
  author: string | null;
}

/** Stores a posted rule set as a new immutable version (always new, even for identical text). */
@Injectable()
export class CreateRuleSetHandler {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute({ posted, author }: CreateRuleSet): Promise<{ version: number }> {
    if (!posted.parsed.ok) throw ruleSetRefused(posted.parsed.errors);
    const definition = posted.parsed.definition;
    const version = await insertRuleSet(this.pool, {
      name: definition.name, format: posted.format, sourceText: posted.sourceText, definition, author,
    });
    return { version };
  }
}
