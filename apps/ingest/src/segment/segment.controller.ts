import { applyDecorators, Controller, Get, Header, Headers, HttpCode, Param, Post, Req, UseFilters, UseGuards } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type SegmentRoute } from '@leadscore/contracts';
import { type AuthenticatedSource, Source } from '../auth/authenticated-source';
import { SegmentErrorFilter } from './segment-error.filter';
import { segmentSettings } from './segment-settings';
import { SegmentWriteKeyGuard } from './segment-write-key.guard';
import { type SegmentAccepted, SegmentService } from './segment.service';

/** A Segment route: 200 `{"success": true}`, the Segment way of auth, readable from a browser. */
const SegmentCall = (paths: string[]) =>
  applyDecorators(Post(paths), HttpCode(200), Header('access-control-allow-origin', '*'), UseGuards(SegmentWriteKeyGuard));

/** Segment's HTTP Tracking API (and the short routes analytics.js uses), under /v1. */
@Controller('v1')
@UseFilters(SegmentErrorFilter)
export class SegmentController {
  constructor(private readonly segment: SegmentService) {}

  @SegmentCall(['track', 't'])
  track(@Req() request: FastifyRequest, @Source() source: AuthenticatedSource): Promise<SegmentAccepted> {
    return this.accept('track', request, source);
  }

  @SegmentCall(['identify', 'i'])
  identify(@Req() request: FastifyRequest, @Source() source: AuthenticatedSource): Promise<SegmentAccepted> {
    return this.accept('identify', request, source);
  }

  @SegmentCall(['page', 'p'])
  page(@Req() request: FastifyRequest, @Source() source: AuthenticatedSource): Promise<SegmentAccepted> {
    return this.accept('page', request, source);
  }

  @SegmentCall(['screen', 's'])
  screen(@Req() request: FastifyRequest, @Source() source: AuthenticatedSource): Promise<SegmentAccepted> {
    return this.accept('screen', request, source);
  }

  @SegmentCall(['group', 'g'])
  group(@Req() request: FastifyRequest, @Source() source: AuthenticatedSource): Promise<SegmentAccepted> {
    return this.accept('group', request, source);
  }

  @SegmentCall(['alias', 'a'])
  alias(@Req() request: FastifyRequest, @Source() source: AuthenticatedSource): Promise<SegmentAccepted> {
    return this.accept('alias', request, source);
  }

  @SegmentCall(['batch', 'b'])
  batch(@Req() request: FastifyRequest, @Source() source: AuthenticatedSource): Promise<SegmentAccepted> {
    return this.accept('batch', request, source);
  }

  /** analytics.js loads this before it sends anything; the key is only echoed, never looked up. */
  @Get('projects/:writeKey/settings')
  @Header('access-control-allow-origin', '*')
  @Header('cache-control', 'no-store')
  settings(@Param('writeKey') writeKey: string, @Headers('host') host: string | undefined): ReturnType<typeof segmentSettings> {
    return segmentSettings(writeKey, `${host ?? 'localhost'}/v1`);
  }

  private accept(route: SegmentRoute, request: FastifyRequest, source: AuthenticatedSource): Promise<SegmentAccepted> {
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
