import { Inject, Injectable } from '@nestjs/common';
import { type Pool } from 'pg';
import { FEATURE_SPEC_VERSION, type LogisticModel, parseModel } from '@leadscore/learning';
import { findActiveModel } from '@leadscore/persistence';
import { PG_POOL } from '../admin.tokens';

export interface ActiveModel {
  id: string;
  rulesVersion: number;
  model: LogisticModel;
}

/** The active model, parsed once per model id (a model never changes once stored). */
@Injectable()
export class ActiveModels {
  private parsed: ActiveModel | null = null;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async current(): Promise<ActiveModel | null> {
    const row = await findActiveModel(this.pool);
    if (!row || row.featureSpecVersion !== FEATURE_SPEC_VERSION) return null;
    if (this.parsed?.id !== row.id) this.parsed = { id: row.id, rulesVersion: row.rulesVersion, model: parseModel(row.model) };
    return this.parsed;
  }
}
