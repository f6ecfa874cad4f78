import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { type LeadView } from '@leadscore/contracts';
import { RequireScope } from '../auth/require-scope.decorator';
import { GetLeadQuery } from './get-lead/get-lead.query';
import { GetLeadAsOfQuery } from './get-lead-as-of/get-lead-as-of.query';
import { GetLeadTimelineQuery, type TimelinePage } from './get-lead-timeline/get-lead-timeline.query';
import { ListLeadsQuery, type LeadPage } from './list-leads/list-leads.query';
import { LeadsDocs } from './leads.open-api';

@ApiTags('leads')
@Controller('v1/leads')
export class LeadsController {
  constructor(
    private readonly getLead: GetLeadQuery,
    private readonly getLeadAsOf: GetLeadAsOfQuery,
    private readonly getLeadTimeline: GetLeadTimelineQuery,
    private readonly listLeads: ListLeadsQuery,
  ) {}

  /** The live projections by score, filtered by `stage`, `minScore`, `team`, `source`. */
  @LeadsDocs.list
  @Get()
  @RequireScope('leads:read')
  list(@Query() query: Record<string, unknown>): Promise<LeadPage> {
    return this.listLeads.execute(query);
  }

  /** The live lead view, or with `?asOf=` the lead as it stood at that instant. */
  @LeadsDocs.show
  @Get(':leadId')
  @RequireScope('leads:read')
  show(@Param('leadId') leadId: string, @Query('asOf') asOf?: unknown): Promise<LeadView> {
    return asOf === undefined ? this.getLead.execute(leadId) : this.getLeadAsOf.execute(leadId, asOf);
  }

  /** The lead's events in log order, with what each did to its score and stage and the handoffs it caused. */
  @LeadsDocs.timeline
  @Get(':leadId/timeline')
  @RequireScope('leads:read')
  timeline(@Param('leadId') leadId: string, @Query() query: Record<string, unknown>): Promise<TimelinePage> {
    return this.getLeadTimeline.execute(leadId, query);
  }
}
