import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { ListHandoffsQuery, type HandoffView } from './list-handoffs.query';
import { RedeliverHandoffCommand } from './redeliver-handoff.command';
import { HandoffsDocs } from './handoffs.open-api';

@ApiTags('handoffs')
@Controller('v1/handoffs')
export class HandoffsController {
  constructor(private readonly list: ListHandoffsQuery, private readonly redeliverHandoff: RedeliverHandoffCommand) {}

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
  redeliver(@Actor() actor: OpsActor, @Param('id') id: string): Promise<{ handoffId: string; status: 'pending' }> {
    return this.redeliverHandoff.execute(actor, id);
  }
}
