import { Module } from '@nestjs/common';
import { PutRoutingCommand } from './put-routing.command';
import { RotateTeamSecretCommand } from './rotate-team-secret.command';
import { RoutingController } from './routing.controller';

@Module({ controllers: [RoutingController], providers: [PutRoutingCommand, RotateTeamSecretCommand] })
export class RoutingModule {}
