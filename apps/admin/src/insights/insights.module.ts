import { Module } from '@nestjs/common';
import { ListCostsQuery } from './costs/list-costs.query';
import { PutCostHandler } from './costs/put-cost.handler';
import { GetInsightsQuery } from './get-insights/get-insights.query';
import { GetThresholdsQuery } from './get-thresholds/get-thresholds.query';
import { InsightsController } from './insights.controller';

@Module({ controllers: [InsightsController], providers: [GetInsightsQuery, GetThresholdsQuery, PutCostHandler, ListCostsQuery] })
export class InsightsModule {}
