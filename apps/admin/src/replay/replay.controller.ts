import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ValidationFailed } from '@leadscore/http';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { ReplayService, type ReplayView } from './replay.service';
import { ReplayDocs } from './replay.open-api';

@ApiTags('replay')
@Controller('v1/replay')
export class ReplayController {
  constructor(private readonly replays: ReplayService) {}

  @ReplayDocs.start
  @Post()
  @HttpCode(202)
  @RequireScope('rules:activate')
  start(@Actor() actor: OpsActor, @Body() body: unknown): Promise<{ replayId: string }> {
    return this.replays.start(actor, parseRulesVersion(body));
  }

  @ReplayDocs.show
  @Get(':replayId')
  @RequireScope('rules:activate')
  show(@Param('replayId') replayId: string): Promise<ReplayView> {
    return this.replays.status(replayId);
  }
}

/** `{"rulesVersion": n}` with n a positive integer, else 400 on `rulesVersion`. */
export function parseRulesVersion(body: unknown): number {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).rulesVersion : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new ValidationFailed([{ path: 'rulesVersion', message: 'rulesVersion must be a positive integer' }]);
  }
  return value;
}
