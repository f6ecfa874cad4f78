import { Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type OriginCheckedRoute, SourceOriginCheck } from '../browsers/source-origin.check';
import { SourceRateLimiter } from '../limits/source-rate-limiter';
import { attachSource } from './authenticated-source';
import { WriteKeyAuthenticator } from './write-key.authenticator';

/**
 * What the write-key guards do with a presented key: authenticate it (401), check the browser
 * origin (403) before the rate limit (429), so that another site's refused calls do not use up the
 * source's tokens, then attach the source for `@Source()`.
 */
@Injectable()
export class WriteKeyAdmission {
  constructor(
    private readonly authenticator: WriteKeyAuthenticator,
    private readonly rateLimiter: SourceRateLimiter,
    private readonly origins: SourceOriginCheck,
  ) {}

  async admit(request: FastifyRequest, key: string, route: OriginCheckedRoute): Promise<void> {
    const source = await this.authenticator.authenticate(key);
    this.origins.admit(source, request.headers.origin, route);
    await this.rateLimiter.admit(source.keyId);
    attachSource(request, source);
  }
}
