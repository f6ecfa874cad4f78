import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { ModelsDocs } from './models.open-api';
import { ModelsService, type ModelView } from './models.service';

/** Learned scoring (docs/learned-scoring.md): train, read, list and activate win models. */
@ApiTags('models')
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @ModelsDocs.train
  @Post()
  @HttpCode(202)
  @RequireScope('rules:write')
  train(@Actor() actor: OpsActor, @Body() body: unknown): Promise<{ modelId: string }> {
    return this.models.start(actor, body);
  }

  @ModelsDocs.list
  @Get()
  @RequireScope('rules:write')
  list(@Query('cursor') cursor?: string, @Query('limit') limit?: string): Promise<{ items: ModelView[]; nextCursor: string | null }> {
    return this.models.list(cursor, limit);
  }

  @ModelsDocs.show
  @Get(':modelId')
  @RequireScope('rules:write')
  show(@Param('modelId') modelId: string): Promise<ModelView> {
    return this.models.status(modelId);
  }

  // Activating changes what sales sees on every lead, as activating a rule set does.
  @ModelsDocs.activate
  @Post(':modelId/activate')
  @HttpCode(200)
  @RequireScope('rules:activate')
  activate(@Actor() actor: OpsActor, @Param('modelId') modelId: string): Promise<ModelView> {
    return this.models.activate(actor, modelId);
  }
}
