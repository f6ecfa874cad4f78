import { Body, Controller, Headers, HttpCode, Post, UseGuards } from '@nestjs/common';
import { type AuthenticatedSource, Source } from '../auth/authenticated-source';
import { WriteKeyGuard } from '../auth/write-key.guard';
import { type AcceptedEvents, EventsService } from './events.service';
import { DocumentNativeEvents } from './events.open-api';

@Controller('v1/events')
@UseGuards(WriteKeyGuard)
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @HttpCode(202)
  @DocumentNativeEvents()
  accept(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Source() source: AuthenticatedSource): Promise<AcceptedEvents> {
    return this.events.accept({ body, contentType, source });
  }
}
