import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { parseVersionParam } from '../rules/rule-set-version.param';
import { type ChangedLead } from './compare-simulation';
import { SimulationsService, type SimulationView } from './simulations.service';
import { SimulationsDocs } from './simulations.open-api';

@ApiTags('simulations')
@Controller('v1')
@UseGuards(AdminTokenGuard)
export class SimulationsController {
  constructor(private readonly simulations: SimulationsService) {}

  @SimulationsDocs.start
  @Post('rules/:version/simulate')
  @HttpCode(202)
  start(@Param('version') version: string): Promise<{ simulationId: string }> {
    return this.simulations.start(parseVersionParam(version));
  }

  @SimulationsDocs.show
  @Get('simulations/:simulationId')
  show(@Param('simulationId') simulationId: string): Promise<SimulationView> {
    return this.simulations.status(simulationId);
  }

  @SimulationsDocs.leads
  @Get('simulations/:simulationId/leads')
  leads(
    @Param('simulationId') simulationId: string,
    @Query('cursor') cursor?: string,
    @Query('limit') limit?: string,
  ): Promise<{ items: ChangedLead[]; nextCursor: string | null }> {
    return this.simulations.changedLeads(simulationId, cursor, limit);
  }
}
