import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { type CreatedToken, type TokenView } from '@leadscore/contracts';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { TokensDocs } from './tokens.open-api';
import { TokensService } from './tokens.service';

/** Scoped ops API tokens (`tokens:admin`). A token that holds it can mint any other: give it to people, not integrations. */
@ApiTags('tokens')
@Controller('v1/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  @TokensDocs.create
  @Post()
  @HttpCode(201)
  @RequireScope('tokens:admin')
  create(@Actor() actor: OpsActor, @Body() body: unknown): Promise<CreatedToken> {
    return this.tokens.create(actor, body);
  }

  @TokensDocs.list
  @Get()
  @RequireScope('tokens:admin')
  list(): Promise<{ items: TokenView[] }> {
    return this.tokens.list();
  }

  @TokensDocs.revoke
  @Delete(':id')
  @HttpCode(204)
  @RequireScope('tokens:admin')
  revoke(@Actor() actor: OpsActor, @Param('id') id: string): Promise<void> {
    return this.tokens.revoke(actor, id);
  }
}
