import { Inject, Injectable } from '@nestjs/common';
import { type PoolClient } from 'pg';
import { type DataSource, type EntityManager } from 'typeorm';
import { OpsAuditEntity, type AuditDetails } from '@leadscore/persistence';
import { DATA_SOURCE } from '../admin.tokens';
import { type OpsActor } from '../auth/ops-actor';
import { type AuditKind } from './audit-kinds';

export interface AuditedChange<T> {
  result: T;
  /** What changed: ids, versions, counts — never a secret or personal data. */
  details: AuditDetails;
}

/**
 * Runs a change and its audit entry in ONE transaction: both commit or neither does, so a refused
 * change (it throws) leaves no entry. A change that is a Kafka produce (feedback, DLQ redrive)
 * sends inside `work`, before the commit: a failed send rolls the entry back. `work` gets the
 * transaction twice: as the `pg` connection (for libs/persistence statements) and as TypeORM's manager.
 */
@Injectable()
export class OpsAuditTrail {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  async change<T>(actor: OpsActor, kind: AuditKind, work: (db: PoolClient, orm: EntityManager) => Promise<AuditedChange<T>>): Promise<T> {
    return this.dataSource.transaction(async (orm) => {
      if (!orm.queryRunner) throw new Error('a TypeORM transaction always has its query runner');
      // connect() of a connected runner hands back its connection: the one this transaction runs on.
      const db = (await orm.queryRunner.connect()) as PoolClient;
      const { result, details } = await work(db, orm);
      await orm.insert(OpsAuditEntity, { tokenId: actor.tokenId, tokenName: actor.tokenName, requestId: actor.requestId, kind, details });
      return result;
    });
  }
}
