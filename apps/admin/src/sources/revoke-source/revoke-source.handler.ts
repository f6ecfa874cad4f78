import { Injectable } from '@nestjs/common';
import { NotFound } from '@leadscore/http';
import { WriteKeyRepository } from '@leadscore/persistence';
import { OpsAuditTrail } from '../../audit/ops-audit.trail';
import { type OpsActor } from '../../auth/ops-actor';
import { SourceChangeAnnouncer } from '../source-change.announcer';

/** Revokes a source's write key in Postgres, then announces it so that ingest drops its cached lookup. */
@Injectable()
export class RevokeSourceHandler {
  constructor(
    private readonly audit: OpsAuditTrail,
    private readonly announcer: SourceChangeAnnouncer,
  ) {}

  async execute(actor: OpsActor, id: string): Promise<void> {
    await this.audit.change(actor, 'source.revoked', async (db) => {
      if (!(await new WriteKeyRepository(db).revoke(id))) throw new NotFound('id', `no active source "${id.slice(0, 64)}"`);
      return { result: null, details: { sourceId: id } };
    });
    await this.announcer.announce(id);
  }
}
