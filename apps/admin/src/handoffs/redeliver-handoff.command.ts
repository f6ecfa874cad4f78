import { Inject, Injectable } from '@nestjs/common';
import { type DataSource, type Repository } from 'typeorm';
import { Conflict, NotFound, ValidationFailed } from '@leadscore/http';
import { HandoffEntity, resetDeliveryWithin } from '@leadscore/persistence';
import { DATA_SOURCE } from '../admin.tokens';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { type OpsActor } from '../auth/ops-actor';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `POST /v1/handoffs/{id}/redeliver`: the webhook again from a fresh schedule, with the same delivery id (receivers dedupe on it). */
@Injectable()
export class RedeliverHandoffCommand {
  private readonly handoffs: Repository<HandoffEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource, private readonly audit: OpsAuditTrail) {
    this.handoffs = dataSource.getRepository(HandoffEntity);
  }

  async execute(actor: OpsActor, id: string): Promise<{ handoffId: string; status: 'pending' }> {
    if (!UUID.test(id)) throw new ValidationFailed([{ path: 'id', message: 'must be a handoff id (uuid)' }]);
    if (!(await this.handoffs.existsBy({ id }))) throw new NotFound('id', `no handoff ${id}`);
    return this.audit.change(actor, 'handoff.redelivery_requested', async (db) => {
      if (!(await resetDeliveryWithin(db, id))) throw new Conflict('id', 'this handoff is unassigned: it has no webhook to deliver');
      return { result: { handoffId: id, status: 'pending' as const }, details: { handoffId: id } };
    });
  }
}
