import { type CorsOptions } from '@leadscore/http';

/** How long a browser may reuse a preflight answer (Chromium caps it at 2 h). */
export const PREFLIGHT_MAX_AGE_S = 7200;

/** The public routes, the ones browsers call: native, Segment (long and short), settings, pixel. */
const PUBLIC_PREFIX = '/v1/';

const PUBLIC_CORS = {
  origin: '*',
  methods: ['GET', 'POST', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'X-Retry-Count'],
  maxAge: PREFLIGHT_MAX_AGE_S,
  credentials: false,
  optionsSuccessStatus: 204,
};

/**
 * CORS on the public routes, so that analytics.js on any site can send here: a preflight is
 * answered 204, every answer (errors included: the hook runs before routing) carries
 * `Access-Control-Allow-Origin: *`. No credentials: a write key travels in Authorization or the
 * body, never in a cookie. `X-Retry-Count` is what analytics.js adds on a retry. Which origins a
 * source may be used from is decided per source after authentication (SourceOriginCheck): the
 * preflight carries no key. `/health` and `/metrics` get no CORS, so that a web page cannot read
 * them through the browser of someone inside the network.
 */
export const INGEST_CORS: CorsOptions = {
  delegator: (request, callback) => callback(null, request.url?.startsWith(PUBLIC_PREFIX) ? PUBLIC_CORS : { origin: false }),
};
