import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { GetLeadQuery } from './get-lead/get-lead.query';
import { type LeadView } from './lead-view';

@Controller('v1/leads')
@UseGuards(AdminTokenGuard)
export class LeadsController {
  constructor(private readonly getLead: GetLeadQuery) {}

  @Get(':leadId')
  show(@Param('leadId') leadId: string): Promise<LeadView> {
    return this.getLead.execute(leadId);
  }
}
