import { type CorsOptions } from '@leadscore/http';

/** How long a browser may reuse a preflight answer (Chromium caps it at 2 h). */
export const PREFLIGHT_MAX_AGE_S = 7200;

/**
 * CORS on every ingest route, so that analytics.js on any site can send here: a preflight is
 * answered 204, every answer (errors included, from the hook that runs before routing) carries
 * `Access-Control-Allow-Origin: *`. No credentials: a write key travels in Authorization or the
 * body, never in a cookie. `X-Retry-Count` is what analytics.js adds on a retry. Which origins a
 * source may be used from is decided per source after authentication (SourceOriginCheck); the
 * preflight cannot know the source, as it carries no key.
 */
export const INGEST_CORS: CorsOptions = {
  origin: '*',
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'X-Retry-Count'],
  maxAge: PREFLIGHT_MAX_AGE_S,
  credentials: false,
  optionsSuccessStatus: 204,
};
