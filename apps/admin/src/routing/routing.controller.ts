import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, UseGuards } from '@nestjs/common';
import { type Pool } from 'pg';
import { latestRouting } from '@leadscore/persistence';
import { type RoutingConfig } from '@leadscore/routing';
import { PG_POOL } from '../admin.tokens';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { PutRoutingCommand, type PutRoutingAnswer } from './put-routing.command';
import { RotateTeamSecretCommand, type RotatedSecret } from './rotate-team-secret.command';
import { RoutingDocs } from './routing.open-api';

@ApiTags('routing')
@Controller('v1/routing')
@UseGuards(AdminTokenGuard)
export class RoutingController {
  constructor(
    private readonly putRouting: PutRoutingCommand,
    private readonly rotateSecret: RotateTeamSecretCommand,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @RoutingDocs.put
  @Put()
  @HttpCode(200)
  put(@Body() body: unknown): Promise<PutRoutingAnswer> {
    return this.putRouting.execute(body, null);
  }

  /** The routing in force, without secrets; `{version: null, teams: []}` before any was set. */
  @RoutingDocs.get
  @Get()
  async get(): Promise<{ version: number | null } & RoutingConfig> {
    const stored = await latestRouting<RoutingConfig>(this.pool);
    return stored ? { version: stored.version, ...stored.definition } : { version: null, teams: [] };
  }

  /** A new webhook secret for the team, shown once; the old one is still signed with for 24 h. */
  @RoutingDocs.rotate
  @Post('teams/:teamId/rotate-secret')
  @HttpCode(200)
  rotate(@Param('teamId') teamId: string): Promise<RotatedSecret> {
    return this.rotateSecret.execute(teamId);
  }
}
