import { Module } from '@nestjs/common';
import { DlqController } from './dlq.controller';
import { ListDeadLettersQuery } from './list-dead-letters/list-dead-letters.query';
import { RedriveDeadLettersHandler } from './redrive-dead-letters/redrive-dead-letters.handler';

@Module({ controllers: [DlqController], providers: [ListDeadLettersQuery, RedriveDeadLettersHandler] })
export class DlqModule {}
