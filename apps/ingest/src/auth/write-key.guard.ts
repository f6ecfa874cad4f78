import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { Unauthorized } from '@leadscore/http';
import { presentedWriteKey } from './presented-write-key';
import { WriteKeyAdmission } from './write-key-admission';

/** Lets a request through only with a valid write key, and attaches its source for `@Source()`. */
@Injectable()
export class WriteKeyGuard implements CanActivate {
  constructor(private readonly admission: WriteKeyAdmission) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedWriteKey({
      authorization: request.headers.authorization,
      queryKey: (request.query as Record<string, unknown> | undefined)?.k,
    });
    if (!presented.ok) throw new Unauthorized('authorization', presented.message);
    await this.admission.admit(request, presented.key, 'native');
    return true;
  }
}
