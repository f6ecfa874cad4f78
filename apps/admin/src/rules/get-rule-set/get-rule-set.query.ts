import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { NotFound } from '@leadscore/http';
import { PG_POOL } from '../../admin.tokens';

export interface RuleSetView {
  version: number;
  name: string;
  format: 'yaml' | 'json';
  sourceText: string;
  definition: unknown;
  author: string | null;
  createdAt: string;
  activatedAt: string | null;
  active: boolean;
}

const SQL = `
  SELECT version, name, format, source_text, definition, author, created_at, activated_at, is_active
  FROM rule_sets WHERE version = $1`;

/** One stored version: the text as posted and the definition it parsed to. */
@Injectable()
export class GetRuleSetQuery {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async execute(version: number): Promise<RuleSetView> {
    const result = await this.pool.query(SQL, [version]);
    if (result.rows.length === 0) throw new NotFound('version', `no rule set version ${version}`);
    const row = result.rows[0];
    return {
      version: row.version,
      name: row.name,
      format: row.format,
      sourceText: row.source_text,
      definition: row.definition,
      author: row.author,
      createdAt: row.created_at.toISOString(),
      activatedAt: row.activated_at?.toISOString() ?? null,
      active: row.is_active,
    };
  }
}
