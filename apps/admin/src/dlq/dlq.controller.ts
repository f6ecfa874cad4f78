import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { type DeadLetterView, ListDeadLettersQuery } from './list-dead-letters/list-dead-letters.query';
import { RedriveDeadLettersHandler } from './redrive-dead-letters/redrive-dead-letters.handler';
import { DlqDocs } from './dlq.open-api';

/** `lead-events-dlq`: messages the scoring or handoff worker could not parse or store, for ops. */
@ApiTags('dlq')
@Controller('v1/dlq')
export class DlqController {
  constructor(
    private readonly listDeadLetters: ListDeadLettersQuery,
    private readonly redriveDeadLetters: RedriveDeadLettersHandler,
  ) {}

  @DlqDocs.list
  @Get()
  @RequireScope('dlq:write')
  list(@Query() query: { cursor?: string; limit?: string }): Promise<{ items: DeadLetterView[]; nextCursor: string | null }> {
    return this.listDeadLetters.execute(query);
  }

  @DlqDocs.redrive
  @Post('redrive')
  @HttpCode(202)
  @RequireScope('dlq:write')
  redrive(@Actor() actor: OpsActor, @Body() body: unknown): Promise<{ redriven: number }> {
    return this.redriveDeadLetters.execute(actor, body);
  }
}
