import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { readActivateBody } from './activate-rule-set/activate-rule-set.command';
import { ActivateRuleSetHandler, type Activation } from './activate-rule-set/activate-rule-set.handler';
import { CreateRuleSetHandler } from './create-rule-set/create-rule-set.handler';
import { GetRuleSetQuery, type RuleSetView } from './get-rule-set/get-rule-set.query';
import { ListRuleSetsQuery, type RuleSetPage } from './list-rule-sets/list-rule-sets.query';
import { readRuleSetBody } from './rule-set-body';
import { parseVersionParam } from './rule-set-version.param';
import { ValidateRuleSetHandler } from './validate-rule-set/validate-rule-set.handler';
import { RulesDocs } from './rules.open-api';

@ApiTags('rules')
@Controller('v1/rules')
export class RulesController {
  constructor(
    private readonly createRuleSet: CreateRuleSetHandler,
    private readonly validateRuleSet: ValidateRuleSetHandler,
    private readonly listRuleSets: ListRuleSetsQuery,
    private readonly getRuleSet: GetRuleSetQuery,
    private readonly activateRuleSet: ActivateRuleSetHandler,
  ) {}

  @RulesDocs.create
  @Post()
  @HttpCode(201)
  @RequireScope('rules:write')
  create(@Actor() actor: OpsActor, @Req() request: FastifyRequest): Promise<{ version: number }> {
    return this.createRuleSet.execute(actor, readRuleSetBody(request));
  }

  @RulesDocs.validate
  @Post('validate')
  @HttpCode(200)
  @RequireScope('rules:write')
  validate(@Req() request: FastifyRequest): { valid: true } {
    return this.validateRuleSet.execute(readRuleSetBody(request));
  }

  @RulesDocs.list
  @Get()
  @RequireScope('rules:write')
  list(@Query() query: Record<string, unknown>): Promise<RuleSetPage> {
    return this.listRuleSets.execute(query);
  }

  @RulesDocs.show
  @Get(':version')
  @RequireScope('rules:write')
  show(@Param('version') version: string): Promise<RuleSetView> {
    return this.getRuleSet.execute(parseVersionParam(version));
  }

  @RulesDocs.activate
  @Post(':version/activate')
  @RequireScope('rules:activate')
  async activate(@Actor() actor: OpsActor, @Param('version') version: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<Activation['body']> {
    const activation = await this.activateRuleSet.execute(actor, { version: parseVersionParam(version), ...readActivateBody(body) });
    void reply.status(activation.status);
    return activation.body;
  }
}
