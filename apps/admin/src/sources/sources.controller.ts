import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { type CreatedSource, CreateSourceHandler } from './create-source/create-source.handler';
import { ListSourcesQuery, type SourceView } from './list-sources/list-sources.query';
import { RevokeSourceHandler } from './revoke-source/revoke-source.handler';
import { UpdateSourceHandler, type UpdatedSource } from './update-source/update-source.handler';
import { SourcesDocs } from './sources.open-api';

/** Sources and their ingest write keys: a key is shown once, stored hashed, revocable. */
@ApiTags('sources')
@Controller('v1/sources')
export class SourcesController {
  constructor(
    private readonly createSource: CreateSourceHandler,
    private readonly listSources: ListSourcesQuery,
    private readonly revokeSource: RevokeSourceHandler,
    private readonly updateSource: UpdateSourceHandler,
  ) {}

  @SourcesDocs.create
  @Post()
  @HttpCode(201)
  @RequireScope('sources:write')
  create(@Actor() actor: OpsActor, @Body() body: unknown): Promise<CreatedSource> {
    return this.createSource.execute(actor, body);
  }

  @SourcesDocs.list
  @Get()
  @RequireScope('sources:write')
  list(@Query() query: { cursor?: string; limit?: string }): Promise<{ items: SourceView[]; nextCursor: string | null }> {
    return this.listSources.execute(query);
  }

  @SourcesDocs.update
  @Patch(':id')
  @RequireScope('sources:write')
  update(@Actor() actor: OpsActor, @Param('id') id: string, @Body() body: unknown): Promise<UpdatedSource> {
    return this.updateSource.execute(actor, id, body);
  }

  @SourcesDocs.revoke
  @Delete(':id')
  @HttpCode(204)
  @RequireScope('sources:write')
  revoke(@Actor() actor: OpsActor, @Param('id') id: string): Promise<void> {
    return this.revokeSource.execute(actor, id);
  }
}
