import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { parseUntrustedJson, Unauthorized } from '@leadscore/http';
import { presentedWriteKey } from '../auth/presented-write-key';
import { WriteKeyAdmission } from '../auth/write-key-admission';
import { bodyWriteKey } from './segment-body';
import { markOptedOut, optedOut } from '../browsers/opted-out';

/**
 * Write-key auth the Segment way: Basic auth with the key as user name (or Bearer), else
 * `writeKey` in the body. A text/plain body (analytics.js) is parsed here once, in place, so
 * that its writeKey can be read; one that is not JSON is left for the service to refuse.
 * A call with `Sec-GPC: 1` or `DNT: 1` is let through unauthenticated, marked: the controller
 * answers it `{"success": true}` and records nothing (as the pixel does).
 */
@Injectable()
export class SegmentWriteKeyGuard implements CanActivate {
  constructor(private readonly admission: WriteKeyAdmission) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (optedOut(request.headers)) {
      markOptedOut(request);
      return true;
    }
    if (typeof request.body === 'string') {
      try {
        request.body = parseUntrustedJson(request.body);
      } catch {
        // Not JSON: the service answers 400 once the key is known to be good.
      }
    }
    const inBody = bodyWriteKey(request.body);
    const presented = presentedWriteKey({ authorization: request.headers.authorization, queryKey: inBody });
    if (!presented.ok) throw new Unauthorized('authorization', 'a write key is required: Basic auth with the key as user name, or writeKey in the body');
    await this.admission.admit(request, presented.key, 'segment');
    return true;
  }
}
