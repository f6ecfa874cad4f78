import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, HttpCode, Inject, Param, Post, Query, UseGuards } from '@nestjs/common';
import { type Pool } from 'pg';
import { Conflict, NotFound, ValidationFailed } from '@leadscore/http';
import { resetDelivery } from '@leadscore/persistence';
import { PG_POOL } from '../admin.tokens';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ListHandoffsQuery, type HandoffView } from './list-handoffs.query';
import { HandoffsDocs } from './handoffs.open-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

@ApiTags('handoffs')
@Controller('v1/handoffs')
@UseGuards(AdminTokenGuard)
export class HandoffsController {
  constructor(private readonly list: ListHandoffsQuery, @Inject(PG_POOL) private readonly pool: Pool) {}

  @HandoffsDocs.list
  @Get()
  index(@Query() query: { status?: string; leadId?: string; cursor?: string; limit?: string }): Promise<{ items: HandoffView[]; nextCursor: string | null }> {
    return this.list.execute(query);
  }

  /** Sends the webhook again from a fresh schedule, with the same delivery id (receivers dedupe on it). */
  @HandoffsDocs.redeliver
  @Post(':id/redeliver')
  @HttpCode(202)
  async redeliver(@Param('id') id: string): Promise<{ handoffId: string; status: 'pending' }> {
    if (!UUID.test(id)) throw new ValidationFailed([{ path: 'id', message: 'must be a handoff id (uuid)' }]);
    const exists = await this.pool.query('SELECT status FROM handoffs WHERE id = $1', [id]);
    if (exists.rows.length === 0) throw new NotFound('id', `no handoff ${id}`);
    const client = await this.pool.connect();
    try {
      if (!(await resetDelivery(client, id))) throw new Conflict('id', 'this handoff is unassigned: it has no webhook to deliver');
    } finally {
      client.release();
    }
    return { handoffId: id, status: 'pending' };
  }
}
