import { Module } from '@nestjs/common';
import { ErasureService } from './erase-lead/erasure.service';
import { ErasuresController } from './erasures.controller';
import { ExportLeadQuery } from './export-lead/export-lead.query';
import { LeadExportController } from './lead-export.controller';

/** `DELETE /v1/leads/:id`, `GET /v1/erasures/:id`, `GET /v1/leads/:id/export`. */
@Module({ controllers: [ErasuresController, LeadExportController], providers: [ErasureService, ExportLeadQuery] })
export class PrivacyModule {}
