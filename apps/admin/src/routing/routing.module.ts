import { Module } from '@nestjs/common';
import { PutRoutingCommand } from './put-routing.command';
import { RoutingController } from './routing.controller';

@Module({ controllers: [RoutingController], providers: [PutRoutingCommand] })
export class RoutingModule {}
