import { type OpenApiOptions } from '@leadscore/http';

/** Ingest's OpenAPI document: the one integrators need (native, Segment and pixel routes). */
export const INGEST_OPEN_API: OpenApiOptions = {
  title: 'Leadscore ingest',
  description:
    'Send lead behaviour events: the native API, the Segment HTTP Tracking API (stock SDKs send here unchanged) and a tracking pixel. ' +
    'Every 4xx body is `{"errors": [{"path", "message"}]}` (Segment routes add `"success": false`). CORS on every `/v1` route. ' +
    'Requests are rate limited per client address before authentication and per source after (429 with Retry-After). ' +
    'See docs/events.md for the event contract and its limits.',
  securitySchemes: {
    writeKey: { type: 'http', scheme: 'bearer', description: "A source's write key: `Authorization: Bearer KEY`" },
    segmentBasic: { type: 'http', scheme: 'basic', description: 'Segment style: the write key as the user name, no password' },
  },
};
