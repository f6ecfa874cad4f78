import { ApiTags } from '@nestjs/swagger';
import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { Actor, type OpsActor } from '../auth/ops-actor';
import { RequireScope } from '../auth/require-scope.decorator';
import { ErasureService, type ErasureView } from './erase-lead/erasure.service';
import { PrivacyDocs } from './privacy.open-api';

/** Erasure (GDPR art. 17): a resumable background job; see docs/privacy.md. */
@ApiTags('privacy')
@Controller('v1')
export class ErasuresController {
  constructor(private readonly erasures: ErasureService) {}

  @PrivacyDocs.erase
  @Delete('leads/:leadId')
  @HttpCode(202)
  @RequireScope('privacy:write')
  erase(@Actor() actor: OpsActor, @Param('leadId') leadId: string): Promise<{ erasureId: string }> {
    return this.erasures.erase(actor, leadId);
  }

  @PrivacyDocs.status
  @Get('erasures/:erasureId')
  @RequireScope('privacy:write')
  show(@Param('erasureId') erasureId: string): Promise<ErasureView> {
    return this.erasures.status(erasureId);
  }
}
