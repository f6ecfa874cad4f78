import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { Metrics } from '@leadscore/observability';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ExportLeadQuery, type LeadExport } from './export-lead/export-lead.query';
import { privacyMetrics } from './privacy.metrics';

/** Access and portability (GDPR art. 15/20): every stored fact about a lead as one JSON document. */
@Controller('v1/leads')
@UseGuards(AdminTokenGuard)
export class LeadExportController {
  constructor(private readonly exportLead: ExportLeadQuery, @Inject(Metrics) private readonly metrics: Metrics) {}

  @Get(':leadId/export')
  async show(@Param('leadId') leadId: string): Promise<LeadExport> {
    const document = await this.exportLead.execute(leadId);
    privacyMetrics(this.metrics).exports.inc();
    return document;
  }
}
