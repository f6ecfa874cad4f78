import { ApiTags } from '@nestjs/swagger';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { type CostView } from './costs/cost-view';
import { ListCostsQuery } from './costs/list-costs.query';
import { PutCostHandler } from './costs/put-cost.handler';
import { GetInsightsQuery } from './get-insights/get-insights.query';
import { type InsightsAnswer } from './get-insights/insights-report';
import { GetThresholdsQuery } from './get-thresholds/get-thresholds.query';
import { type ThresholdAnswer } from './get-thresholds/threshold-backtest';
import { InsightsDocs } from './insights.open-api';

/** Insights (docs/ops-api.md "Insights"): the cohort's funnel, sources, costs and revenue; the threshold backtest; costs. */
@ApiTags('insights')
@Controller('v1/insights')
export class InsightsController {
  constructor(
    private readonly insights: GetInsightsQuery,
    private readonly thresholdsQuery: GetThresholdsQuery,
    private readonly putCost: PutCostHandler,
    private readonly listCosts: ListCostsQuery,
  ) {}

  @InsightsDocs.show
  @Get()
  @RequireScope('insights:read')
  show(@Query() query: Record<string, unknown>): Promise<InsightsAnswer> {
    return this.insights.execute(query);
  }

  @InsightsDocs.thresholds
  @Get('thresholds')
  @RequireScope('insights:read')
  thresholds(@Query() query: Record<string, unknown>): Promise<ThresholdAnswer> {
    return this.thresholdsQuery.execute(query);
  }

  @InsightsDocs.costs
  @Get('costs')
  @RequireScope('insights:read')
  costs(@Query() query: { cursor?: string; limit?: string }): Promise<{ items: CostView[]; nextCursor: string | null }> {
    return this.listCosts.execute(query);
  }

  // Campaign costs belong with the sources they are spent on: a read-only BI token cannot change them.
  @InsightsDocs.put
  @Put('costs/:source')
  @RequireScope('sources:write')
  put(@Actor() actor: OpsActor, @Param('source') source: string, @Body() body: unknown): Promise<CostView> {
    return this.putCost.execute(actor, source, body);
  }
}
