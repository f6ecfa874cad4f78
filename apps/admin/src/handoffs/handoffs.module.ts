import { Module } from '@nestjs/common';
import { HandoffsController } from './handoffs.controller';
import { ListHandoffsQuery } from './list-handoffs.query';

@Module({ controllers: [HandoffsController], providers: [ListHandoffsQuery] })
export class HandoffsModule {}
