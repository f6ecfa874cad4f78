import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type Repository } from 'typeorm';
import { NotFound } from '@leadscore/http';
import { RuleSetEntity, type StoredRuleSet } from '@leadscore/persistence';
import { DATA_SOURCE } from '../../admin.tokens';

/** A stored version as the API shows it: times as ISO-8601, and whether it is the active one. */
export interface RuleSetView extends Omit<StoredRuleSet, 'createdAt' | 'isActive'> {
  createdAt: string;
  activatedAt: string | null;
  active: boolean;
}

/** One stored version: the text as posted and the definition it parsed to. */
@Injectable()
export class GetRuleSetQuery {
  private readonly ruleSets: Repository<RuleSetEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.ruleSets = dataSource.getRepository(RuleSetEntity);
  }

  async execute(version: number): Promise<RuleSetView> {
    const row = await this.ruleSets.findOneBy({ version });
    if (row === null) throw new NotFound('version', `no rule set version ${version}`);
    return {
      version: row.version,
      name: row.name,
      format: row.format,
      sourceText: row.sourceText,
      definition: row.definition,
      author: row.author,
      createdAt: row.createdAt.toISOString(),
      activatedAt: row.activatedAt?.toISOString() ?? null,
      active: row.isActive,
    };
  }
}
