import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { type Pool } from 'pg';
import { latestRouting } from '@leadscore/persistence';
import { type RoutingConfig } from '@leadscore/routing';
import { PG_POOL } from '../admin.tokens';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { PutRoutingCommand, type PutRoutingAnswer } from './put-routing.command';
import { RotateTeamSecretCommand, type RotatedSecret } from './rotate-team-secret.command';
import { RoutingDocs } from './routing.open-api';

@ApiTags('routing')
@Controller('v1/routing')
export class RoutingController {
  constructor(
    private readonly putRouting: PutRoutingCommand,
    private readonly rotateSecret: RotateTeamSecretCommand,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  @RoutingDocs.put
  @Put()
  @HttpCode(200)
  @RequireScope('routing:write')
  put(@Actor() actor: OpsActor, @Body() body: unknown): Promise<PutRoutingAnswer> {
    return this.putRouting.execute(actor, body);
  }

  /** The routing in force, without secrets; `{version: null, teams: []}` before any was set. */
  @RoutingDocs.get
  @Get()
  @RequireScope('routing:write')
  async get(): Promise<{ version: number | null } & RoutingConfig> {
    const stored = await latestRouting<RoutingConfig>(this.pool);
    return stored ? { version: stored.version, ...stored.definition } : { version: null, teams: [] };
  }

  /** A new webhook secret for the team, shown once; the old one is still signed with for 24 h. */
  @RoutingDocs.rotate
  @Post('teams/:teamId/rotate-secret')
  @HttpCode(200)
  @RequireScope('routing:write')
  rotate(@Actor() actor: OpsActor, @Param('teamId') teamId: string): Promise<RotatedSecret> {
    return this.rotateSecret.execute(actor, teamId);
  }
}
