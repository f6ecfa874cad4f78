import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { Unauthorized } from '@leadscore/http';
import { attachSource } from './authenticated-source';
import { presentedWriteKey } from './presented-write-key';
import { WriteKeyAuthenticator } from './write-key.authenticator';
import { SourceOriginCheck } from '../browsers/source-origin.check';
import { SourceRateLimiter } from '../limits/source-rate-limiter';

/** Lets a request through only with a valid write key, and attaches its source for `@Source()`. */
@Injectable()
export class WriteKeyGuard implements CanActivate {
  constructor(
    private readonly authenticator: WriteKeyAuthenticator,
    private readonly rateLimiter: SourceRateLimiter,
    private readonly origins: SourceOriginCheck,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedWriteKey({
      authorization: request.headers.authorization,
      queryKey: (request.query as Record<string, unknown> | undefined)?.k,
    });
    if (!presented.ok) throw new Unauthorized('authorization', presented.message);
    const source = await this.authenticator.authenticate(presented.key);
    this.origins.admit(source, request.headers.origin, 'native');
    await this.rateLimiter.admit(source.keyId);
    attachSource(request, source);
    return true;
  }
}
