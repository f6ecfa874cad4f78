import { ApiTags } from '@nestjs/swagger';
import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Metrics } from '@leadscore/observability';
import { RequireScope } from '../auth/require-scope.decorator';
import { ExportLeadQuery, type LeadExport } from './export-lead/export-lead.query';
import { privacyMetrics } from './privacy.metrics';
import { PrivacyDocs } from './privacy.open-api';

/** Access and portability (GDPR art. 15/20): every stored fact about a lead as one JSON document. */
@ApiTags('privacy')
@Controller('v1/leads')
export class LeadExportController {
  constructor(private readonly exportLead: ExportLeadQuery, @Inject(Metrics) private readonly metrics: Metrics) {}

  @PrivacyDocs.export
  @Get(':leadId/export')
  @RequireScope('privacy:write')
  async show(@Param('leadId') leadId: string): Promise<LeadExport> {
    const document = await this.exportLead.execute(leadId);
    privacyMetrics(this.metrics).exports.inc();
    return document;
  }
}
