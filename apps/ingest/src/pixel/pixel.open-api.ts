import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LEAD_ID_PATTERN, EVENT_TYPE_PATTERN } from '@leadscore/contracts';

/** `GET /v1/pixel.gif` in the document: always the GIF, so no error responses to describe. */
export function DocumentPixel(): MethodDecorator {
  return applyDecorators(
    ApiTags('pixel'),
    ApiOperation({
      summary: 'Tracking pixel',
      description:
        'Always answers the 1×1 GIF with `Cache-Control: no-store`, whatever happens (errors go to metrics, never to the page). ' +
        'Other query parameters become properties. `Sec-GPC: 1` or `DNT: 1`: the GIF, nothing recorded. The event is checked like a native one.',
    }),
    ApiQuery({ name: 'k', required: true, description: 'The source write key', schema: { type: 'string', example: 'dev-write-key' } }),
    ApiQuery({ name: 'lead', required: true, schema: { type: 'string', pattern: LEAD_ID_PATTERN.source, example: 'jane@acme.test' } }),
    ApiQuery({ name: 'type', required: false, schema: { type: 'string', pattern: EVENT_TYPE_PATTERN.source, default: 'email_open' } }),
    ApiQuery({ name: 'eventId', required: false, description: 'The dedupe key within the lead' }),
    ApiQuery({ name: 'source', required: false }),
    ApiProduces('image/gif'),
    ApiOkResponse({ description: 'The 1×1 transparent GIF', content: { 'image/gif': { schema: { type: 'string', format: 'binary' } } } }),
  );
}
