import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type LeadscoreConfig } from '@leadscore/config';
import { RateLimited, toErrorResponse } from '@leadscore/http';
import { type IngestMetrics } from '../ingest.metrics';
import { TRANSPARENT_GIF } from '../pixel/pixel-hit';
import { AddressBuckets } from './address-buckets';

const MAX_ADDRESSES = 100_000;
const UNLIMITED = /^\/(?:health\/|metrics(?:\?|$))/;
const PIXEL = /^\/v1\/pixel\.gif(?:\?|$)/;

/**
 * The per-client-address limit (INGEST_ADDRESS_RATE_PER_SECOND, INGEST_ADDRESS_RATE_BURST),
 * before the body is read and before the write key is looked up: invalid keys from one address
 * cost it 429s, not database round trips. In process, not in Redis: a refusal must cost nothing
 * (no round trip a flood could saturate) and keep working when Redis is down; behind N instances
 * the limit is N times this, which is still a bound. The client address is the socket's, or
 * X-Forwarded-For's only from INGEST_TRUSTED_PROXIES (Fastify's trustProxy). The pixel still
 * answers its GIF (counted `rate_limited`); health and metrics are not limited.
 */
export function limitBeforeAuth(app: NestFastifyApplication, options: { config: LeadscoreConfig; metrics: IngestMetrics }): void {
  const buckets = new AddressBuckets({
    ratePerSecond: options.config.ingestAddressRatePerSecond, burst: options.config.ingestAddressRateBurst, maxAddresses: MAX_ADDRESSES, now: Date.now,
  });
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request, reply) => {
    if (UNLIMITED.test(request.url)) return;
    const admission = buckets.take(request.ip);
    if (admission.allowed) return;
    options.metrics.addressRateLimited.inc();
    if (PIXEL.test(request.url)) {
      options.metrics.pixelHits.inc({ outcome: 'rate_limited' });
      await reply.status(200).headers({ 'content-type': 'image/gif', 'cache-control': 'no-store' }).send(TRANSPARENT_GIF);
      return;
    }
    const refusal = toErrorResponse(new RateLimited(admission.retryAfterS, `too many requests from this address; retry in ${admission.retryAfterS} s`));
    await reply.status(refusal.status).headers(refusal.headers).send(refusal.body);
  });
}
