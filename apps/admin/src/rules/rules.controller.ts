import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { readActivateBody } from './activate-rule-set/activate-rule-set.command';
import { ActivateRuleSetHandler, type Activation } from './activate-rule-set/activate-rule-set.handler';
import { CreateRuleSetHandler } from './create-rule-set/create-rule-set.handler';
import { GetRuleSetQuery, type RuleSetView } from './get-rule-set/get-rule-set.query';
import { ListRuleSetsQuery, type RuleSetPage } from './list-rule-sets/list-rule-sets.query';
import { readAuthor } from './rule-set-author';
import { readRuleSetBody } from './rule-set-body';
import { parseVersionParam } from './rule-set-version.param';
import { ValidateRuleSetHandler } from './validate-rule-set/validate-rule-set.handler';
import { RulesDocs } from './rules.open-api';

@ApiTags('rules')
@Controller('v1/rules')
@UseGuards(AdminTokenGuard)
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
  create(@Req() request: FastifyRequest): Promise<{ version: number }> {
    return this.createRuleSet.execute({ posted: readRuleSetBody(request), author: readAuthor(request) });
  }

  @RulesDocs.validate
  @Post('validate')
  @HttpCode(200)
  validate(@Req() request: FastifyRequest): { valid: true } {
    return this.validateRuleSet.execute(readRuleSetBody(request));
  }

  @RulesDocs.list
  @Get()
  list(@Query() query: Record<string, unknown>): Promise<RuleSetPage> {
    return this.listRuleSets.execute(query);
  }

  @RulesDocs.show
  @Get(':version')
  show(@Param('version') version: string): Promise<RuleSetView> {
    return this.getRuleSet.execute(parseVersionParam(version));
  }

  @RulesDocs.activate
  @Post(':version/activate')
  async activate(@Param('version') version: string, @Body() body: unknown, @Res({ passthrough: true }) reply: FastifyReply): Promise<Activation['body']> {
    const activation = await this.activateRuleSet.execute({ version: parseVersionParam(version), ...readActivateBody(body) });
    void reply.status(activation.status);
    return activation.body;
  }
}
