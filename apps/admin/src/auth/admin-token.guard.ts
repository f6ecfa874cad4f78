import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { type FastifyRequest } from 'fastify';
import { Unauthorized } from '@leadscore/http';
import { ADMIN_TOKEN } from '../admin.tokens';

/** The ops API takes `Authorization: Bearer ADMIN_TOKEN`, compared in constant time. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(ADMIN_TOKEN) token: string) {
    this.expected = digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new Unauthorized('authorization', 'expected "Bearer <admin token>"');
    if (!timingSafeEqual(digest(match[1].trim()), this.expected)) throw new Unauthorized('authorization', 'the admin token is not valid');
    return true;
  }
}

// Hashing first makes both sides the same length, which timingSafeEqual requires.
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
