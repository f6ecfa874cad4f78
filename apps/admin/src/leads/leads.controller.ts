import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { GetLeadQuery } from './get-lead/get-lead.query';
import { GetLeadAsOfQuery } from './get-lead-as-of/get-lead-as-of.query';
import { type LeadView } from './lead-view';

@Controller('v1/leads')
@UseGuards(AdminTokenGuard)
export class LeadsController {
  constructor(
    private readonly getLead: GetLeadQuery,
    private readonly getLeadAsOf: GetLeadAsOfQuery,
  ) {}

  /** The live lead view, or with `?asOf=` the lead as it stood at that instant. */
  @Get(':leadId')
  show(@Param('leadId') leadId: string, @Query('asOf') asOf?: unknown): Promise<LeadView> {
    return asOf === undefined ? this.getLead.execute(leadId) : this.getLeadAsOf.execute(leadId, asOf);
  }
}
