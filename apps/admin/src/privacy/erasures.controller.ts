import { Controller, Delete, Get, HttpCode, Param, UseGuards } from '@nestjs/common';
import { AdminTokenGuard } from '../auth/admin-token.guard';
import { ErasureService, type ErasureView } from './erase-lead/erasure.service';

/** Erasure (GDPR art. 17): a resumable background job; see docs/privacy.md. */
@Controller('v1')
@UseGuards(AdminTokenGuard)
export class ErasuresController {
  constructor(private readonly erasures: ErasureService) {}

  @Delete('leads/:leadId')
  @HttpCode(202)
  erase(@Param('leadId') leadId: string): Promise<{ erasureId: string }> {
    return this.erasures.erase(leadId);
  }

  @Get('erasures/:erasureId')
  show(@Param('erasureId') erasureId: string): Promise<ErasureView> {
    return this.erasures.status(erasureId);
  }
}
