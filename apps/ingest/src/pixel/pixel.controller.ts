import { Controller, Get, Header, Headers, Query } from '@nestjs/common';
import { TRANSPARENT_GIF } from './pixel-hit';
import { DocumentPixel } from './pixel.open-api';
import { PixelService } from './pixel.service';

/** `GET /v1/pixel.gif?k=KEY&lead=ID&type=…`: the GIF whatever happens; the outcome goes to metrics only. */
@Controller('v1')
export class PixelController {
  constructor(private readonly pixel: PixelService) {}

  @Get('pixel.gif')
  @Header('content-type', 'image/gif')
  @Header('cache-control', 'no-store')
  @DocumentPixel()
  async gif(@Query() query: Record<string, unknown>, @Headers() headers: Record<string, string | string[] | undefined>): Promise<Buffer> {
    await this.pixel.record({ query: query ?? {}, headers });
    return TRANSPARENT_GIF;
  }
}
