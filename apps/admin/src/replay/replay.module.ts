import { Module } from '@nestjs/common';
import { ReplayController } from './replay.controller';
import { ReplayService } from './replay.service';

/** `POST /v1/replay`, `GET /v1/replay/:id`; exports ReplayService for `activate {"rescore": true}`. */
@Module({ controllers: [ReplayController], providers: [ReplayService], exports: [ReplayService] })
export class ReplayModule {}
