import { Module } from '@nestjs/common';
import { CreateSourceHandler } from './create-source/create-source.handler';
import { ListSourcesQuery } from './list-sources/list-sources.query';
import { RevokeSourceHandler } from './revoke-source/revoke-source.handler';
import { SourceChangeAnnouncer } from './source-change.announcer';
import { SourcesController } from './sources.controller';
import { UpdateSourceHandler } from './update-source/update-source.handler';

@Module({ controllers: [SourcesController], providers: [CreateSourceHandler, ListSourcesQuery, RevokeSourceHandler, UpdateSourceHandler, SourceChangeAnnouncer] })
export class SourcesModule {}
