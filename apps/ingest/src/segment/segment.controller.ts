import { applyDecorators, Controller, Get, Header, Headers, HttpCode, Inject, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { CONFIG, type LeadscoreConfig } from '@leadscore/config';
import { type SegmentRoute } from '@leadscore/contracts';
import { sourceOf } from '../auth/authenticated-source';
import { isMarkedOptedOut } from '../browsers/opted-out';
import { IngestMetrics } from '../ingest.metrics';
import { segmentApiHost } from './segment-api-host';
import { DocumentSegmentCall, DocumentSegmentSettings } from './segment.open-api';
import { SegmentErrorFilter } from './segment-error.filter';
import { segmentSettings } from './segment-settings';
import { SegmentWriteKeyGuard } from './segment-write-key.guard';
import { type SegmentAccepted, SegmentService } from './segment.service';

/** A Segment route: 200 `{"success": true}`, the Segment way of auth (CORS: browsers/ingest-cors.options). */
const SegmentCall = (route: SegmentRoute, paths: string[]) => applyDecorators(Post(paths), HttpCode(200), UseGuards(SegmentWriteKeyGuard), DocumentSegmentCall(route));

/** Segment's HTTP Tracking API (and the short routes analytics.js uses), under /v1. */
@Controller('v1')
@UseFilters(SegmentErrorFilter)
export class SegmentController {
  constructor(
    private readonly segment: SegmentService,
    private readonly metrics: IngestMetrics,
    @Inject(CONFIG) private readonly config: LeadscoreConfig,
  ) {}

  @SegmentCall('track', ['track', 't'])
  track(@Req() request: FastifyRequest): Promise<SegmentAccepted> {
    return this.accept('track', request);
  }

  @SegmentCall('identify', ['identify', 'i'])
  identify(@Req() request: FastifyRequest): Promise<SegmentAccepted> {
    return this.accept('identify', request);
  }

  @SegmentCall('page', ['page', 'p'])
  page(@Req() request: FastifyRequest): Promise<SegmentAccepted> {
    return this.accept('page', request);
  }

  @SegmentCall('screen', ['screen', 's'])
  screen(@Req() request: FastifyRequest): Promise<SegmentAccepted> {
    return this.accept('screen', request);
  }

  @SegmentCall('group', ['group', 'g'])
  group(@Req() request: FastifyRequest): Promise<SegmentAccepted> {
    return this.accept('group', request);
  }

  @SegmentCall('alias', ['alias', 'a'])
  alias(@Req() request: FastifyRequest): Promise<SegmentAccepted> {
    return this.accept('alias', request);
  }

  @SegmentCall('batch', ['batch', 'b'])
  batch(@Req() request: FastifyRequest): Promise<SegmentAccepted> {
    return this.accept('batch', request);
  }

  /** analytics.js loads this before it sends anything; the key is only echoed, never looked up. */
  @Get('projects/:writeKey/settings')
  @DocumentSegmentSettings()
  @Header('cache-control', 'no-store')
  settings(@Param('writeKey') writeKey: string, @Headers() headers: Record<string, string | string[] | undefined>): ReturnType<typeof segmentSettings> {
    const target = segmentApiHost({
      publicUrl: this.config.ingestPublicUrl,
      host: headers.host?.toString(),
      forwardedHost: headers['x-forwarded-host'],
      forwardedProto: headers['x-forwarded-proto'],
    });
    return segmentSettings(writeKey, target);
  }

  private async accept(route: SegmentRoute, request: FastifyRequest): Promise<SegmentAccepted> {
    if (isMarkedOptedOut(request)) {
      // Sec-GPC / DNT: the body is not even read; only this counter knows the call happened.
      this.metrics.segmentOptedOut.inc({ route });
      return { success: true };
    }
    const source = sourceOf(request);
    const length = Number(request.headers['content-length']);
    return this.segment.accept({
      route,
      body: request.body,
      contentType: request.headers['content-type'],
      bodyBytes: Number.isFinite(length) ? length : undefined,
      source,
    });
  }
}
