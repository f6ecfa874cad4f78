import { Body, Controller, Get, Param, Put, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { type CostView } from './costs/cost-view';
import { ListCostsQuery } from './costs/list-costs.query';
import { PutCostHandler } from './costs/put-cost.handler';
import { GetInsightsQuery } from './get-insights/get-insights.query';
import { type InsightsAnswer } from './get-insights/insights-report';
import { GetThresholdsQuery } from './get-thresholds/get-thresholds.query';
import { type ThresholdAnswer } from './get-thresholds/threshold-backtest';
import { InsightsDocs } from './insights.open-api';

/** Insights (DESIGN.md "Insights"): the cohort's funnel, sources, costs and revenue; the threshold backtest; costs. */
@ApiTags('insights')
@Controller('v1/insights')
@UseGuards(AdminTokenGuard)
export class InsightsController {
  constructor(
    private readonly insights: GetInsightsQuery,
    private readonly thresholdsQuery: GetThresholdsQuery,
    private readonly putCost: PutCostHandler,
    private readonly listCosts: ListCostsQuery,
  ) {}

  @InsightsDocs.show
  @Get()
  show(@Query() query: Record<string, unknown>): Promise<InsightsAnswer> {
    return this.insights.execute(query);
  }

  @InsightsDocs.thresholds
  @Get('thresholds')
  thresholds(@Query() query: Record<string, unknown>): Promise<ThresholdAnswer> {
    return this.thresholdsQuery.execute(query);
  }

  @InsightsDocs.costs
  @Get('costs')
  costs(@Query() query: { cursor?: string; limit?: string }): Promise<{ items: CostView[]; nextCursor: string | null }> {
    return this.listCosts.execute(query);
  }

  @InsightsDocs.put
  @Put('costs/:source')
  put(@Param('source') source: string, @Body() body: unknown): Promise<CostView> {
    return this.putCost.execute(source, body);
  }
}
