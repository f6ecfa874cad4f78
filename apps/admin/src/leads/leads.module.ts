import { Module } from '@nestjs/common';
import { ModelsModule } from '../models/models.module';
import { CompiledRuleSets } from './get-lead-as-of/compiled-rule-sets';
import { GetLeadQuery } from './get-lead/get-lead.query';
import { GetLeadAsOfQuery } from './get-lead-as-of/get-lead-as-of.query';
import { GetLeadTimelineQuery } from './get-lead-timeline/get-lead-timeline.query';
import { LeadsController } from './leads.controller';
import { ListLeadsQuery } from './list-leads/list-leads.query';

@Module({ imports: [ModelsModule], controllers: [LeadsController], providers: [GetLeadQuery, GetLeadAsOfQuery, GetLeadTimelineQuery, ListLeadsQuery, CompiledRuleSets] })
export class LeadsModule {}
