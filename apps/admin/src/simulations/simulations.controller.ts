import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { type ChangedLead, type SimulationView } from '@leadscore/contracts';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { parseVersionParam } from '../rules/rule-set-version.param';
import { SimulationsService } from './simulations.service';
import { SimulationsDocs } from './simulations.open-api';

@ApiTags('simulations')
@Controller('v1')
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @SimulationsDocs.start
  @Post('rules/:version/simulate')
  @HttpCode(202)
  @RequireScope('rules:write')
  start(@Actor() actor: OpsActor, @Param('version') version: string): Promise<{ simulationId: string }> {
    return this.simulations.start(actor, parseVersionParam(version));
  }

  @SimulationsDocs.show
  @Get('simulations/:simulationId')
  @RequireScope('rules:write')
  show(@Param('simulationId') simulationId: string): Promise<SimulationView> {
    return this.simulations.status(simulationId);
  }

  @SimulationsDocs.leads
  @Get('simulations/:simulationId/leads')
  @RequireScope('rules:write')
  leads(
    @Param('simulationId') simulationId: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<{ items: ChangedLead[]; nextCursor: string | null }> {
    return this.simulations.changedLeads(simulationId, cursor, limit);
  }
}
