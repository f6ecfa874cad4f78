import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { type Pool } from 'pg';
import { Conflict, NotFound, ValidationFailed } from '@leadscore/http';
import { resetDeliveryWithin } from '@leadscore/persistence';
import { PG_POOL } from '../admin.tokens';
import { OpsAuditTrail } from '../audit/ops-audit.trail';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { ListHandoffsQuery, type HandoffView } from './list-handoffs.query';
import { HandoffsDocs } from './handoffs.open-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@ApiTags('handoffs')
@Controller('v1/handoffs')
export class HandoffsController {
  constructor(private readonly list: ListHandoffsQuery, @Inject(PG_POOL) private readonly pool: Pool, private readonly audit: OpsAuditTrail) {}

  @HandoffsDocs.list
  @Get()
  @RequireScope('leads:read')
  index(@Query() query: { status?: string; leadId?: string; cursor?: string; limit?: string }): Promise<{ items: HandoffView[]; nextCursor: string | null }> {
    return this.list.execute(query);
  }

  /** Sends the webhook again from a fresh schedule, with the same delivery id (receivers dedupe on it). */
  @HandoffsDocs.redeliver
  @Post(':id/redeliver')
  @HttpCode(202)
  @RequireScope('routing:write')
  async redeliver(@Actor() actor: OpsActor, @Param('id') id: string): Promise<{ handoffId: string; status: 'pending' }> {
    if (!UUID.test(id)) throw new ValidationFailed([{ path: 'id', message: 'must be a handoff id (uuid)' }]);
    const exists = await this.pool.query('SELECT status FROM handoffs WHERE id = $1', [id]);
    if (exists.rows.length === 0) throw new NotFound('id', `no handoff ${id}`);
    return this.audit.change(actor, 'handoff.redelivery_requested', async (db) => {
      if (!(await resetDeliveryWithin(db, id))) throw new Conflict('id', 'this handoff is unassigned: it has no webhook to deliver');
      return { result: { handoffId: id, status: 'pending' as const }, details: { handoffId: id } };
    });
  }
}
