import { Module } from '@nestjs/common';
import { CreateSourceHandler } from './create-source/create-source.handler';
import { ListSourcesQuery } from './list-sources/list-sources.query';
import { RevokeSourceHandler } from './revoke-source/revoke-source.handler';
import { SourcesController } from './sources.controller';

@Module({ controllers: [SourcesController], providers: [CreateSourceHandler, ListSourcesQuery, RevokeSourceHandler] })
export class SourcesModule {}
