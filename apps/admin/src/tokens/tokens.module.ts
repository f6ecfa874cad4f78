import { Module } from '@nestjs/common';
import { TokenRevocationAnnouncer } from './token-revocation.announcer';
import { TokensController } from './tokens.controller';
import { TokensService } from './tokens.service';

@Module({ controllers: [TokensController], providers: [TokensService, TokenRevocationAnnouncer] })
export class TokensModule {}
