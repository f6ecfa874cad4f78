import { Inject, Injectable } from '@nestjs/common';
import { type Pool, type PoolClient } from 'pg';
import { appendOpsAudit, withTransaction, type AuditDetails } from '@leadscore/persistence';
import { PG_POOL } from '../admin.tokens';
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
 * sends inside `work`, before the commit: a failed send rolls the entry back.
 */
@Injectable()
export class OpsAuditTrail {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async change<T>(actor: OpsActor, kind: AuditKind, work: (db: PoolClient) => Promise<AuditedChange<T>>): Promise<T> {
    return withTransaction(this.pool, async (client) => {
      const { result, details } = await work(client);
      await appendOpsAudit(client, { tokenId: actor.tokenId, tokenName: actor.tokenName, requestId: actor.requestId, kind, details });
      return result;
    });
  }
}
