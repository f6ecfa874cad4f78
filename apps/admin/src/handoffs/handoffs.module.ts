import { Module } from '@nestjs/common';
import { HandoffsController } from './handoffs.controller';
import { ListHandoffsQuery } from './list-handoffs.query';
import { RedeliverHandoffCommand } from './redeliver-handoff.command';

@Module({ controllers: [HandoffsController], providers: [ListHandoffsQuery, RedeliverHandoffCommand] })
export class HandoffsModule {}
